"""ReadAsData on in-memory notebooks (the way nbgrader tests its preprocessors): the source
notebook's cells as the gradebook gives them, a submission built cell by cell, the preprocessor
run on it. What must hold: only instructor code and short-answer string literals survive to run."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from course_instructor.preprocessors import read_as_data
from course_instructor.preprocessors.read_as_data import ReadAsData, answer_literal, as_comment

SETUP = "import course_lib as cl\ncl.setup('a01')"
TEST = "assert answer.strip() == 'ok'"
MARKDOWN = "## Task"


def _cell(kind: str, source: str, grade_id: str | None = None, **flags):
    cell = {"code": new_code_cell, "markdown": new_markdown_cell, "raw": new_raw_cell}[kind](source)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": False, "solution": False,
                                     "locked": False, "schema_version": 3, **flags}
    return cell


class SourceNotebook:
    """What ReadAsData asks of nbgrader's gradebook: the source notebook's cells and which of
    them are solution cells (the nbgrader tier runs the real gradebook; here it is in memory,
    so a test costs milliseconds and a mutation run is feasible)."""

    def __init__(self, cells: dict[str, tuple[str, str]], solutions: set[str]):
        self.source_cells = [SimpleNamespace(name=n, cell_type=k, source=s)
                             for n, (k, s) in cells.items()]
        self.solution_cells = [SimpleNamespace(name=n) for n in solutions]


class FakeGradebook:
    opened: list[str] = []

    def __init__(self, url: str):
        self.opened.append(url)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def find_notebook(self, notebook: str, assignment: str) -> SourceNotebook:
        assert (notebook, assignment) == ("a01", "a01")
        return SourceNotebook({"setup": ("code", SETUP), "q1": ("code", 'answer = ""'),
                               "q1_test": ("code", TEST), "task": ("markdown", MARKDOWN)},
                              {"q1"})


@pytest.fixture
def run(monkeypatch):
    """Preprocess a submission against a source notebook holding a setup cell, a short-answer
    (solution) cell, a test cell and a markdown cell."""
    monkeypatch.setattr(read_as_data, "Gradebook", FakeGradebook)

    def preprocess(*cells):
        nb = new_notebook(cells=list(cells))
        resources = {"nbgrader": {"db_url": "sqlite:///gb.db", "notebook": "a01",
                                  "assignment": "a01"}}
        out, _ = ReadAsData().preprocess(nb, resources)
        assert FakeGradebook.opened[-1] == "sqlite:///gb.db"
        return out.cells

    return preprocess


def test_an_honest_submission_runs_the_source_code_and_the_answer_literal(run):
    cells = run(_cell("code", SETUP, "setup"), _cell("code", 'answer = "ok"', "q1"),
                _cell("code", TEST, "q1_test"), _cell("markdown", MARKDOWN, "task"))
    assert [c.source for c in cells] == [SETUP, "answer = 'ok'", TEST, MARKDOWN]
    assert [c.cell_type for c in cells] == ["code", "code", "code", "markdown"]


def test_edited_locked_cells_get_the_source_text_back(run):
    cells = run(_cell("code", "import os; os.system('x')", "setup"),
                _cell("code", 'answer = "ok"', "q1"),
                _cell("code", "pass  # the test, emptied", "q1_test"))
    assert [c.source for c in cells] == [SETUP, "answer = 'ok'", TEST]


@pytest.mark.parametrize("source", [
    'answer = "ok"; import os',            # a second statement
    'answer = f"{__import__(\'os\')}"',    # an f-string runs code
    'answer = "a" + "b"',                  # an expression, not a literal
    "answer = ok",                         # a name
    'answer, other = "a", "b"',            # two targets
    'answer = b"bytes"',                   # not text
    'print("hi")\nanswer = "ok"',          # code before it
    "answer = '''unterminated",            # broken
])
def test_anything_but_one_string_literal_is_graded_as_empty_and_kept_as_comments(run, source):
    [cell] = run(_cell("code", source, "q1"))
    assert cell.source.endswith('answer = ""')
    code_lines = [line for line in cell.source.splitlines() if not line.startswith("#")]
    assert code_lines == ['answer = ""']  # nothing of the trainee's runs
    assert all(f"# {line}" in cell.source for line in source.splitlines())


def test_a_literal_is_written_back_as_its_repr_whatever_it_holds(run):
    tricky = "x'\"\\n\n# \u2028 ok"
    [cell] = run(_cell("code", f"answer = {tricky!r}  # mine", "q1"))
    assert cell.source == f"answer = {tricky!r}"
    namespace: dict = {}
    exec(cell.source, namespace)  # noqa: S102  (the point: it is only a literal)
    assert namespace["answer"] == tricky


def test_added_and_duplicated_cells_become_raw_text_never_run(run):
    cells = run(_cell("code", "import os  # added by the trainee"),
                _cell("code", 'answer = "first"', "q1"),
                _cell("code", 'answer = "copy"', "q1"),   # a pasted copy keeps the grade_id
                _cell("code", "x = 1", "no_such_cell"),
                _cell("markdown", "my notes"),
                _cell("markdown", "fake task", "not_in_source"))
    kinds = [c.cell_type for c in cells]
    assert kinds == ["raw", "code", "raw", "raw", "markdown", "markdown"]
    assert cells[0].metadata["raw_mimetype"] == "text/plain"
    assert "import os" in cells[0].source and cells[0].source.startswith("# (")
    assert cells[1].source == "answer = 'first'"
    assert "copy" in cells[2].source
    assert "nbgrader" not in cells[5].metadata  # a forged id on markdown earns nothing


def test_a_code_cell_carrying_a_markdown_cells_id_is_not_run(run):
    [cell] = run(_cell("code", "print(1)", "task"))
    assert cell.cell_type == "raw" and "print(1)" in cell.source


def test_answer_literal_and_as_comment():
    assert answer_literal('answer = "a"  # c') == "a"
    assert answer_literal('answer = "a"\n') == "a"
    assert answer_literal("answer: str = 'a'") is None
    assert answer_literal("answer = 'a' if True else 'b'") is None
    assert answer_literal("") is None
    assert answer_literal("(" * 1000) is None  # too deep: no crash
    assert answer_literal("\x00") is None
    assert as_comment("a\rb\u2028c\x0bd") == "# a\n# b\n# c\n# d"


def test_the_notes_tell_the_grader_why_in_both_languages(run):
    from course_lib.i18n import t

    def note(key: str) -> str:
        return f"# ({t(key, 'mn')} / {t(key, 'en')})"

    assert all(t(key, lang) != key for key in ("graded.not_literal", "graded.cell_not_run")
               for lang in ("mn", "en"))
    [answered] = run(_cell("code", "answer = ok", "q1"))
    assert answered.source == f"# answer = ok\n{note('graded.not_literal')}\nanswer = \"\""
    [added] = run(_cell("code", "x = 1"))
    assert added.source == f"{note('graded.cell_not_run')}\nx = 1"


def test_the_notes_stay_bilingual_when_the_grader_works_in_english(run):
    # the grader's own language choice must not drop the trainee's language from the note
    from course_lib.i18n import set_language, t

    set_language("en")
    try:
        [added] = run(_cell("code", "x = 1"))
    finally:
        set_language("mn")
    first_line = added.source.splitlines()[0]
    assert first_line == f"# ({t('graded.cell_not_run', 'mn')} / {t('graded.cell_not_run', 'en')})"

