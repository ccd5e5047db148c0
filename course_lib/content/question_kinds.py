"""One home per question kind: its model (a dataclass built from the bank), the rules the schema
cannot say, its score and its restore, in one table (``QUESTION_KINDS``).

Adding a kind means one dataclass and one ``QuestionKind`` entry here (plus its scoring function
in scoring.py and its schema branch), and one widget class in widgets/quiz_kinds.py. bank.py
parses through this table, bank_checks.py checks through it, ``Question.check`` scores through
it; widgets restore a stored answer through ``QuestionKind.restore``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import scoring
from .normalize import normalize_text


@dataclass(frozen=True)
class Item:
    """An option (single/multiple) or an item (matching/ordering)."""

    id: str
    text: dict
    explain: dict | None = None


@dataclass(frozen=True, kw_only=True)
class Question:
    """Common fields; ``check(answer)`` returns a scoring.Result."""

    id: str
    kind: str
    module: str
    prompt: dict
    explain: dict | None = None
    hint: dict | None = None
    source: str = ""  # the bank file, for messages
    graded = True  # likert items are recorded, never scored

    def check(self, answer):
        """Check a learner's answer (scoring.py); never raises on learner input."""
        return QUESTION_KINDS[self.kind].score(self, answer)


@dataclass(frozen=True, kw_only=True)
class SingleChoice(Question):
    options: tuple[Item, ...]
    answer: str


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Question):
    options: tuple[Item, ...]
    answer: frozenset


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    answer: bool
    explain_true: dict | None = None
    explain_false: dict | None = None


@dataclass(frozen=True, kw_only=True)
class TextAnswer(Question):
    answer: dict  # lang -> tuple of accepted variants
    fold: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    left: tuple[Item, ...]
    right: tuple[Item, ...]
    answer: dict  # left id -> right id


@dataclass(frozen=True, kw_only=True)
class Ordering(Question):
    items: tuple[Item, ...]
    answer: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Likert(Question):
    scale: int = 5
    labels: tuple[dict, ...] = ()
    dimension: dict | None = None
    graded = False


def _items(entries) -> tuple[Item, ...]:
    return tuple(Item(e["id"], e["text"], e.get("explain")) for e in entries)


# --- the rules a schema cannot say, per kind: (field, message) pairs -----------------------------
def _ids(entries: list[dict]) -> list[str]:
    return [entry["id"] for entry in entries]


def _duplicates(values: list[str]) -> list[str]:
    seen, dupes = set(), []
    for value in values:
        if value in seen and value not in dupes:
            dupes.append(value)
        seen.add(value)
    return dupes


def _choice(q: dict) -> list[tuple[str, str]]:
    option_ids = _ids(q["options"])
    out = [("options", f"duplicate option id {d!r}") for d in _duplicates(option_ids)]
    keys = [q["answer"]] if q["kind"] == "single" else list(q["answer"])
    for key in keys:
        if key not in option_ids:
            out.append(("answer", f"correct answer {key!r} is not an option id "
                                  f"(options: {', '.join(option_ids)})"))
    return out


def _matching(q: dict) -> list[tuple[str, str]]:
    left, right = _ids(q["left"]), _ids(q["right"])
    out = [("left", f"duplicate item id {d!r}") for d in _duplicates(left)]
    out += [("right", f"duplicate item id {d!r}") for d in _duplicates(right)]
    answer = q["answer"]
    for left_id in left:
        if left_id not in answer:
            out.append(("answer", f"left item {left_id!r} has no pair in the answer"))
    for left_id, right_id in answer.items():
        if left_id not in left:
            out.append(("answer", f"{left_id!r} is not a left item id "
                                  f"(left: {', '.join(left)})"))
        if right_id not in right:
            out.append((f"answer.{left_id}", f"{right_id!r} is not a right item id "
                                             f"(right: {', '.join(right)})"))
    return out


def _ordering(q: dict) -> list[tuple[str, str]]:
    items = _ids(q["items"])
    out = [("items", f"duplicate item id {d!r}") for d in _duplicates(items)]
    if sorted(q["answer"]) != sorted(items):
        missing = [i for i in items if i not in q["answer"]]
        extra = [i for i in q["answer"] if i not in items]
        detail = "; ".join(filter(None, [
            missing and f"missing {', '.join(missing)}",
            extra and f"unknown {', '.join(extra)}",
            _duplicates(q["answer"]) and f"repeated {', '.join(_duplicates(q['answer']))}",
        ]))
        out.append(("answer", f"must list every item id exactly once ({detail})"))
    return out


def _text(q: dict) -> list[tuple[str, str]]:
    out = []
    folds = tuple(q.get("fold", ()))
    for lang, variants in q["answer"].items():
        for index, variant in enumerate(variants):
            if not normalize_text(variant, folds):
                out.append((f"answer.{lang}[{index}]", "normalises to nothing (only "
                                                      "punctuation or spaces?)"))
    return out


def _likert(q: dict) -> list[tuple[str, str]]:
    out = []
    if "answer" in q:
        out.append(("answer", "a likert item has no correct answer; remove 'answer'"))
    labels = q.get("labels")
    if labels is not None and len(labels) != q.get("scale", 5):
        out.append(("labels", f"has {len(labels)} labels for a {q.get('scale', 5)}-point scale"))
    return out


def _truefalse(q: dict) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class QuestionKind:
    """One question kind: how a bank entry becomes its model, what else it must hold, how an
    answer is scored, and whether a stored answer can be shown again."""

    parse: Callable[[dict, dict], Question]  # (bank entry, common fields) -> the model
    fields: tuple[str, ...]                  # bank fields only this kind reads
    rules: Callable[[dict], list[tuple[str, str]]]
    score: Callable                          # scoring.check_<kind>(question, answer) -> Result

    def restore(self, question: Question, stored):
        """The stored answer when it still fits the question (the bank may have changed since
        it was stored), else None: the widget then opens blank."""
        return stored if self.score(question, stored).answered else None


FORM = ("form",)  # scenario | recall: every kind a learner answers
QUESTION_KINDS: dict[str, QuestionKind] = {
    "single": QuestionKind(
        lambda raw, common: SingleChoice(**common, options=_items(raw["options"]),
                                         answer=raw["answer"]),
        ("options", *FORM), _choice, scoring.check_single),
    "multiple": QuestionKind(
        lambda raw, common: MultipleChoice(**common, options=_items(raw["options"]),
                                           answer=frozenset(raw["answer"])),
        ("options", *FORM), _choice, scoring.check_multiple),
    "truefalse": QuestionKind(
        lambda raw, common: TrueFalse(**common, answer=raw["answer"],
                                      explain_true=raw.get("explain_true"),
                                      explain_false=raw.get("explain_false")),
        ("explain_true", "explain_false", *FORM), _truefalse, scoring.check_truefalse),
    "text": QuestionKind(
        lambda raw, common: TextAnswer(**common,
                                       answer={k: tuple(v) for k, v in raw["answer"].items()},
                                       fold=tuple(raw.get("fold", ()))),
        ("fold", *FORM), _text, scoring.check_text),
    "matching": QuestionKind(
        lambda raw, common: Matching(**common, left=_items(raw["left"]),
                                     right=_items(raw["right"]), answer=dict(raw["answer"])),
        ("left", "right", *FORM), _matching, scoring.check_matching),
    "ordering": QuestionKind(
        lambda raw, common: Ordering(**common, items=_items(raw["items"]),
                                     answer=tuple(raw["answer"])),
        ("items", *FORM), _ordering, scoring.check_ordering),
    "likert": QuestionKind(
        lambda raw, common: Likert(**common, scale=raw.get("scale", 5),
                                   labels=tuple(raw.get("labels", ())),
                                   dimension=raw.get("dimension")),
        ("scale", "labels", "dimension"), _likert, scoring.check_likert),
}


def build(raw: dict, module: str, source: str) -> Question:
    """The model of one schema-valid bank entry."""
    common = dict(id=raw["id"], kind=raw["kind"], module=module, prompt=raw["prompt"],
                  explain=raw.get("explain"), hint=raw.get("hint"), source=source)
    return QUESTION_KINDS[raw["kind"]].parse(raw, common)
