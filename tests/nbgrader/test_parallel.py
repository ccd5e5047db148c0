"""`make autograde` grades on every core (grading workers, course_instructor/grading/worker.py) and
gives the
scores that nbgrader's own serial run gives for the same submissions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbgrader_submissions as subs
import pytest
from nbgrader_submissions import instructor
from test_roundtrip import auto_scores

pytestmark = pytest.mark.nbgrader
STUDENTS = ["solution", "untouched", *subs.HOSTILE]  # every assignment, every honest scenario


@pytest.fixture(scope="module")
def serial(graded, tmp_path_factory) -> Path:
    """The same submissions in a fresh course copy, graded by one `nbgrader autograde "*"`."""
    root = subs.course_copy(tmp_path_factory.mktemp("serial") / "assignments")
    done = instructor(root, "release")
    assert done.returncode == 0, done.stdout + done.stderr
    for student in STUDENTS:
        shutil.copytree(graded["root"] / "submitted" / student, root / "submitted" / student)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run([str(bin_dir / "nbgrader"), "autograde", "*"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def test_parallel_scores_equal_one_serial_nbgrader_run(graded, serial):
    parallel, alone = auto_scores(graded["root"]), auto_scores(serial)
    assert sorted(alone) == sorted(STUDENTS)
    assert {s: parallel[s] for s in STUDENTS} == alone


def test_grading_ran_in_more_than_one_worker(graded):
    """The class was shared out: the run says how many workers graded it."""
    out = graded["autograde"].stdout
    assert "worker(s)" in out
    workers = int(out.split(" worker(s)")[0].split()[-1])
    assert workers > 1, out[-2000:]
