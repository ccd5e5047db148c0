"""Question banks load as validated, plain dataclasses."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bank_tree import REPO, use_tree

from course_lib.content import bank
from course_lib.content.loading import ContentError


@pytest.fixture
def tree(tmp_path, monkeypatch):
    return use_tree(monkeypatch, tmp_path, "questions-ok-all-kinds.yaml",
                    "questions-ok-minimal.yaml")


def test_every_question_loads_with_its_kind(tree):
    questions = bank.load_questions()
    assert [q.id for q in questions][:3] == ["m99.single", "m99.multiple", "m99.truefalse"]
    kinds = {q.id: type(q).__name__ for q in questions}
    assert kinds["m99.matching"] == "Matching" and kinds["m99.likert"] == "Likert"
    assert kinds["m98.only"] == "TrueFalse"
    assert {q.kind for q in questions} == {"single", "multiple", "truefalse", "text",
                                           "matching", "ordering", "likert"}


def test_module_filter_and_get_question(tree):
    assert [q.id for q in bank.load_questions("m98")] == ["m98.only"]
    question = bank.get_question("m99.multiple")
    assert question.answer == frozenset({"a", "b", "c"})
    assert question.module == "m99"
    assert question.source.endswith("00_questions-ok-all-kinds.yaml")


def test_unknown_id_raises_key_error_naming_it(tree):
    with pytest.raises(KeyError, match="m99.nothing"):
        bank.get_question("m99.nothing")


def test_likert_is_not_graded(tree):
    graded = {q.id: q.graded for q in bank.load_questions()}
    assert graded["m99.likert"] is False
    assert graded["m99.single"] is True


def test_edited_bank_is_reread(tree):
    path = tree / "questions" / "01_questions-ok-minimal.yaml"
    assert len(bank.load_questions("m98")) == 1
    path.write_text(path.read_text(encoding="utf-8") + """  - id: m98.second
    kind: truefalse
    prompt: {mn: "Хоёр дахь.", en: "Second."}
    answer: false
    explain_true: {mn: "Үгүй.", en: "No."}
    explain_false: {mn: "Тийм.", en: "Yes."}
""", encoding="utf-8")
    assert [q.id for q in bank.load_questions("m98")] == ["m98.only", "m98.second"]


def test_invalid_bank_refuses_to_load_and_names_the_problem(tmp_path, monkeypatch):
    use_tree(monkeypatch, tmp_path, "questions-ok-minimal.yaml",
             "questions-ko-missing-answer.yaml")
    with pytest.raises(ContentError) as caught:
        bank.load_questions()
    text = str(caught.value)
    assert "questions-ko-missing-answer.yaml" in text and "m97.no_key" in text
    assert "answer" in text


def test_duplicate_id_across_files_refuses_to_load(tmp_path, monkeypatch):
    use_tree(monkeypatch, tmp_path, "questions-ko-duplicate-id-a.yaml",
             "questions-ko-duplicate-id-b.yaml")
    with pytest.raises(ContentError, match="m96.twice.*also defined in"):
        bank.load_questions()


def test_real_banks_load():
    questions = bank.load_questions()
    assert any(q.id == "m00.run_cell" for q in questions)
    assert len({q.id for q in questions}) == len(questions)


def test_bank_and_scoring_import_no_widgets_or_plotly():
    code = ("import sys, course_lib as cl; q = cl.get_question('m00.run_cell'); q.check('a'); "
            "bad = [m for m in ('ipywidgets', 'plotly') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "[]"


def test_import_course_lib_does_not_import_plotly():
    code = "import sys, course_lib; print('plotly' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.split()[0] == "False"


def test_every_quiz_called_in_a_notebook_exists():
    import json
    import re

    questions = bank.load_questions()
    targets = {q.id for q in questions} | {q.module for q in questions}
    missing = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        missing += [f"{path.name}: {m}" for m in re.findall(r"""cl\.quiz\(["']([^"']+)""", source)
                    if m not in targets]
    assert missing == []
