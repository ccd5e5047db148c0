"""An instructor grades trainees' reflections in formgrader, in a real browser.

A temporary copy of the course root is released, one trainee's submission is handed in and
autograded with the real CLI (course_instructor/commands.py); then JupyterLab serves that course and
the instructor opens the submission in formgrader, sees each reflection's rubric, types a score
for one and gives full credit for the other. The scores land in the real gradebook, and
`instructor.py report` no longer lists the submission as waiting for hand grading.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbgrader_submissions as subs  # tests/nbgrader, on the path from tests/conftest.py
import pytest
from labserver import open_page, serve_lab

AID = "a01_definition"
STUDENT = "tuya"
TYPED, FULL = "a01-r1-answer", "a01-r2-answer"  # the two hand-graded reflections, 5 points each


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = subs.course_copy(tmp_path_factory.mktemp("formgrader") / "assignments")
    released = subs.instructor(root, "release")
    assert released.returncode == 0, released.stdout + released.stderr
    subs.hand_in(root, STUDENT, AID, *subs.solution(root, AID))
    graded = subs.instructor(root, "autograde")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    return root


def _grade(root: Path, grade_id: str):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        grade = gb.find_grade(grade_id, AID, AID, STUDENT)
        return grade.manual_score, grade.max_score


def _wait_for_score(root: Path, grade_id: str, expected: float) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _grade(root, grade_id)[0] == expected:
            return
        time.sleep(0.3)
    raise AssertionError(f"{grade_id}: gradebook has {_grade(root, grade_id)}, not {expected}")


def _pending(root: Path) -> str:
    """The report's 'to grade' column for the assignment."""
    report = subs.instructor(root, "report")
    assert report.returncode == 0, report.stdout + report.stderr
    line = next(x for x in report.stdout.splitlines() if x.startswith(AID))
    return line.split()[-1]


@pytest.mark.browser
def test_instructor_grades_reflections_in_formgrader(browser, course):
    from nbgrader.api import Gradebook

    assert _grade(course, TYPED) == (None, 5.0) and _pending(course) == "1"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(AID, AID, STUDENT).id
    with serve_lab(course) as url, open_page(browser, url) as page:
        page.goto(f"{url}/formgrader/submissions/{submission}")
        typed = page.locator(f"input#{TYPED}")
        typed.wait_for(timeout=60_000)
        # the grader sees the rubric in the reflection itself (criteria and points)
        page.get_by_text("Үнэлгээ / rubric (5 оноо)").first.wait_for()
        typed.fill("4")
        typed.press("Tab")  # formgrader saves a score on change
        _wait_for_score(course, TYPED, 4.0)
        full = page.locator(".nbgrader_cell", has=page.locator(f"input#{FULL}"))
        full.locator("button.full-credit").click()
        _wait_for_score(course, FULL, 5.0)
        assert page.locator(f"input#{FULL}").input_value() == "5"
    assert _pending(course) == "0"  # the report no longer lists it as waiting


@pytest.mark.browser
def test_formgrader_on_one_machine_releases_and_collects(browser, tmp_path):
    """assignments/README.md's one-machine formgrader route, by its own commands in a fresh
    copy: `make release` releases to the course's local exchange, `make lab-instructor` shows
    the assignment released with a Collect button and no missing-exchange warning; a trainee
    on the same machine fetches and submits with nbgrader's own commands, the instructor clicks
    Collect, and the submission lands in submitted/ with collect's time on record."""
    import os
    import pwd
    import subprocess
    import sys

    from readme_servers import LAB_ARGS, make_server, repo_copy

    from course_instructor.grading import keys
    from course_lib.grading import answers_file

    root = repo_copy(tmp_path / "course")
    made = subprocess.run(["make", "-s", "release"], cwd=root, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    exchange = root / "assignments" / "exchange"
    assert "released to the local exchange" in made.stdout
    env = dict(os.environ, COURSE_LOCAL_EXCHANGE=str(exchange),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")

    def trainee(*args):
        done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=root,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]

    trainee("fetch_assignment", AID)
    fetched = exchange / "fetched" / AID
    for item, value in keys.widget_keys(root / "assignments" / "source" / AID
                                        / f"{AID}.ipynb").items():
        answers_file.save(item, value, fetched / "answers.json")  # the trainee's clicks
    trainee("submit", AID)
    me = pwd.getpwuid(os.getuid()).pw_name

    with make_server(root, "lab-instructor", "/api/status", LAB_ARGS) as (base, _, log):
        with open_page(browser, base) as page:
            page.goto(f"{base}/formgrader/manage_assignments")
            row = page.locator("tr", has=page.locator("td", has_text=AID)).first
            row.locator("td.status", has_text="released").wait_for(timeout=60_000)
            assert page.locator("#warning-exchange").count() == 0
            # DataTables draws the rows again after loading: wait for, never count, a control;
            # the controls are icon-only links, so attached (not "visible") is what to wait for
            collect = row.locator("td.collect a")
            try:
                collect.wait_for(state="attached", timeout=90_000)
            except Exception:  # noqa: BLE001 (say what the page showed instead)
                api = page.request.get(f"{base}/formgrader/api/assignment/{AID}").text()
                raise AssertionError(f"no Collect control; row: {row.inner_html()[:1500]}; "
                                     f"api: {api[:800]}; log: {log.read_text()[-1500:]}"
                                     ) from None
            collect.dispatch_event("click")  # formgrader's own click handler, as a click runs it
            page.get_by_text(f"Successfully collected submissions of '{AID}'").first.wait_for(
                timeout=120_000)
    folder = root / "assignments" / "submitted" / me / AID
    assert (folder / "answers.json").is_file(), log.read_text()[-3000:]
    record = root / "assignments" / "collected" / me / AID / "timestamp.txt"
    assert record.read_text() == (folder / "timestamp.txt").read_text()
