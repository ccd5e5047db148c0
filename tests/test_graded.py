"""course_lib.grading.items: widget items saved to answers.json and read back for autograding."""

from __future__ import annotations

import json
import os

import pytest

import course_lib as cl
from course_lib.grading import answers_file as store


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSE_ANSWERS_FILE", raising=False)
    cl.set_language("mn")
    return tmp_path


def selector(box):
    return box.children[1]


def saved(tmp_path):
    return json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))


def test_single_choice_is_saved_by_index_and_shown_again(in_tmp):
    item = cl.graded_item("x.q1", {"mn": "Асуулт", "en": "Question"}, ["а", "б", "в"])
    assert selector(item).index is None  # nothing pre-selected: no hint at an answer
    selector(item).value = 2
    assert saved(in_tmp) == {"x.q1": 2}
    again = cl.graded_item("x.q1", {"mn": "Асуулт", "en": "Question"}, ["а", "б", "в"])
    assert selector(again).index == 2
    assert cl.graded_answer("x.q1", kind="single", n_options=3) == 2


def test_multiple_choice_saves_sorted_indices(in_tmp):
    item = cl.graded_item("x.m", "Асуулт", ["а", "б", "в"], kind="multiple")
    boxes = selector(item).children
    boxes[2].value = True
    boxes[0].value = True
    assert saved(in_tmp) == {"x.m": [0, 2]}
    assert cl.graded_answer("x.m", kind="multiple") == [0, 2]
    again = cl.graded_item("x.m", "Асуулт", ["а", "б", "в"], kind="multiple")
    assert [b.value for b in selector(again).children] == [True, False, True]


def test_truefalse_saves_a_boolean(in_tmp):
    item = cl.graded_item("x.tf", "Асуулт", kind="truefalse")
    selector(item).value = False
    assert saved(in_tmp) == {"x.tf": False}
    assert cl.graded_answer("x.tf", kind="truefalse") is False


def test_items_share_one_file_without_losing_answers(in_tmp):
    selector(cl.graded_item("x.a", "A", ["1", "2"])).value = 1
    selector(cl.graded_item("x.b", "B", ["1", "2"])).value = 0
    assert saved(in_tmp) == {"x.a": 1, "x.b": 0}
    assert not [p for p in os.listdir(in_tmp) if p.endswith(".tmp")]  # temp files replaced


def test_widget_and_file_hold_no_key(in_tmp):
    item = cl.graded_item("x.q", "Асуулт", ["а", "б"])
    state = json.dumps([w.get_state() for w in [item, *item.children]], default=str)
    assert "key" not in state and "correct" not in state
    assert not (in_tmp / "answers.json").exists()  # nothing written before a choice


@pytest.mark.parametrize("content, expected", [
    (None, "олдсонгүй"),
    ("{not json", "эвдэрсэн"),
    ("[1, 2]", "эвдэрсэн"),
    (b"\xff\xfe\x00", "эвдэрсэн"),
    ('{"other": 1}', "хариулаагүй"),
    ('{"x.q": "1"}', "буруу хэлбэр"),
    ('{"x.q": true}', "буруу хэлбэр"),  # bool must not pass for option index 1
    ('{"x.q": 7}', "буруу хэлбэр"),
])
def test_graded_answer_reports_and_returns_none(in_tmp, capsys, content, expected):
    if isinstance(content, bytes):
        (in_tmp / "answers.json").write_bytes(content)
    elif content is not None:
        (in_tmp / "answers.json").write_text(content, encoding="utf-8")
    assert cl.graded_answer("x.q", kind="single", n_options=3) is None
    assert expected in capsys.readouterr().out


def test_a_corrupt_file_is_replaced_by_the_next_choice(in_tmp):
    (in_tmp / "answers.json").write_text("{broken", encoding="utf-8")
    item = cl.graded_item("x.q", "Асуулт", ["а", "б"])
    assert selector(item).index is None
    selector(item).value = 1
    assert saved(in_tmp) == {"x.q": 1}


def test_multiple_answers_are_cleaned():
    assert store.clean([2, 0, 2], "multiple", 3) == [0, 2]
    assert store.clean([0, 5], "multiple", 3) is None
    assert store.clean("0", "multiple") is None


def test_plain_text_form_names_the_choice(in_tmp):
    options = [{"mn": "Нэг", "en": "One"}, "Хоёр"]
    item = cl.graded_item("x.q", {"mn": "Асуулт", "en": "Question"}, options)
    selector(item).value = 0
    assert "Нэг" in item._repr_mimebundle_()["text/plain"]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        cl.graded_item("x.q", "Асуулт", ["а"], kind="essay")


@pytest.mark.parametrize("given, ok", [
    ("Үр нөлөөтэй", True),
    ("  үр   нөлөөтэй. ", True),
    ("Ур нөлөөтэй", True),       # Ү/У fold
    ("yp нөлөөтэй", True),       # Latin lookalikes typed on the wrong keyboard
    ("Impact", True),
    ("шинэлэг", False),
    ("", False),
    (None, False),
    (42, False),
])
def test_graded_text_uses_the_quiz_normalisation(given, ok):
    accepted = ["үр нөлөөтэй", "impact"]
    assert cl.graded_text(given, accepted, folds=["yo", "ue", "oo"]) is ok


def test_graded_text_without_folds_is_strict_about_letters():
    assert cl.graded_text("Ур нөлөөтэй", ["үр нөлөөтэй"]) is False


def test_headless_item_is_plain_text_of_the_saved_choice(in_tmp, monkeypatch):
    (in_tmp / "answers.json").write_text('{"x.q": 1}', encoding="utf-8")
    monkeypatch.setenv("COURSE_HEADLESS", "1")
    item = cl.graded_item("x.q", {"mn": "Асуулт", "en": "Question"}, ["Нэг", "Хоёр"])
    assert item._repr_mimebundle_() == {"text/plain": item.summary}
    assert "Хоёр" in item.summary and "Асуулт" in item.summary


def test_headless_run_does_not_import_ipywidgets(in_tmp):
    import subprocess
    import sys

    code = ("import sys, course_lib as cl; cl.graded_item('x.q', 'Q', ['a', 'b']); "
            "cl.graded_answer('x.q'); print('ipywidgets' in sys.modules)")
    env = dict(os.environ, COURSE_HEADLESS="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=in_tmp, check=True).stdout
    assert out.strip().endswith("False")


def _visible_tests():
    """(notebook, grade id, visible part) of every autograder cell of every assignment."""
    from pathlib import Path

    import nbformat

    from course_instructor.grading import keys

    for path in keys.source_notebooks(Path(__file__).resolve().parents[1] / "assignments"):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                yield path.name, meta["grade_id"], keys.HIDDEN.sub("", cell.source)


def test_run_all_never_stops_at_an_unanswered_item(in_tmp, capsys):
    """Released, a test cell is its visible part: unanswered, it says so and does not raise."""
    cells = list(_visible_tests())
    assert len(cells) >= 50
    for notebook, grade_id, visible in cells:
        exec(compile(visible, f"{notebook}:{grade_id}", "exec"), {"cl": cl, "answer": ""})
        said = capsys.readouterr().out
        assert cl.t("graded.need_text") in said or cl.t("graded.need_answer") in said, grade_id


def test_graded_check_is_silent_once_answered(in_tmp, capsys):
    cl.graded_check(0)
    cl.graded_check(False)
    cl.graded_check("үр нөлөө", text=True)
    assert capsys.readouterr().out == ""
    cl.graded_check("  ", text=True)
    cl.graded_check(None)
    assert capsys.readouterr().out.splitlines() == [cl.t("graded.need_text"),
                                                    cl.t("graded.need_answer")]
