"""``cl.quiz("m01")`` (a module's self-check) and ``cl.quiz("m01.novelty")`` (one question).

Widgets only: they render bank questions and hand answers to the pure layer (scoring, via the
learner record). The kind -> widget table lives in quiz_kinds.py.
"""

from __future__ import annotations

import re
from html import escape

import ipywidgets as W
import traitlets

from ..content.bank import ContentError, load_questions
from ..i18n import t
from .quiz_kinds import KIND_WIDGETS, QuestionBox
from .shared_models import Brief, make, shared


def question_widget(question, number: int | None = None) -> QuestionBox:
    """The widget for one bank question."""
    return KIND_WIDGETS[question.kind](question, number=number)


def saved_answers(questions) -> dict:
    """The trainee's last answer to each of ``questions`` (one read of the record)."""
    from ..record import store as record  # lazy: sqlite3 loads only when a quiz is shown

    return record.last_answers(q.id for q in questions)


def _points(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class ModuleQuiz(Brief, W.VBox):
    """Every question of a module, with a running score over the graded ones."""

    # the module's score, best attempt per graded question (record/quiz_score.py: the same
    # rule as the line under a single question and the progress overview); not synced
    score = traitlets.Float(0.0)

    def __init__(self, questions, **kwargs):
        self.boxes = [question_widget(q, n) for n, q in enumerate(questions, start=1)]
        saved = saved_answers(questions)
        for box in self.boxes:  # the header below keeps this quiz's score: one line is enough
            box.show_module_score = False
            if box.question.id in saved:
                box.restore(saved[box.question.id])
        self.graded_ids = tuple(q.id for q in questions if q.graded)
        self.graded_total = len(self.graded_ids)
        self.header = make(W.HTML, value="", classes=("cl-score",))
        super().__init__(children=[self.header, *self.boxes], layout=shared(W.Layout),
                         _dom_classes=("cl-module-quiz",), **kwargs)
        for box in self.boxes:
            box.observe(self._tally, names="result")
        self._tally()
        self._show_score({"new": self.score})
        if self.graded_ids:
            from ..record import changes

            changes.follow(self, "_tally", names="best")

    def _tally(self, _change=None) -> None:
        from ..record import store as record
        from ..record.quiz_score import module_total

        try:
            self.score = module_total(self.graded_ids)[0]
        except record.RecordError:  # no record: what this page has scored, at least
            self.score = sum(b.result.score for b in self.boxes
                             if b.question.graded and b.result is not None and b.result.score)

    @traitlets.observe("score")
    def _show_score(self, change) -> None:
        if self.graded_total:
            text = t("quiz.score", score=_points(change["new"]), total=self.graded_total)
            self.header.value = f"<p><b>{escape(text)}</b></p>"


def message_widget(text: str, detail: str = "") -> W.HTML:
    """A plain notice in place of a quiz (unknown id, content error)."""
    body = f"<p>⚠ {escape(text)}</p>"
    if detail:
        body += f"<pre>{escape(detail)}</pre>"
    widget = W.HTML(body, tooltip="")  # not "null" on hover: shared_models.no_tooltip
    widget.add_class("cl-quiz-message")
    return widget


def quiz(target: str) -> W.Widget:
    """Self-check widget: a module's bank ("m01") or one question ("m01.novelty").

    An unknown id or a broken bank gives a short localised notice instead of a traceback.
    """
    key = target.strip() if isinstance(target, str) else ""
    module = key.split(".", 1)[0]
    try:  # only this module's bank: a notebook need not read and validate all ten
        questions = load_questions(module if re.fullmatch(r"m[0-9]{2}", module) else None)
    except ContentError as exc:
        return message_widget(t("quiz.content_error"), str(exc))
    for question in questions:
        if question.id == key:
            box = question_widget(question)
            # the bank is already loaded here: the score line then only reads the record
            box.score_ids = tuple(q.id for q in questions if q.module == question.module
                                  and q.graded)
            saved = saved_answers([question])
            if question.id in saved:
                box.restore(saved[question.id])
            box.follow_module_score()
            return box
    module = [q for q in questions if q.module == key]
    if module:
        return ModuleQuiz(module)
    if re.fullmatch(r"m[0-9]{2}", key):
        return message_widget(t("quiz.no_questions"))
    return message_widget(t("quiz.unknown_id", id=str(target)[:80]))

