"""One small widget per question kind, all built on ``QuestionBox``.

Each box has one ``value`` trait: the answer as scoring reads it. The controls set it as the
learner works (``read``), and setting it puts an answer back into the controls (``write``), so
what is checked and what is restored are the same thing. A kind implements ``build_controls``,
``read`` and ``write`` (and ``rows`` for its layout); the model side of a kind is
content/question_kinds.py.

What reaches the browser (widget state) is only what the learner sees: option labels, the
learner's own choice and, after a check, the feedback. Option ids, the key and explanations
stay in Python. Selection widgets carry (label, position) pairs, whose positions are synced
as an index only; display orders never depend on the key (matching: right items sorted by
label; single and multiple choice: a fixed shuffle by hashed id; ordering: the same shuffle,
rotated if it happens to be the key's order).
"""

from __future__ import annotations

import hashlib
import time
from html import escape

import ipywidgets as W
import traitlets

from ..content.question_kinds import QUESTION_KINDS
from ..i18n import get_language, pick, t
from .shared_models import ALONE, Brief, make, shared

LABELS = {"description_width": "initial"}
WIDE = {"width": "auto", "max_width": "100%"}


# the one button's two faces: it keeps its accessible name (description, title) in each, and
# its CSS class says which it is (the Enter key, the browser tests and the hub bench read it)
BUTTON = {
    "check": {"description": "quiz.check", "icon": "check", "button_style": "primary",
              "classes": ("cl-check",)},
    "retry": {"description": "quiz.retry", "icon": "refresh", "button_style": "",
              "classes": ("cl-retry",)},
}
DOUBLE_CLICK = 0.5  # seconds: a double-click on Check must not also retry (clear) the answer


def _face(name: str) -> dict:
    face = dict(BUTTON[name])
    face["description"] = face["tooltip"] = t(face["description"])
    face["_dom_classes"] = face.pop("classes")
    return face


class QuestionBox(Brief, W.VBox):
    """Prompt, the kind's controls, a Check / Retry button and feedback for one question."""

    value = traitlets.Any(None, allow_none=True)  # the answer, as scoring reads it; never synced
    result = traitlets.Any(None, allow_none=True)  # Python side only: never synced
    help_key = ""
    show_module_score = True  # a ModuleQuiz shows one score over all its boxes instead
    score_ids: tuple[str, ...] = ()  # the module's graded question ids, for the score line

    def __init__(self, question, number: int | None = None, **kwargs):
        self._question = question
        self._writing = False
        self._answered = False
        self.controls = self.build_controls(question)
        for control in self.controls:
            control.observe(self._controls_changed, names="value")
            if isinstance(control, W.Text):
                control.on_msg(self._submitted)
        head = f"<b>{number}.</b> " if number else ""
        help_html = f"<br><small>{escape(t(self.help_key, scale=getattr(question, 'scale', 5)))}" \
                    f"</small>" if self.help_key else ""
        self.prompt = make(W.HTML, value=f"<p>{head}{escape(pick(question.prompt))}{help_html}</p>")
        # one button, Check until the answer is checked and Retry after: a second button, the
        # HBox holding both and the Layout that hid Retry were three more comm opens a question
        # (nine questions a module), for nothing the learner could do with both at once
        self.button = make(W.Button, layout=ALONE, **_face("check"))
        self.button.on_click(self._clicked)
        self._checked_at = -DOUBLE_CLICK
        # the feedback and, under it, the module's score line: one HTML, painted in one message
        self._feedback_html = self._score_html = ""
        self.feedback = make(W.HTML, value="", classes=("cl-feedback",))
        super().__init__(children=[self.prompt, *self.rows(question), self.button, self.feedback],
                         layout=shared(W.Layout), _dom_classes=("cl-quiz",), **kwargs)

    @property
    def question(self):
        return self._question

    # --- what each kind provides -----------------------------------------------------------
    def build_controls(self, question) -> list[W.Widget]:
        raise NotImplementedError

    def rows(self, question) -> list[W.Widget]:
        """How the controls are laid out (default: one under the other)."""
        return self.controls

    def read(self):
        """The answer the controls show, in the form the kind's scoring expects."""
        raise NotImplementedError

    def write(self, answer) -> None:
        """Put ``answer`` (None: nothing) into the controls; raise (ValueError, KeyError,
        TypeError, IndexError) when it does not fit the question."""
        raise NotImplementedError

    # --- one value: read from the controls, written back into them --------------------------
    def _controls_changed(self, _change=None) -> None:
        if not self._writing:
            self.value = self.read()

    @traitlets.observe("value")
    def _value_changed(self, change) -> None:
        if self._writing:
            return
        self._writing = True
        try:
            self.write(change["new"])
            self.value = self.read()  # canonical form (bank order, one type per kind)
        finally:
            self._writing = False

    def _submitted(self, _control, content, _buffers) -> None:
        """Enter in a text answer checks it, as the Check button does.

        The frontend sends {"event": "submit"} on Enter (what the deprecated ``on_submit``
        listened to). ``continuous_update=False`` with a value observer, the documented
        replacement, would also fire when the field loses focus, so a click on Check would
        check twice; listening to the message itself keeps Enter and only Enter.
        """
        if isinstance(content, dict) and content.get("event") == "submit" \
                and self.result is None:
            self.check()

    def answer(self):
        """The learner's current answer (``value``)."""
        return self.value

    def clear(self) -> None:
        self.value = None

    def restore(self, stored) -> bool:
        """Show a stored answer with its feedback; False (the box left blank) when it no
        longer fits the question (the bank changed since)."""
        answer = QUESTION_KINDS[self._question.kind].restore(self._question, stored)
        if answer is None:
            return False
        try:
            self.value = answer
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, traitlets.TraitError):
            self.clear()
            return False
        result = self._question.check(self.value)
        if not result.answered:
            self.clear()
            return False
        self.result = result
        return True

    # --- behaviour ---------------------------------------------------------------------------
    def check(self) -> None:
        """Check the current answer once; a real answer is stored with that very result."""
        from ..record import store as record  # lazy: sqlite3 loads on the first check

        answer = self.answer()
        result = self._question.check(answer)
        if not result.answered:  # nothing chosen: say what to do, store nothing
            self._feedback_html = _render(result)
            self._paint()
            return
        notice = ""
        self._answered = True  # the score line under it follows the record from now on
        self._checked_at = time.monotonic()
        try:  # one open of the record: the write, and the module's best scores with it
            record.store_attempt(self._question.id, answer, result.correct, result.score)
        except record.RecordError as exc:  # the record must never cost the learner the feedback
            notice = f"{t('quiz.not_saved')} {exc}"
        else:
            if self.show_module_score and self.score_ids:
                # from RECORD.best, just refreshed: no second open; painted with the feedback
                self._score_html = module_score_html(self.score_ids)
        self.result = result
        if notice:  # under the verdict it belongs to (a retry clears both)
            self._feedback_html += f"<p><small>{escape(notice)}</small></p>"
            self._paint()

    def follow_module_score(self) -> None:
        """Show the module's running score under this box once it is answered, and keep it
        current: any question of the module checked anywhere in this kernel updates it."""
        from ..record import changes

        if not (self.show_module_score and self.score_ids):
            return
        self._answered = self._answered or self.result is not None
        self._show_module_score()
        changes.follow(self, "_show_module_score", names="best")

    def _show_module_score(self) -> None:
        if self._answered:
            self._score_html = module_score_html(self.score_ids)
            self._paint()

    def _paint(self) -> None:
        self.feedback.value = self._feedback_html + self._score_html

    def _clicked(self, _button) -> None:
        if self.result is None:
            self.check()
        elif time.monotonic() - self._checked_at >= DOUBLE_CLICK:
            self.retry()
        # else: the second click of a double-click on Check, sent before the button turned
        # into Retry; taking it would clear the answer the learner just checked

    def retry(self) -> None:
        self.clear()
        self.result = None

    @traitlets.observe("result")
    def _show(self, change) -> None:
        result = change["new"]
        done = result is not None
        for control in self.controls:
            control.disabled = done
        with self.button.hold_sync():  # one update message for the button's new face
            for name, value in _face("retry" if done else "check").items():
                setattr(self.button, name, value)
        self._feedback_html = _render(result) if done else ""
        self._paint()


def _render(result) -> str:
    """Feedback HTML: the verdict, why each chosen option is right or wrong, the explanation."""
    # symbols DejaVu has (colour emoji fonts are often missing on training PCs)
    mark = {"correct": "✔", "partial": "◑", "wrong": "✘", "recorded": "✎"}.get(result.status, "ℹ")
    parts = [f"<p><b>{mark} {escape(result.message)}</b></p>"]
    notes = [f"<li><i>{escape(f.label)}</i>: {escape(f.explain)}</li>"
             for f in result.feedback if f.explain]
    if notes:
        parts.append(f"<ul>{''.join(notes)}</ul>")
    if result.explain:
        parts.append(f"<p>{escape(result.explain)}</p>")
    return "".join(parts)


def points(value: float) -> str:
    """A score as learners write it: 3.5, 3, 0.3 (one decimal, no trailing zero)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def module_score_html(graded_ids) -> str:
    """The module's running score from the learner record ("" if it cannot be read)."""
    from ..record import store as record
    from ..record.quiz_score import module_total

    try:
        score, total = module_total(graded_ids)
    except record.RecordError:  # a score line is a nicety: never a traceback under the feedback
        return ""
    text = t("quiz.module_score", score=points(score), total=total)
    return f"<p class=\"cl-score\"><small>{escape(text)}</small></p>"


# Items are lettered and ranks numbered, so "1" never means both an item and a position.
LETTERS = {"mn": "АБВГДЕЖЗИКЛМНОП", "en": "ABCDEFGHIJKLMNOP"}


def letter(number: int) -> str:
    """The 1-based item's letter in the current language (А, Б, В … / A, B, C …)."""
    return LETTERS.get(get_language(), LETTERS["en"])[number - 1]


def _choose() -> tuple[str, None]:
    return (t("quiz.choose"), None)


def _dropdown(options, **kwargs) -> W.Dropdown:
    """A dropdown that starts on its first option, «— сонгох —» (value None), and comes back
    to it whenever its value becomes None (cleared, restored blank, the placeholder chosen).

    ipywidgets maps ``value=None`` to ``index=None``, an empty box, even when an option's
    value is None; an index of 0 with the value already None stays.
    """
    control = make(W.Dropdown, options=options, index=0, **kwargs)
    control.observe(_back_to_placeholder, names="value")
    return control


def _back_to_placeholder(change) -> None:
    if change["new"] is None and change["owner"].index is None:
        change["owner"].index = 0


def _hashed(q, items) -> list:
    """A fixed shuffle by hashed id: the same on every reopen, and independent of where an
    author happened to put the right option (banks often list it first)."""
    return sorted(items, key=lambda item: hashlib.sha256(f"{q.id}:{item.id}".encode()).digest())


class SingleBox(QuestionBox):
    def build_controls(self, q):
        self._shown = _hashed(q, q.options)
        options = [(pick(o.text), n) for n, o in enumerate(self._shown)]
        return [make(W.RadioButtons, options=options, value=None, description=t("quiz.answer"),
                     layout=WIDE, style=LABELS)]

    def read(self):
        index = self.controls[0].value
        return None if index is None else self._shown[index].id

    def write(self, answer) -> None:
        self.controls[0].value = None if answer is None else \
            [o.id for o in self._shown].index(answer)


class MultipleBox(QuestionBox):
    help_key = "quiz.multiple.help"

    def build_controls(self, q):
        self._shown = _hashed(q, q.options)
        return [make(W.Checkbox, value=False, description=pick(o.text), indent=False, layout=WIDE)
                for o in self._shown]

    def read(self):
        ticked = {o.id for o, box in zip(self._shown, self.controls, strict=True) if box.value}
        return [o.id for o in self._question.options if o.id in ticked]  # bank order: canonical

    def write(self, answer) -> None:
        answer = [] if answer is None else answer
        if not isinstance(answer, list) or not set(answer) <= {o.id for o in self._shown}:
            raise ValueError(answer)
        for option, control in zip(self._shown, self.controls, strict=True):
            control.value = option.id in answer


class TrueFalseBox(QuestionBox):
    def build_controls(self, q):
        options = [(t("quiz.true"), True), (t("quiz.false"), False)]
        return [make(W.RadioButtons, options=options, value=None, description=t("quiz.answer"),
                     layout=WIDE, style=LABELS)]

    def read(self):
        return self.controls[0].value

    def write(self, answer) -> None:
        if answer is not None and not isinstance(answer, bool):
            raise TypeError(answer)
        self.controls[0].value = answer


class TextBox(QuestionBox):
    def build_controls(self, q):
        return [make(W.Text, value="", placeholder=t("quiz.placeholder"),
                     description=t("quiz.answer"), layout=WIDE, style=LABELS)]

    def read(self):
        return self.controls[0].value

    def write(self, answer) -> None:
        if answer is not None and not isinstance(answer, str):
            raise TypeError(answer)
        self.controls[0].value = answer or ""


class MatchingBox(QuestionBox):
    help_key = "quiz.matching.help"

    def build_controls(self, q):
        # right items sorted by label: the order carries no trace of the key
        self._right = sorted(q.right, key=lambda item: pick(item.text).casefold())
        options = [_choose(), *[(pick(r.text), n) for n, r in enumerate(self._right)]]
        # each dropdown is named by its item's letter (the item's full text is on the line
        # above it, once), so a screen reader can tell them apart
        return [_dropdown(options, description=f"{letter(n)}.", tooltip=pick(left.text),
                          layout={"width": "95%"}, style=ROW_LABEL)
                for n, left in enumerate(q.left, start=1)]

    def rows(self, q):
        return [widget for n, (left, box) in enumerate(zip(q.left, self.controls, strict=True), 1)
                for widget in _labelled_row(n, left, box)]

    def read(self):
        pairs = {left.id: (None if box.value is None else self._right[box.value].id)
                 for left, box in zip(self._question.left, self.controls, strict=True)}
        return pairs if any(v is not None for v in pairs.values()) else None

    def write(self, answer) -> None:
        answer = {} if answer is None else answer
        right = [r.id for r in self._right]
        for left, control in zip(self._question.left, self.controls, strict=True):
            chosen = answer.get(left.id)
            control.value = None if chosen is None else right.index(chosen)


ROW_LABEL = {"description_width": "2.5em"}


def _labelled_row(number: int, item, box) -> list[W.Widget]:
    # the item in full, once, on a line above its lettered selector; both straight in the
    # question's VBox, which stacks them as a VBox of their own did (one model less an item)
    text = f"<b>{letter(number)}.</b> {escape(pick(item.text))}"
    return [make(W.HTML, value=text), box]


def display_order(q) -> list:
    """A fixed shuffle of the ordering items (by hashed id), never equal to the key's order."""
    items = _hashed(q, q.items)
    if tuple(i.id for i in items) == tuple(q.answer):
        items = items[1:] + items[:1]
    return items


class OrderingBox(QuestionBox):
    help_key = "quiz.ordering.help"

    def build_controls(self, q):
        self._shown = display_order(q)
        positions = [_choose(), *[(str(n), n) for n in range(1, len(q.items) + 1)]]
        # named by the step's own text (see MatchingBox), not one shared "Position"
        return [_dropdown(positions, description=f"{letter(n)}.",
                          tooltip=f"{t('quiz.position')}: {pick(item.text)}",
                          layout=WIDE, style=ROW_LABEL)
                for n, item in enumerate(self._shown, start=1)]

    def rows(self, q):
        return [widget for n, (item, box) in enumerate(zip(self._shown, self.controls,
                                                           strict=True), 1)
                for widget in _labelled_row(n, item, box)]

    def read(self):
        places = {item.id: box.value for item, box in zip(self._shown, self.controls,
                                                          strict=True)}
        return places if any(v is not None for v in places.values()) else None

    def write(self, answer) -> None:
        answer = {} if answer is None else answer
        places = range(1, len(self._shown) + 1)
        for item, control in zip(self._shown, self.controls, strict=True):
            place = answer.get(item.id)
            if place is not None and (isinstance(place, bool) or place not in places):
                raise ValueError(place)
            control.value = place


class LikertBox(QuestionBox):
    help_key = "quiz.likert.help"

    def build_controls(self, q):
        labels = [pick(label) for label in q.labels]
        options = [(f"{n} — {labels[n - 1]}" if labels else str(n), n)
                   for n in range(1, q.scale + 1)]
        return [make(W.RadioButtons, options=options, value=None, description=t("quiz.answer"),
                     layout=WIDE, style=LABELS)]

    def read(self):
        return self.controls[0].value

    def write(self, answer) -> None:
        if answer is not None and (isinstance(answer, bool)
                                   or answer not in range(1, self._question.scale + 1)):
            raise ValueError(answer)
        self.controls[0].value = answer


KIND_WIDGETS = {"single": SingleBox, "multiple": MultipleBox, "truefalse": TrueFalseBox,
                "text": TextBox, "matching": MatchingBox, "ordering": OrderingBox,
                "likert": LikertBox}
