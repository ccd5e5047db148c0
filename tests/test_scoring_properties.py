"""Property-based tests: .check never raises and always gives a sensible, localised result."""

from __future__ import annotations

import math
import unicodedata

import pytest
from bank_tree import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib import i18n
from course_lib.content import bank
from course_lib.content.kinds import load_content
from course_lib.content.normalize import normalize_text

RAW = load_content(FIXTURES / "questions-ok-all-kinds.yaml")
QUESTIONS = {q["id"]: bank.build(q, "m99", "fixture") for q in RAW["questions"]}
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])



class Unprintable:
    """A learner object whose __str__ / __repr__ raise (check must not call them blindly)."""

    def __str__(self):
        raise RuntimeError("no text")

    __repr__ = __str__


scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.floats(allow_infinity=True, allow_nan=True)
           | st.integers(min_value=10**5000, max_value=10**5100)  # str() raises past 4300 digits
           | st.integers(max_value=-(10**5000)) | st.builds(Unprintable)
           | st.complex_numbers() | st.binary(max_size=20).map(bytearray)
           | st.text(max_size=60) | st.binary(max_size=20)
           | st.sampled_from(["a", "b", "s1", "i", "one", "OECD", "", " ", "\x00", "үнэн"]))
answers = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=8) | st.sampled_from(["one", "two", "three", "s1"]),
                      inner, max_size=5)
    | st.frozensets(st.text(max_size=5), max_size=4)
    | st.dictionaries(st.builds(Unprintable), inner, max_size=2),
    max_leaves=12)


def assert_sensible(question, result):
    assert isinstance(result.message, str) and result.message.strip()
    assert result.status in {"correct", "partial", "wrong", "empty", "invalid", "recorded"}
    if question.graded:
        assert isinstance(result.score, float) and 0.0 <= result.score <= 1.0
        assert result.correct == (result.score == 1.0)
    else:
        assert result.score is None and result.graded is False
    if result.status in ("empty", "invalid"):
        assert not result.correct


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
@pytest.mark.parametrize("lang", ["mn", "en"])
@SETTINGS
@given(answer=answers)
def test_check_never_raises_on_any_input(qid, lang, answer):
    i18n.set_language(lang)
    try:
        question = QUESTIONS[qid]
        assert_sensible(question, question.check(answer))
    finally:
        i18n.set_language("mn")


LOOKALIKE = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k",
             "м": "m", "т": "t", "н": "h", "в": "b"}


@st.composite
def mistyped(draw, word):
    """The right answer as a learner might type it: case, spacing, invisible characters,
    Latin look-alikes, and another Unicode normalisation form."""
    chars = []
    for ch in word:
        if ch.lower() in LOOKALIKE and draw(st.booleans()):
            ch = LOOKALIKE[ch.lower()]
        ch = ch.upper() if draw(st.booleans()) else ch.lower()
        chars.append(ch + draw(st.sampled_from(["", "", "", " ", "\u200b", "\x00", "\t"])))
    form = draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
    pad = draw(st.sampled_from(["", " ", "  \n", "\ufeff"]))
    return pad + unicodedata.normalize(form, "".join(chars)) + pad


@SETTINGS
@given(typed=mistyped("Улаанбаатар"))
def test_mistyped_right_answer_is_still_right(typed):
    assert QUESTIONS["m99.text_fold"].check(typed).correct


@SETTINGS
@given(typed=mistyped("Өндөр"))
def test_mistyped_strict_answer_is_still_right(typed):
    assert QUESTIONS["m99.text_strict"].check(typed).correct


@SETTINGS
@given(word=st.text(min_size=1, max_size=40))
def test_normalisation_is_idempotent_and_case_blind(word):
    key = normalize_text(word)
    assert normalize_text(key) == key
    assert normalize_text(word.upper()) == normalize_text(word.lower()) or \
        word.upper().lower() != word.lower()  # letters whose case round trip changes them


@SETTINGS
@given(n=st.integers(min_value=1, max_value=100_000), ch=st.characters())
def test_long_input_gets_a_message_not_an_error(n, ch):
    for qid in ("m99.text", "m99.truefalse", "m99.single", "m99.likert"):
        assert_sensible(QUESTIONS[qid], QUESTIONS[qid].check(ch * n))


OPTIONS = ["a", "b", "c", "d", "e"]


@SETTINGS
@given(picks=st.sets(st.sampled_from(OPTIONS)), extra=st.sampled_from(["d", "e"]))
def test_adding_a_wrong_pick_never_raises_the_score(picks, extra):
    question = QUESTIONS["m99.multiple"]
    before = question.check(sorted(picks)).score
    after = question.check(sorted(picks | {extra})).score
    assert after <= before or not picks  # nothing chosen scores 0 as "empty"
    assert question.check(OPTIONS).score == 0.0


@SETTINGS
@given(order=st.permutations(["s1", "s2", "s3", "s4"]))
def test_ordering_scores_in_range_and_full_only_when_exact(order):
    result = QUESTIONS["m99.ordering"].check(order)
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (order == ["s1", "s2", "s3", "s4"])
    positions = {item: n for n, item in enumerate(order, start=1)}
    assert math.isclose(QUESTIONS["m99.ordering"].check(positions).score, result.score)


ODD = [10**5000, -(10**6000), float("nan"), float("inf"), b"\xff\xfe", bytearray(b"abc"),
       Unprintable(), [Unprintable(), [[10**5000]]], {"one": Unprintable()},
       {Unprintable(): "a"}, {"one": 10**5000}, (float("nan"), float("-inf")), 1 + 2j]


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
@pytest.mark.parametrize("answer", ODD, ids=lambda a: type(a).__name__)
def test_odd_types_get_a_message_not_an_error(qid, answer):
    """Named cases hypothesis might not draw: a 5000-digit int (str() raises), objects whose
    __str__ raises, as dict keys too, bytes that are not UTF-8, nan and inf."""
    result = QUESTIONS[qid].check(answer)
    assert_sensible(QUESTIONS[qid], result)
    assert not result.correct or QUESTIONS[qid].kind == "likert"


def test_huge_int_for_a_text_question_is_invalid_not_a_crash():
    result = QUESTIONS["m99.text"].check(10**5000)
    assert result.status == "invalid" and result.message == i18n.t("quiz.invalid.text")
