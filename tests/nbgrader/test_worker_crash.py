"""A grading worker that dies in the middle of a submission costs nobody a grade: the
submission it held is graded again on its own (nbgrader's CLI, `--force`), a new worker takes
the rest of the queue, and every score is what a run where nothing died gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbgrader_submissions as subs
import pytest
from nbgrader_submissions import HOSTILE_ASSIGNMENT, instructor
from test_roundtrip import auto_scores

from course_instructor.grading import batch as grading_batch

pytestmark = pytest.mark.nbgrader
AID = HOSTILE_ASSIGNMENT
VICTIM = "a-victim"  # sorts first: its worker dies before the others are taken


def test_a_worker_killed_mid_submission(graded, tmp_path, monkeypatch):
    root = subs.course_copy(tmp_path / "assignments")
    done = instructor(root, "release")
    assert done.returncode == 0, done.stdout + done.stderr
    handed_in = graded["root"] / "submitted"
    for student, like in ((VICTIM, "solution"), ("solution", "solution"),
                          ("untouched", "untouched")):
        shutil.copytree(handed_in / like / AID, root / "submitted" / student / AID)

    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    alone = []

    def run(*args):
        alone.append(args)
        return subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=root, env=env,
                              capture_output=True, text=True)

    ask, killed = grading_batch.Worker.ask, []

    def dies_on_the_victim(worker, job):
        if job and job[0] == VICTIM and not killed:
            worker.proc.stdin.write(json.dumps(job) + "\n")  # it has taken the job...
            worker.proc.stdin.flush()
            worker.proc.kill()  # ...and dies with it
            killed.append(worker.proc.pid)
        return ask(worker, job)

    monkeypatch.setattr(grading_batch.Worker, "ask", dies_on_the_victim)
    count, failures = grading_batch.grade_all(root, run, workers=1, env=env)

    assert killed, "the worker was never given the victim's submission"
    assert (count, failures) == (3, [])
    # only the victim, from the grader's own vetted copy
    assert alone == [("autograde", AID, "--student", VICTIM, "--force",
                      "--CourseDirectory.submitted_directory=staged")]
    scores = {s: a[AID] for s, a in auto_scores(root).items()}
    expected = {s: auto_scores(graded["root"])[s][AID] for s in ("solution", "untouched")}
    assert scores == {VICTIM: expected["solution"], **expected}
