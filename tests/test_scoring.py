"""Scoring per kind, with the awkward inputs learners really type."""

from __future__ import annotations

import pytest
from bank_tree import use_tree

from course_lib import i18n
from course_lib.content import bank


@pytest.fixture(autouse=True)
def tree(tmp_path, monkeypatch):
    use_tree(monkeypatch, tmp_path, "questions-ok-all-kinds.yaml")
    yield
    i18n.set_language("mn")


def q(name):
    return bank.get_question(f"m99.{name}")


def test_single_right_wrong_and_feedback():
    right = q("single").check("a")
    assert (right.correct, right.score, right.status) == (True, 1.0, "correct")
    assert right.message == "Зөв!" and right.explain == "ТАЙЛБАР-ЗӨВ"
    assert [f.explain for f in right.feedback] == ["Цус улаан."]
    wrong = q("single").check("b")
    assert (wrong.correct, wrong.score, wrong.status) == (False, 0.0, "wrong")
    assert [f.explain for f in wrong.feedback] == ["Тэнгэр цэнхэр."]
    assert wrong.explain == "ЗӨВЛӨГӨӨ"  # the hint, never the explanation that states the key
    assert "Цус" not in wrong.message + wrong.explain + "".join(f.explain for f in wrong.feedback)


@pytest.mark.parametrize("answer", [None, "", "   ", []])
def test_nothing_chosen_asks_for_a_choice(answer):
    result = q("single").check(answer)
    assert (result.correct, result.score, result.status) == (False, 0.0, "empty")
    assert result.message == "Хариултаа сонгоно уу."
    assert not result.answered


@pytest.mark.parametrize("answer", ["zz", 3, 2.5, {"a": 1}, ["a", "b"], object(), b"a"])
def test_single_unreadable_answers_are_invalid_with_a_message(answer):
    result = q("single").check(answer)
    assert result.status == "invalid" and result.score == 0.0 and result.message


def test_english_messages():
    i18n.set_language("en")
    assert q("single").check(None).message == "Please choose an answer."
    assert q("single").check("a").message == "Correct!"
    assert q("single").check("a").explain == "EXPLAIN-RIGHT"


@pytest.mark.parametrize("picks, score, correct", [
    (["a", "b", "c"], 1.0, True),
    (["a", "b"], 2 / 3, False),
    (["a", "d"], 0.0, False),          # 1/3 - 1/2, floored at 0
    (["a", "b", "d"], 1 / 6, False),   # 2/3 - 1/2
    (["a", "b", "c", "d", "e"], 0.0, False),  # ticking everything earns nothing
    (["d"], 0.0, False),
    ("a", 1 / 3, False),               # a bare id counts as one pick
    (("a", "b", "c"), 1.0, True),
    ({"a", "b", "c"}, 1.0, True),
])
def test_multiple_partial_credit(picks, score, correct):
    result = q("multiple").check(picks)
    assert result.score == pytest.approx(score)
    assert result.correct is correct
    assert result.status == ("correct" if correct else "partial" if score else "wrong")


def test_multiple_unknown_ids_and_mixed_types():
    assert q("multiple").check(["a", "nope"]).status == "invalid"
    assert "nope" in q("multiple").check(["a", "nope"]).message
    assert q("multiple").check(["a", 1]).status == "invalid"


@pytest.mark.parametrize("answer, correct", [
    (True, True), (False, False), ("true", True), ("Үнэн", True), ("  үнэн ", True),
    ("ХУДАЛ", False), ("false", False), ("yes", True),
])
def test_truefalse(answer, correct):
    result = q("truefalse").check(answer)
    assert result.correct is correct and result.answered


def test_truefalse_explains_the_chosen_side():
    assert q("truefalse").check(True).feedback[0].explain == "Тийм."
    assert q("truefalse").check(False).feedback[0].explain == "Өглөө хаашаа харсан бэ?"


@pytest.mark.parametrize("answer", ["maybe", 1, 0, [True], "x" * 100_000])
def test_truefalse_unreadable(answer):
    assert q("truefalse").check(answer).status == "invalid"


@pytest.mark.parametrize("typed", [
    "OECD", "oecd", "  O E C D ", "O.E.C.D.", "ЭЗХАХБ", "эзхахб", "ＯＥＣＤ",   # full width
    "OE\u200bCD", "O\x00ECD\x07", "\ufeffOECD",          # invisible and control characters
    "ОЕСD",  # Cyrillic О, Е, С typed for Latin: both sides fold to the same key
])
def test_text_variants_and_normalisation(typed):
    assert q("text").check(typed).correct, typed


def test_text_latin_lookalikes_typed_for_cyrillic():
    # "Улаанбаатар" with Latin a/y/p typed on the wrong keyboard
    assert q("text_fold").check("Улaaнбaaтap").correct
    assert q("text_fold").check("yлаанбаатар").correct


def test_text_unicode_forms():
    import unicodedata

    assert q("text_strict").check(unicodedata.normalize("NFD", "Өндөр")).correct
    assert q("text_strict").check("өНДӨР").correct


def test_text_folds_only_where_allowed():
    # text_fold allows Ө/О, Ү/У, Ё/Е; text_strict does not
    assert q("text_fold").check("Уланбаатар").correct is False  # a real misspelling stays wrong
    assert q("text_strict").check("Ондор").correct is False
    from course_lib.content.bank import TextAnswer

    strict = q("text_strict")
    folding = TextAnswer(**{**strict.__dict__, "fold": ("oo",)})
    assert folding.check("Ондор").correct


@pytest.mark.parametrize("answer", [None, "", "   \t\n", "\u200b\u200b"])
def test_text_empty(answer):
    result = q("text").check(answer)
    assert result.status == "empty" and result.message == "Хариултаа бичнэ үү."


def test_text_too_long_and_wrong_types():
    assert q("text").check("OECD " * 20_000).status == "invalid"
    assert "500" in q("text").check("x" * 100_000).message
    assert q("text").check(["OECD"]).status == "invalid"
    assert q("text").check(1234).status == "wrong"


def test_matching():
    full = {"one": "i", "two": "ii", "three": "iii"}
    assert q("matching").check(full).correct
    two = q("matching").check({"one": "i", "two": "ii", "three": "iv"})
    assert two.score == pytest.approx(2 / 3) and two.status == "partial"
    assert two.message.startswith("3 хосоос 2 нь зөв")
    assert q("matching").check({"one": "i", "two": None, "three": "iii"}).status == "invalid"
    assert q("matching").check({"one": "i"}).status == "invalid"
    assert q("matching").check({"one": "x", "two": "ii", "three": "iii"}).status == "invalid"
    assert q("matching").check({"one": ["i"], "two": "ii", "three": "iii"}).status == "invalid"
    assert q("matching").check({}).status == "empty"
    assert q("matching").check("i").status == "invalid"


def test_ordering_list_and_positions():
    assert q("ordering").check(["s1", "s2", "s3", "s4"]).correct
    assert q("ordering").check({"s1": 1, "s2": 2, "s3": 3, "s4": 4}).correct
    swapped = q("ordering").check(["s2", "s1", "s3", "s4"])
    assert swapped.score == pytest.approx(5 / 6)  # one of six pairs out of order
    reversed_ = q("ordering").check(["s4", "s3", "s2", "s1"])
    assert reversed_.score == 0.0 and reversed_.status == "wrong"


@pytest.mark.parametrize("answer", [
    ["s1", "s2", "s3"], ["s1", "s1", "s2", "s3"], {"s1": 1, "s2": 1, "s3": 3, "s4": 4},
    {"s1": 1, "s2": None, "s3": 3, "s4": 4}, ["s1", "s2", "s3", 4], "s1 s2 s3 s4",
    {"s1": float("nan"), "s2": 2, "s3": 3, "s4": 4},
])
def test_ordering_incomplete_or_unreadable(answer):
    result = q("ordering").check(answer)
    assert result.status == "invalid" and result.message


@pytest.mark.parametrize("answer", [1, 3, 5, "4", 2.0])
def test_likert_recorded_not_graded(answer):
    result = q("likert").check(answer)
    assert (result.correct, result.score, result.status, result.graded) == \
        (True, None, "recorded", False)


@pytest.mark.parametrize("answer", [0, 6, -1, 2.5, True, "много", [3], float("inf")])
def test_likert_out_of_range(answer):
    result = q("likert").check(answer)
    assert result.status == "invalid" and result.score is None and "5" in result.message
