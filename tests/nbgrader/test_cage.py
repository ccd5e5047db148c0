"""Each grading kernel is its own cage (issue 22), on the real route: `course-instructor
autograde` and `feedback` over one class where a fork bomb, a memory hog and a disk fill sit
among honest submissions, in a course copy whose config runs trainee code as written (read as
data taken away), so the cage alone must hold. The honest ones are graded as if alone."""

from __future__ import annotations

import hostile_submissions as hostile
import nbgrader_submissions as subs
import pytest
from nbgrader_submissions import HOSTILE_ASSIGNMENT, instructor
from test_roundtrip import auto_scores

pytestmark = pytest.mark.nbgrader
# sorted after the attackers: the pool grades the attackers first, the honest meanwhile
HONEST = ["y_honest_a", "y_honest_b", "y_honest_c", "y_honest_d"]
WITHOUT_READ_AS_DATA = """
# test_cage.py: the first barrier taken away, trainee code runs as written
c.Autograde.sanitize_preprocessors = [p for p in c.Autograde.sanitize_preprocessors
                                      if p is not ReadAsData]
"""
# a feedback step that never ends for one trainee: a stand-in for any stall still unknown
# (issue 22's was the hidden-test regex); z_ sorts it last, after the class it holds up
STALL = """
import time
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class StallFor(Preprocessor):
    enabled = Bool(True)  # nbconvert registers a plain preprocessor switched off

    def preprocess(self, nb, resources):
        if resources["nbgrader"]["student"] == "z_stalls_feedback":
            time.sleep(3600)
        return nb, resources


c.GenerateFeedback.preprocessors = [*c.GenerateFeedback.preprocessors, StallFor]
"""
STALLED = "z_stalls_feedback"


@pytest.fixture(scope="module")
def caged(tmp_path_factory):
    root = subs.course_copy(tmp_path_factory.mktemp("caged") / "assignments")
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(WITHOUT_READ_AS_DATA + STALL)
    done = instructor(root, "release")
    assert done.returncode == 0, done.stdout + done.stderr
    for student in HONEST:
        subs.hand_in(root, student, HOSTILE_ASSIGNMENT, *subs.solution(root, HOSTILE_ASSIGNMENT))
    subs.hand_in(root, "y_untouched", HOSTILE_ASSIGNMENT,
                 *subs.untouched_release(root, HOSTILE_ASSIGNMENT))
    for student, factory in hostile.CAGED.items():
        subs.hand_in(root, student, HOSTILE_ASSIGNMENT, *factory(root, HOSTILE_ASSIGNMENT))
    subs.hand_in(root, STALLED, HOSTILE_ASSIGNMENT, *subs.solution(root, HOSTILE_ASSIGNMENT))
    autograde = instructor(root, "autograde")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_FEEDBACK_SECONDS", "15")
        feedback = instructor(root, "feedback")
    return {"root": root, "autograde": autograde, "feedback": feedback}


def named(done) -> set[str]:
    return {line.split(",")[0].removeprefix("  trainee ")
            for line in done.stderr.splitlines() if line.startswith("  trainee ")}


def test_trainee_code_did_run_in_this_class(caged):
    """The attacks were live: the answer cell still holds the trainee's code, not a literal."""
    import nbformat

    path = caged["root"] / "autograded" / "x_fork_hold" / HOSTILE_ASSIGNMENT
    nb = nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)
    assert any("os.fork()" in c.source and c.cell_type == "code" for c in nb.cells)


def test_every_honest_submission_is_graded_in_full(caged):
    scores = auto_scores(caged["root"])
    for student in HONEST:
        score, maximum = scores[student][HOSTILE_ASSIGNMENT]
        assert maximum > 0 and score == maximum, (student, caged["autograde"].stderr[-3000:])
    assert scores["y_untouched"][HOSTILE_ASSIGNMENT][0] == 0
    for step in ("autograde", "feedback"):  # a failure names attackers only, never the honest
        assert named(caged[step]) <= {*hostile.CAGED, STALLED}, caged[step].stderr[-3000:]
        assert "Traceback" not in caged[step].stderr


def test_a_stalled_feedback_costs_that_submission_only(caged):
    """Its own run is killed at the limit and it is named; every other page is written."""
    assert caged["feedback"].returncode == 1
    assert f"trainee {STALLED}, assignment {HOSTILE_ASSIGNMENT}: feedback took longer than 15 s" \
        in caged["feedback"].stderr, caged["feedback"].stderr[-3000:]
    assert not (caged["root"] / "feedback" / STALLED).joinpath(HOSTILE_ASSIGNMENT).exists()


def test_no_honest_kernel_died_on_the_way(caged):
    """Each was graded by its worker at the first try, beside the attacks: none needed the
    one-at-a-time retry after the attacks were over (issue 22: kernels died while a fork bomb
    held the shared account's processes, and were graded again or not at all)."""
    again = {line.split("/")[1] for line in caged["autograde"].stdout.splitlines()
             if "grading it again alone" in line}
    assert not again & {*HONEST, "y_untouched"}, caged["autograde"].stdout[-3000:]


def test_honest_feedback_is_written(caged):
    for student in [*HONEST, "y_untouched"]:
        page = caged["root"] / "feedback" / student / HOSTILE_ASSIGNMENT
        assert (page / f"{HOSTILE_ASSIGNMENT}.html").is_file(), caged["feedback"].stderr[-3000:]


def test_no_attacker_scores_and_no_cage_is_left_behind(caged):
    from pathlib import Path

    scores = auto_scores(caged["root"])
    for student in hostile.CAGED:
        assert scores.get(student, {}).get(HOSTILE_ASSIGNMENT, (0, 0))[0] == 0, student
    left = [p for p in Path("/sys/fs/cgroup").glob("*/course-grading/course-kernel-*")
            if p.is_dir()] + [p for p in Path("/sys/fs/cgroup").glob("course-grading/course-*")]
    assert left == []
