"""One nbgrader round trip in a temporary copy of the course root, shared by the tests here.

release -> hand in every scenario -> one autograde invocation -> feedback. The real
nbgrader CLI and a real gradebook, through course_instructor/commands.py as an instructor runs it.
"""

from __future__ import annotations

from pathlib import Path

import hostile_submissions as hostile
import nbgrader_submissions as subs
import pytest
from nbgrader_submissions import HOSTILE_ASSIGNMENT, instructor


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    """A fresh copy of the course root (config + sources only) with every assignment released."""
    root = subs.course_copy(tmp_path_factory.mktemp("course") / "assignments")
    done = instructor(root, "release")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="session")
def assignments(course) -> list[str]:
    return sorted(p.name for p in (course / "source").iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def graded(course, assignments):
    """Every scenario handed in and graded in one autograde run, then feedback generated."""
    for aid in assignments:
        subs.hand_in(course, "solution", aid, *subs.solution(course, aid))
        subs.hand_in(course, "untouched", aid, *subs.untouched_release(course, aid))
    for student, factory in subs.HOSTILE.items():
        subs.hand_in(course, student, HOSTILE_ASSIGNMENT, *factory(course, HOSTILE_ASSIGNMENT))
    for student, factory in hostile.HOSTILE.items():
        subs.hand_in(course, student, HOSTILE_ASSIGNMENT, *factory(course, HOSTILE_ASSIGNMENT))
    autograde = instructor(course, "autograde")
    feedback = instructor(course, "feedback")
    return {"root": course, "autograde": autograde, "feedback": feedback}
