"""The nbgrader round trip: release, autograde (solutions, untouched, hostile), feedback."""

from __future__ import annotations

import json
from pathlib import Path

import hostile_submissions as hostile
import nbformat
import nbgrader_submissions as subs
import pytest
from nbgrader.api import Gradebook
from nbgrader_submissions import HOSTILE_ASSIGNMENT, instructor

pytestmark = pytest.mark.nbgrader

EXPECTED = json.loads((Path(__file__).parent / "expected_scores.json").read_text(encoding="utf-8"))


def auto_scores(root: Path) -> dict:
    """student -> assignment -> (automatic score, automatic maximum) from the gradebook."""
    scores: dict = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                scores.setdefault(sub.student.id, {})[assignment.name] = (sub.code_score,
                                                                           sub.max_code_score)
    return scores


def test_release_holds_no_key_or_solution(course, assignments):
    for aid in assignments:
        secrets = subs.keys.secret_lines(course / "source" / aid / f"{aid}.ipynb")
        assert secrets, f"{aid}: no hidden tests or solutions found in the source"
        nb = nbformat.read(course / "release" / aid / f"{aid}.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert subs.keys.find_leaks(text, secrets) == []
        assert not (course / "release" / aid / "answers.json").exists()


def test_every_widget_item_has_a_hidden_key(course, assignments):
    for aid in assignments:
        nb = nbformat.read(course / "source" / aid / f"{aid}.ipynb", as_version=4)
        items = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                 if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-item")}
        keys = subs.keys.widget_keys(course / "source" / aid / f"{aid}.ipynb")
        assert {i.replace("-", ".").removesuffix(".item") for i in items} == set(keys)


def test_autograde_and_feedback_fail_loudly_naming_only_the_refused(graded):
    """One refused submission never stops the class: the rest is graded, the run exits 1."""
    for step in ("autograde", "feedback"):
        done = graded[step]
        assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
        named = {line.split(",")[0].removeprefix("  trainee ")
                 for line in done.stderr.splitlines() if line.startswith("  trainee ")}
        assert named == hostile.REFUSED | hostile.UNGRADABLE, done.stderr[-3000:]
    assert "Traceback" not in graded["autograde"].stderr


def test_solutions_get_full_automatic_marks(graded, assignments):
    scores = auto_scores(graded["root"])
    for aid in assignments:
        score, maximum = scores["solution"][aid]
        assert maximum > 0 and score == maximum, aid


def test_untouched_release_scores_zero(graded, assignments):
    scores = auto_scores(graded["root"])
    got = {aid: scores["untouched"][aid][0] for aid in assignments}
    assert got == dict.fromkeys(assignments, 0)


def test_scores_match_stored_expectations(graded):
    scores = auto_scores(graded["root"])
    got = {student: {aid: s for aid, (s, _) in per.items()} for student, per in scores.items()}
    assert got == EXPECTED["auto_scores"]
    maxima = {aid: m for per in scores.values() for aid, (_, m) in per.items()}
    assert maxima == EXPECTED["auto_max"]


@pytest.mark.parametrize("student", ["invalid_json", "missing_answers"])
def test_answer_file_problem_is_reported(graded, student):
    assert f"submitted/{student}/{HOSTILE_ASSIGNMENT}" in graded["autograde"].stdout
    page = graded["root"] / "feedback" / student / HOSTILE_ASSIGNMENT / f"{HOSTILE_ASSIGNMENT}.html"
    text = subs.keys.html_text(page.read_text(encoding="utf-8"))
    assert "answers.json" in text  # the message the trainee reads says which file is at fault


def _autograded(graded, student: str):
    path = graded["root"] / "autograded" / student / HOSTILE_ASSIGNMENT
    return nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)


def test_code_in_an_answer_cell_is_not_run_and_says_why(graded):
    """The flood (and the loop) sit before the answer: read as data, the cell is empty."""
    for student in ("output_flood", "infinite_loop"):
        cell = subs._cell(_autograded(graded, student), "a01-t1-answer")
        assert not cell.outputs and cell.source.endswith('answer = ""'), student
        assert "Other code was found" in cell.source


def test_output_flood_loses_exactly_the_answer_it_buried(graded):
    """output_flood expects 5 of 6, not the 6 it had when trainee code ran.

    Its first short-answer cell is a print loop followed by `answer = "<right answer>"`. A short
    answer is read as data: only a cell that is exactly `answer = "..."` counts, because then the
    graded text is what the trainee sees between the quotes, and any code around it (which
    could change `answer`, or print a key) never runs. So this cell is graded as an empty
    answer, costing that item's point and nothing else: the loop never ran, so no output, and
    every other item scores as in the solution."""
    with Gradebook(f"sqlite:///{graded['root'] / 'gradebook.db'}") as gb:
        def points(student):
            nb = gb.find_submission_notebook(HOSTILE_ASSIGNMENT, HOSTILE_ASSIGNMENT, student)
            return {g.name: g.score for g in nb.grades if g.cell_type == "code"}

        flood, solution = points("output_flood"), points("solution")
    buried = "a01-t1-test"
    assert solution[buried] > 0 and flood[buried] == 0
    assert {k: v for k, v in flood.items() if k != buried} == {
        k: v for k, v in solution.items() if k != buried}
    assert sum(flood.values()) == EXPECTED["auto_scores"]["output_flood"][HOSTILE_ASSIGNMENT]
    cell = subs._cell(_autograded(graded, "output_flood"), "a01-t1-answer")
    assert not cell.outputs and "Other code was found" in cell.source


def test_feedback_has_no_hidden_test_text(graded, assignments):
    root = graded["root"]
    pages = sorted((root / "feedback").rglob("*.html"))
    graded_hostile = len(hostile.HOSTILE) - len(hostile.REFUSED) - len(hostile.UNGRADABLE)
    assert len(pages) == 2 * len(assignments) + len(subs.HOSTILE) + graded_hostile
    for page in pages:
        aid = page.parent.name
        secrets = subs.keys.secret_lines(root / "source" / aid / f"{aid}.ipynb", solutions=False)
        text = subs.keys.html_text(page.read_text(encoding="utf-8"))
        # solution markers may show: the "solution" student handed in the source notebook itself;
        # a trainee who typed a marker or a key line sees their own words (hostile.OWN_WORDS)
        own = hostile.OWN_WORDS.get(page.parts[-3], set())
        assert set(subs.keys.find_leaks(text, secrets, subs.keys.HIDDEN_MARKERS)) == own, page
        assert ("assert chosen ==" in text) == bool(own), page
        assert "graded_text(answer" not in text, page


def test_feedback_shows_the_chosen_answer_instead_of_a_widget(graded):
    folder = graded["root"] / "feedback" / "solution" / HOSTILE_ASSIGNMENT
    html = (folder / f"{HOSTILE_ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in html
    assert "Сонгосон хариулт" in subs.keys.html_text(html)


def test_grades_csv_lists_every_student(graded):
    done = instructor(graded["root"], "grades")
    assert done.returncode == 0, done.stderr
    csv = (graded["root"] / "grades.csv").read_text(encoding="utf-8")
    for student in ("solution", "untouched", *subs.HOSTILE):
        assert student in csv


def test_report_shows_every_assignment(graded, assignments):
    done = instructor(graded["root"], "report")
    assert done.returncode == 0, done.stderr
    for aid in assignments:
        assert aid in done.stdout


def test_report_lists_how_many_got_each_autograded_item(graded):
    # module 02 was handed in twice: the solution (every item right) and untouched (none)
    source = graded["root"] / "source" / "a02_wave" / "a02_wave.ipynb"
    tests = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(source, 4).cells
             if c.metadata.get("nbgrader", {}).get("grade")
             and not c.metadata["nbgrader"].get("solution")]
    report = instructor(graded["root"], "report").stdout
    items = report.split("Autograded items, hardest first", 1)[1].splitlines()
    rows = {line.split()[1]: line.split()[2] for line in items if line.startswith("  a02_wave")}
    assert tests and rows == {grade_id: "1/2" for grade_id in tests}
    shares = [float(line.split()[-1].rstrip("%")) for line in items if line.startswith("  a")]
    assert shares == sorted(shares)  # the hardest items come first
