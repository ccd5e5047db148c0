"""nbgrader items answered by widget, without writing code.

``cl.graded_item(...)`` shows an item and saves the choice to answers.json beside
the notebook (answers_file.py); ``cl.graded_answer(...)`` reads it back in a
locked autograder cell whose hidden tests hold the key. Neither the widget nor
the file ever holds a correct answer.
"""

from __future__ import annotations

import os

from ..i18n import pick, t
from . import answers_file as store


class PlainItem:
    """A graded item without a widget: its saved choice as text (headless runs)."""

    def __init__(self, summary: str):
        self.summary = summary

    def _repr_mimebundle_(self, **kwargs):
        return {"text/plain": self.summary}

    def __repr__(self) -> str:
        return self.summary


def _headless() -> bool:
    # course_instructor/commands.py sets this for nbgrader runs: nobody can click a widget there,
    # and skipping ipywidgets saves its import in every graded kernel
    return os.environ.get("COURSE_HEADLESS") == "1"


def _labels(options, kind: str) -> list[str]:
    if kind == "truefalse":
        return [t("graded.true"), t("graded.false")]
    if not options:
        raise ValueError("single/multiple items need options")
    return [pick(option) for option in options]


def _describe(value, labels: list[str], kind: str) -> str:
    if value is None:
        return t("graded.none_chosen")
    if kind == "truefalse":
        return labels[0] if value else labels[1]
    chosen = value if isinstance(value, list) else [value]
    return "; ".join(labels[i] for i in chosen) or t("graded.none_chosen")


def _saved(item_id: str, kind: str, n_options: int):
    try:
        return store.clean(store.load_all().get(item_id), kind, n_options)
    except store.AnswersFileError:
        return None  # graded_answer reports the broken file where it matters: at grading


def graded_item(item_id: str, prompt, options=None, kind: str = "single"):
    """Show a graded item and save the trainee's choice to answers.json.

    ``prompt`` and each of ``options`` are ``{mn, en}`` mappings (or plain strings);
    ``kind`` is "single" (one option), "multiple" (any options) or "truefalse"
    (no options). A saved choice is shown again when the notebook is reopened.
    Returns the widget (or, with COURSE_HEADLESS=1, its plain-text summary).
    """
    if kind not in store.KINDS:
        raise ValueError(f"kind must be one of {store.KINDS}, not {kind!r}")
    labels = _labels(options, kind)
    saved = _saved(item_id, kind, len(labels))

    def summary(value) -> str:
        return t("graded.summary", item=item_id, prompt=pick(prompt),
                 choice=_describe(value, labels, kind))

    if _headless():
        return PlainItem(summary(saved))
    from . import widget as graded_widget

    return graded_widget.build(item_id, pick(prompt), labels, kind, saved, summary)


def graded_answer(item_id: str, kind: str = "single", n_options: int | None = None):
    """The trainee's saved answer to ``item_id``, or None (with a message) if there is none.

    Never raises on a missing, corrupt or hand-edited answers.json: the message says
    what is wrong and the item scores zero. Values: an option index (single), a
    sorted list of indices (multiple), True/False (truefalse).
    """
    path = store.answers_path()
    try:
        answers = store.load_all(path)
    except store.AnswersFileError as exc:
        print(t("graded.file_corrupt", file=path.name, error=exc))
        return None
    if not path.exists():
        print(t("graded.file_missing", file=path.name))
        return None
    if item_id not in answers:
        print(t("graded.not_answered", item=item_id))
        return None
    value = store.clean(answers[item_id], kind, n_options)
    if value is None:
        print(t("graded.invalid", item=item_id))
    return value


def graded_check(value, text: bool = False) -> None:
    """The visible check of an autograder cell: says in the trainee's language what is
    missing, and never raises, so Run All goes on to the next item. Only the hidden test (in
    the autograded copy) fails an unanswered item."""
    if text:
        if not (isinstance(value, str) and value.strip()):
            print(t("graded.need_text"))
    elif value is None:
        print(t("graded.need_answer"))


def graded_text(answer, accepted, folds=()) -> bool:
    """True when a short answer says one of ``accepted``, matched as the self-check quizzes do.

    Mongolian case endings, a trailing copula or level word, "Mongolian (English)" forms, English
    articles and plurals are tolerated (content/answer_match.py); ``folds`` are the letter
    confusions tolerated ("yo", "ue", "oo": Ё/Е, Ү/У, Ө/О). Without hunspell-mn the answer is
    matched as written and a note says so in the graded output.
    """
    from ..content import answer_match

    if not isinstance(answer, str) or not answer.strip():
        return False
    accepted_now = answer_match.matches(answer, accepted, folds)
    reason = answer_match.note()
    if reason and not accepted_now and not _noted:
        _noted.append(reason)
        print(t("graded.exact_match_only", reason=reason))
    return accepted_now


_noted: list[str] = []  # the degraded-matching note is printed once per grading kernel
