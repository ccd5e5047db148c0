"""course_instructor/grading/short_answers.py: the accepted list of a short answer is edited
where the hidden test keeps it, and answers are read back as data."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import pytest

from course_instructor.grading import keys, short_answers

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path):
    shutil.copytree(REPO / "assignments" / "source" / "a01_definition",
                    tmp_path / "source" / "a01_definition")
    return tmp_path


def accepted(root: Path, test_id: str) -> list[str]:
    nb = nbformat.read(root / "source" / "a01_definition" / "a01_definition.ipynb", 4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == test_id)
    hidden = keys.HIDDEN.search(cell.source).group(1)
    call = next(n for n in ast.walk(ast.parse(hidden)) if isinstance(n, ast.Call)
                and ast.unparse(n.func) == "cl.graded_text")
    return ast.literal_eval(call.args[1])


def test_an_accepted_answer_joins_the_hidden_list_once(root):
    before = accepted(root, "a01-t1-test")
    assert short_answers.add_accepted(root, "a01.t1", 'үр "нөлөөнд"') == ("a01_definition", True)
    assert accepted(root, "a01-t1-test") == [*before, 'үр "нөлөөнд"']
    assert short_answers.add_accepted(root, "a01.t1", 'үр "нөлөөнд"') == ("a01_definition", False)
    assert accepted(root, "a01-t1-test") == [*before, 'үр "нөлөөнд"']
    assert accepted(root, "a01-t2-test")  # the other item untouched
    assert 'үр "нөлөөнд"' not in accepted(root, "a01-t2-test")


@pytest.mark.parametrize("item, answer, says", [
    ("a01.q1", "x", "not a short-answer item"),
    ("a01.t9", "x", "no autograder cell"),
    ("a01.t1", "  ", "empty answer"),
])
def test_what_cannot_be_accepted_is_said_in_a_line(root, item, answer, says):
    with pytest.raises(short_answers.AcceptError, match=says):
        short_answers.add_accepted(root, item, answer)


def test_answers_not_accepted_are_grouped_with_counts(tmp_path):
    def answered(student, text):
        folder = tmp_path / "autograded" / student / "a01_definition"
        folder.mkdir(parents=True)
        cell = nbformat.v4.new_code_cell(f"answer = {text!r}  # note")
        cell.metadata["nbgrader"] = {"grade_id": "a01-t1-answer"}
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "a01_definition.ipynb")

    for student, text in (("s1", "үр нөлөөнд"), ("s2", "Үр  нөлөөнд"), ("s3", "шинэ"),
                          ("s4", "")):
        answered(student, text)
    failed = [("a01_definition", s, "a01-t1-test") for s in ("s1", "s2", "s3", "s4")]
    rows = short_answers.unaccepted(tmp_path, failed)
    assert [(r["item"], r["answer"], r["count"]) for r in rows] == [
        ("a01.t1", "үр нөлөөнд", 2), ("a01.t1", "шинэ", 1)]
