"""The course's late policy, applied at autograde (nbgrader's AssignLatePenalties step).

A late submission is graded and recorded with its time (the gradebook keeps the submission
timestamp and how many seconds late it was); its score then loses `per_day` of itself for
each started day past the deadline, at most `cap` of it. Civil servants are sometimes
called away for a day: late work still counts, but less. Change the two numbers in
nbgrader_config.py (c.LatePolicy.per_day / c.LatePolicy.cap) to change the policy.
"""

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class LatePolicy(LateSubmissionPlugin):
    per_day = Float(0.1, help="share of the score lost per started day late").tag(config=True)
    cap = Float(0.5, help="the most a late submission can lose, as a share").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        if total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        penalty = round(score * min(self.cap, self.per_day * days), 2)
        self.log.warning(
            "ХОЦОРСОН: %s, %d хоног — оноо %.2f-оор буурав. / LATE: %s, %d day(s): "
            "penalty %.2f of %.2f.", student_id, days, penalty, student_id, days, penalty, score)
        return penalty
