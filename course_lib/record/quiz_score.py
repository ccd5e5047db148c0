"""A module's running score for the single-question widgets, read from the learner record.

The score of a module is the sum, over its graded questions, of the best score the learner
has reached (unanswered = 0), out of the number of graded questions: the same best-score rule
as the progress overview, so the line under a question and the overview agree. Likert items
are recorded, never graded, and are not among the ids. No widgets, no bank: the caller passes
the graded ids it already has.
"""

from __future__ import annotations

from . import store as record


def module_total(graded_ids) -> tuple[float, int]:
    """(sum of best scores, number of graded questions); raises RecordError if unreadable."""
    ids = tuple(graded_ids)
    best = record.best_scores(ids)
    return sum(best.get(qid) or 0.0 for qid in ids), len(ids)
