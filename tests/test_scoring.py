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


# What a trainee reads after an answer that cannot be scored: the message for that case, with
# the unknown value quoted. A wrong key would show a raw catalogue key instead of a sentence.
@pytest.mark.parametrize("name, answer, message", [
    ("single", ["a", "b"], "Зөвхөн нэг хариулт сонгоно уу."),
    ("single", "zz", "Ийм сонголт алга: zz. Жагсаалтаас сонгоно уу."),
    ("multiple", None, "Хариултаа сонгоно уу."),
    ("multiple", [], "Хариултаа сонгоно уу."),
    ("multiple", 5, "Хариултын сонголтуудаас сонгоно уу."),
    ("multiple", ["a", "zz", "nope"], "Ийм сонголт алга: nope, zz. Жагсаалтаас сонгоно уу."),
    ("truefalse", None, "Хариултаа сонгоно уу."),
    ("truefalse", "maybe", "«Үнэн» эсвэл «Худал» гэж хариулна уу."),
    ("matching", None, "Үсгээр тэмдэглэсэн зүйл бүрт тохирох хосыг сонгоно уу."),
    ("matching", "i", "Зүүн талын зүйл бүрт баруун талаас хос сонгоно уу."),
    ("matching", {"one": "i", "two": None, "three": "iii"},
     "Зарим зүйлд хос сонгоогүй байна. Бүгдэд нь хос сонгоно уу."),
    ("matching", {"one": "i", "five": "ii", "three": float("nan")},
     "Ийм сонголт алга: five, ?. Жагсаалтаас сонгоно уу."),
    ("ordering", None, "Үсгээр тэмдэглэсэн зүйл бүрийн байрлалыг сонгоно уу."),
    ("ordering", "s1 s2", "Алхмуудыг дарааллаар нь байрлуулна уу."),
    ("ordering", ["s1", "s2"],
     "Алхам бүрт өөр өөр байрлал сонгоно уу: байрлал давхардах, орхигдох ёсгүй."),
])
def test_an_answer_that_cannot_be_scored_says_what_to_do(name, answer, message):
    result = q(name).check(answer)
    assert result.message == message
    assert result.status == ("empty" if answer in (None, []) else "invalid")


def test_a_quoted_unknown_value_is_cut_at_forty_characters():
    def shown(value):
        return q("single").check(value).message.split(": ", 1)[1].split(". ", 1)[0]

    assert shown("x" * 40) == "x" * 40
    assert shown("x" * 41) == "x" * 40 + "…"


def test_multiple_shows_why_each_ticked_option_is_right_or_wrong():
    result = q("multiple").check(["a", "d"])
    assert [(f.label, f.explain) for f in result.feedback] == [
        ("Нэг", "Нэг бол тоо."), ("Муур", "Муур бол амьтан.")]


def test_multiple_with_every_option_right_scores_by_the_ticks_alone():
    import dataclasses

    numbers = q("multiple")
    every = dataclasses.replace(numbers, options=numbers.options[:3])  # a, b, c: all right
    assert every.check(["a", "b", "c"]).correct
    assert every.check(["a", "b"]).score == pytest.approx(2 / 3)


def test_truefalse_labels_the_side_chosen_and_is_silent_without_an_explanation():
    import dataclasses

    assert [f.label for f in q("truefalse").check("үнэн").feedback] == ["Үнэн"]
    assert [f.label for f in q("truefalse").check("худал").feedback] == ["Худал"]
    bare = dataclasses.replace(q("truefalse"), explain_true=None, explain_false=None)
    assert bare.check(True).feedback == () and bare.check(False).feedback == ()


def test_a_truefalse_word_padded_up_to_the_answer_limit_is_still_read():
    assert q("truefalse").check(" " * 496 + "true").correct  # 500 characters: the limit
    assert q("truefalse").check(" " * 497 + "true").status == "invalid"


def test_wrong_and_partial_answers_say_so_with_the_share():
    assert q("single").check("b").message == "Буруу байна. Дахин оролдоод үзээрэй."
    assert q("multiple").check(["a"]).message == "Хэсэгчлэн зөв: 33%. Дахин оролдоод үзээрэй."


def test_text_boundaries_and_messages():
    assert q("text").check("OECD" + " " * 496).correct  # exactly the limit is read
    assert q("text").check(["OECD"]).message == "Хариултаа үгээр бичнэ үү."
    assert q("text").check(" " * 501).status == "invalid"  # a pasted blank page: too long


def test_likert_messages_and_never_correct_when_not_recorded():
    recorded = q("likert").check(3)
    assert recorded.message == ("Таны хариулт тэмдэглэгдлээ. Энэ асуултад зөв, буруу хариулт "
                                "байхгүй.")
    empty = q("likert").check(None)
    assert (empty.status, empty.correct, empty.message) == (
        "empty", False, "Хуваарь дээрээс нэг утга сонгоно уу.")
    invalid = q("likert").check(9)
    assert (invalid.correct, invalid.message) == (
        False, "1-ээс 5 хүртэлх утгаас нэгийг сонгоно уу.")


@pytest.mark.parametrize("answer", [" 4 ", "4.0", 10**400, "1" * 5000])
def test_likert_reads_numbers_as_text_and_survives_huge_ones(answer):
    result = q("likert").check(answer)
    assert result.status == ("recorded" if answer in (" 4 ", "4.0") else "invalid")


def test_likert_takes_only_numbers_and_text_not_objects_that_print_as_one():
    from fractions import Fraction

    assert q("likert").check(Fraction(3)).status == "invalid"
