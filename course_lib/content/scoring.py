"""Pure checking of learner answers: no widgets, no plotly, never raises on learner input.

One function per kind; question_kinds.QUESTION_KINDS names it, and ``Question.check`` calls it.

Scoring rules (score is 0..1; ``correct`` means full marks):

* single, truefalse: 1 or 0. text: 1 or 0, matched by answer_match.py (Mongolian endings,
  copulas, level words and "Mongolian (English)" forms tolerated; no typo tolerance).
* multiple: right picks / number of right options - wrong picks / number of wrong options,
  floored at 0: each right tick earns its share and each wrong tick costs its share, so
  ticking every box (or none) earns 0; correct only when exactly the right options are ticked.
* matching: share of left items paired with their right item.
* ordering: share of item pairs in the right relative order (Kendall), so one step out of
  place costs little; correct only for the exact order.
* likert: any point on the scale is recorded: correct=True, score=None, graded=False (the
  record stores score NULL, so averages and progress skip it).

Answers that cannot be scored (nothing chosen, wrong type, unknown ids) get score 0, a status
("empty" or "invalid") and a message saying what to do; they give nothing away about the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..i18n import pick, t
from . import answer_match
from .normalize import MAX_ANSWER_CHARS, normalize_text, safe_str, visible_length

TRUE_WORDS = {"true", "t", "yes", "1", "үнэн", "тийм", "зөв"}
FALSE_WORDS = {"false", "f", "no", "0", "худал", "үгүй", "буруу"}
_TRUE_KEYS = {normalize_text(w) for w in TRUE_WORDS}
_FALSE_KEYS = {normalize_text(w) for w in FALSE_WORDS}


@dataclass(frozen=True)
class Feedback:
    """Why one chosen option is right or wrong (only chosen options get feedback)."""

    label: str
    explain: str
    chosen: bool = True


@dataclass(frozen=True)
class Result:
    """The outcome of one check; ``message`` is in the learner's language."""

    correct: bool
    score: float | None
    message: str
    status: str  # correct | partial | wrong | empty | invalid | recorded
    feedback: tuple[Feedback, ...] = ()
    explain: str = ""  # after a correct answer: why; after a wrong one: the hint (no key)
    graded: bool = True

    @property
    def answered(self) -> bool:
        """False for nothing chosen or an answer that could not be read."""
        return self.status not in ("empty", "invalid")


def _empty(key: str = "quiz.empty.choice") -> Result:
    return Result(False, 0.0, t(key), "empty")


def _invalid(key: str, **fields) -> Result:
    return Result(False, 0.0, t(key, **fields), "invalid")


def _graded(q, score: float, feedback=(), detail: str = "", **fields) -> Result:
    score = max(0.0, min(1.0, float(score)))
    if score >= 1.0:
        return Result(True, 1.0, t("quiz.correct"), "correct", tuple(feedback), pick(q.explain))
    status = "partial" if score > 0 else "wrong"
    key = f"quiz.{status}.{detail}" if detail else f"quiz.{status}"
    message = t(key, percent=round(score * 100), **fields)
    return Result(False, score, message, status, tuple(feedback), pick(q.hint))


def _short(text: str) -> str:
    """What a message quotes of the learner's input: at most 40 characters."""
    return text if len(text) <= 40 else text[:40] + "…"


def _feedback(options, chosen) -> list[Feedback]:
    return [Feedback(pick(o.text), pick(o.explain)) for o in options if o.id in chosen]


def _id_list(answer):
    """A list of string ids from str / list / tuple / set, or None if it is none of those."""
    if isinstance(answer, str):
        return [answer] if answer.strip() else []
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer) if all(isinstance(a, str) for a in answer) else None
    return None


def check_single(q, answer) -> Result:
    ids = _id_list(answer)
    if answer is None or ids == []:
        return _empty()
    if ids is None or len(ids) != 1:
        return _invalid("quiz.invalid.one_option")
    known = {o.id for o in q.options}
    if ids[0] not in known:
        return _invalid("quiz.invalid.unknown_option", value=_short(ids[0]))
    return _graded(q, float(ids[0] == q.answer), _feedback(q.options, ids))


def check_multiple(q, answer) -> Result:
    ids = _id_list(answer)
    if answer is None or ids == []:
        return _empty()
    if ids is None:
        return _invalid("quiz.invalid.options")
    chosen = set(ids)
    unknown = sorted(chosen - {o.id for o in q.options})
    if unknown:
        return _invalid("quiz.invalid.unknown_option", value=_short(", ".join(unknown)))
    right, wrong = len(chosen & q.answer), len(chosen - q.answer)
    n_wrong = len(q.options) - len(q.answer)
    score = right / len(q.answer) - (wrong / n_wrong if n_wrong else 0.0)
    # score reaches 1 only with every right option and no wrong one: full marks iff exact
    return _graded(q, max(0.0, score), _feedback(q.options, chosen))


def _as_bool(answer):
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, str) and len(answer) <= MAX_ANSWER_CHARS:
        word = normalize_text(answer)
        if word in _TRUE_KEYS or word in _FALSE_KEYS:
            return word in _TRUE_KEYS
    return None


def check_truefalse(q, answer) -> Result:
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return _empty()
    value = _as_bool(answer)
    if value is None:
        return _invalid("quiz.invalid.truefalse")
    label = t("quiz.true" if value else "quiz.false")
    explain = pick(q.explain_true if value else q.explain_false)
    feedback = [Feedback(label, explain)] if explain else []
    return _graded(q, float(value == q.answer), feedback)


def check_text(q, answer) -> Result:
    if isinstance(answer, (int, float, bytes, bytearray)) and not isinstance(answer, bool):
        answer = safe_str(answer)  # None (unreadable: nan, a 5000-digit int) is handled below
        if answer is None:
            return _invalid("quiz.invalid.text")
    if answer is None:
        return _empty("quiz.empty.text")
    if not isinstance(answer, str):
        return _invalid("quiz.invalid.text")
    if len(answer) > MAX_ANSWER_CHARS:  # before the blank check, which then reads little
        return _invalid("quiz.invalid.too_long", limit=MAX_ANSWER_CHARS)
    if visible_length(answer) == 0:
        return _empty("quiz.empty.text")
    accepted = [v for variants in q.answer.values() for v in variants]
    return _graded(q, float(answer_match.matches(answer, accepted, q.fold)))


def check_matching(q, answer) -> Result:
    if answer is None or (isinstance(answer, dict) and not answer):
        return _empty("quiz.empty.matching")
    if not isinstance(answer, dict):
        return _invalid("quiz.invalid.matching")
    left, right = {i.id for i in q.left}, {i.id for i in q.right}
    unknown = [k for k in answer if k not in left] + [
        v for v in answer.values() if v is not None and (not isinstance(v, str) or v not in right)]
    if unknown:
        named = ", ".join(safe_str(u) or "?" for u in unknown)  # "?": nothing readable
        return _invalid("quiz.invalid.unknown_option", value=_short(named))
    if any(answer.get(k) is None for k in left):
        return _invalid("quiz.incomplete.matching")
    right_pairs = sum(answer[k] == v for k, v in q.answer.items())
    return _graded(q, right_pairs / len(q.answer), detail="pairs", right=right_pairs,
                   total=len(q.answer))


def _order_of(answer):
    """The learner's order as a list of ids, from a list or from {id: position}."""
    if isinstance(answer, dict):
        try:
            ranked = sorted(answer.items(), key=lambda kv: int(kv[1]))
        except (TypeError, ValueError, OverflowError):
            return None
        if len({int(v) for v in answer.values()}) != len(answer):
            return None
        return [k for k, _ in ranked]
    if isinstance(answer, (list, tuple)):
        return list(answer)
    return None


def check_ordering(q, answer) -> Result:
    if answer is None or (isinstance(answer, (list, tuple, dict)) and not answer):
        return _empty("quiz.empty.ordering")
    if not isinstance(answer, (list, tuple, dict)):
        return _invalid("quiz.invalid.ordering")
    order = _order_of(answer)
    ids = [i.id for i in q.items]
    if order is None or any(not isinstance(x, str) for x in order) \
            or sorted(order) != sorted(ids):
        return _invalid("quiz.incomplete.ordering")
    place = {item: n for n, item in enumerate(order)}
    pairs = list(combinations(q.answer, 2))
    in_order = sum(place[a] < place[b] for a, b in pairs)
    # every pair in order <=> the exact order, so full marks only for the right sequence
    return _graded(q, in_order / len(pairs))


def check_likert(q, answer) -> Result:
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return Result(False, None, t("quiz.empty.likert"), "empty", graded=False)
    value = None
    if isinstance(answer, (int, float, str)) and not isinstance(answer, bool):
        try:  # float() reads " 4 " and "4.0" as well; a huge int overflows, "x" does not parse
            number = float(answer)
            value = int(number) if number.is_integer() else None
        except (ValueError, OverflowError):
            value = None
    if value is None or not 1 <= value <= q.scale:
        return Result(False, None, t("quiz.invalid.likert", scale=q.scale), "invalid",
                      graded=False)
    return Result(True, None, t("quiz.recorded"), "recorded", graded=False)
