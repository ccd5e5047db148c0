"""Likert self-ratings in the learner record: store one rating, read back the latest ones.

Explorations that ask bank likert items (module 02's culture check, module 06's team climate)
store each rating as an attempt through ``record.record_answer`` (recorded, not graded), so
progress counts them, and reopen with the learner's last ratings. No widgets here.
"""

from __future__ import annotations

from . import store as record


def last_ratings(question_ids) -> dict[str, int]:
    """Question id -> the latest stored rating (ids never rated are left out; an unreadable
    record reopens the widget blank)."""
    latest = record.last_answers(question_ids)
    return {qid: v for qid, v in latest.items() if isinstance(v, int) and not isinstance(v, bool)}


def record_rating(question_id: str, value: int) -> bool:
    """Store one rating; True when the bank accepted it (on the scale) and it was recorded."""
    from ..content.bank import get_question  # lazy: the bank loads YAML

    result = get_question(question_id).check(value)  # checked once, and stored as checked
    if result.status != "recorded":
        return False
    try:
        record.store_attempt(question_id, value, result.correct, result.score)
    except record.RecordError:  # the widget says "not saved"; the rating stays on screen
        return False
    return True


def dimension_means(values: dict[str, int], dimension_of: dict[str, str]) -> dict[str, float]:
    """Dimension -> mean rating of its items (first-seen order; items without values skipped)."""
    groups: dict[str, list[int]] = {}
    for qid, dim in dimension_of.items():
        if qid in values:
            groups.setdefault(dim, []).append(values[qid])
    return {dim: sum(v) / len(v) for dim, v in groups.items()}
