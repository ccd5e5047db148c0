"""Reopening a question after a kernel restart: the last answer selected, its feedback, the
score counting it (issue 13 point 4). Each case answers through the controls, as a trainee
does, then builds the widget again from the record alone."""

from __future__ import annotations

import importlib
import json

import pytest
from test_quiz_widgets import dummy_comm, pick_option, score_line  # noqa: F401  (the fixture is used)

from course_lib.record import store as record

quiz = importlib.import_module("course_lib.widgets.quiz")


def _positions(box):
    for item, control in zip(box._shown, box.controls, strict=True):
        control.value = int(item.id[1])  # s1 -> place 1: the key's order


ANSWER = {
    "single": lambda b: pick_option(b, "b"),
    "multiple": lambda b: (pick_option(b, "a"), pick_option(b, "c")),
    "truefalse": lambda b: setattr(b.controls[0], "value", False),
    "text": lambda b: setattr(b.controls[0], "value", " oecd "),
    "matching": lambda b: [setattr(c, "value", n) for n, c in enumerate(b.controls)],
    "ordering": _positions,
    "likert": lambda b: setattr(b.controls[0], "value", 4),
}


def _shown(box):
    return ([c.value for c in box.controls], box.result.status, box.feedback.value)


@pytest.mark.parametrize("kind", sorted(ANSWER))
def test_a_reopened_question_shows_the_last_answer_and_its_feedback(kind):
    box = quiz.quiz(f"m99.{kind}")
    ANSWER[kind](box)
    box.check()
    before = _shown(box)
    assert box.feedback.value
    box.close()

    again = quiz.quiz(f"m99.{kind}")  # what a re-run cell builds after a restart
    assert _shown(again) == before
    assert all(c.disabled for c in again.controls)
    assert again.button._dom_classes == ("cl-retry",)  # Retry offered, as after a check
    assert len(record.attempts()) == 1  # reopening stores nothing


def test_the_latest_answer_wins_and_retry_still_works():
    box = quiz.quiz("m99.single")
    pick_option(box, "b")
    box.check()
    box.retry()
    pick_option(box, "a")
    box.check()
    again = quiz.quiz("m99.single")
    assert again.result.status == "correct"
    assert again._shown[again.controls[0].value].id == "a"
    again.retry()
    assert again.controls[0].value is None and not again.controls[0].disabled


def test_the_single_question_score_line_counts_saved_answers():
    box = quiz.quiz("m99.single")
    pick_option(box, "a")
    box.check()
    line = score_line(box)
    assert "1 / 8" in line
    assert score_line(quiz.quiz("m99.single")) == line
    assert quiz.quiz("m99.truefalse").feedback.value == ""  # unanswered: nothing to say


def test_the_module_score_counts_reopened_answers():
    widget = quiz.quiz("m99")
    single, multiple = widget.boxes[0], widget.boxes[1]
    pick_option(single, "a")
    single.check()
    pick_option(multiple, "a")
    multiple.check()
    header = widget.header.value
    assert "1.3 / 8" in header
    again = quiz.quiz("m99")
    assert again.header.value == header
    assert [b.result is not None for b in again.boxes[:3]] == [True, True, False]
    again.boxes[0].retry()  # best attempt per question: a retry lowers nothing
    assert "1.3 / 8" in again.header.value


@pytest.mark.parametrize("kind, stored", [
    ("single", "zz"), ("multiple", ["a", "zz"]), ("truefalse", "yes"), ("text", 3),
    ("matching", {"one": "nowhere"}), ("ordering", {"s1": 9}), ("likert", 99),
    ("single", None), ("matching", {}),
])
def test_an_answer_that_no_longer_fits_opens_blank(kind, stored):
    record.store_attempt(f"m99.{kind}", stored, False, 0.0)
    box = quiz.quiz(f"m99.{kind}")
    assert box.result is None and box.feedback.value == ""
    assert not box.controls[0].disabled


def test_an_unreadable_record_opens_blank(monkeypatch):
    record.store_attempt("m99.single", "a", True, 1.0)

    def broken(*_a, **_k):
        raise record.RecordError("disk gone")

    monkeypatch.setattr(record, "connect", broken)
    box = quiz.quiz("m99.single")
    assert box.result is None


def test_no_feedback_of_an_unanswered_question_reaches_the_page():
    from test_quiz_widgets import SENT, explanations, q

    box = quiz.quiz("m99.single")
    pick_option(box, "b")
    box.check()
    SENT.clear()
    quiz.quiz("m99")  # reopened: only the answered question's own feedback is sent
    page = json.dumps(SENT, ensure_ascii=False)
    for other in ("multiple", "ordering", "matching"):
        for text in explanations(q(other)):
            assert text not in page
