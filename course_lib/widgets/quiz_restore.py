"""Reopening a question as the trainee left it: the last stored answer selected, its feedback.

Each kind's function is the inverse of its box's ``answer()``: it puts a stored answer back
into the controls, and raises (ValueError, KeyError, TypeError, IndexError) when the answer
no longer fits the question (the bank changed since), in which case the box opens blank.
The verdict is worked out again from what the controls then show, and never stored again.
"""

from __future__ import annotations

from traitlets import TraitError


def _single(box, answer) -> None:
    box.controls[0].value = [o.id for o in box._shown].index(answer)


def _multiple(box, answer) -> None:
    known = {o.id for o in box._shown}
    if not isinstance(answer, list) or not set(answer) <= known:
        raise ValueError(answer)
    for option, control in zip(box._shown, box.controls, strict=True):
        control.value = option.id in answer


def _truefalse(box, answer) -> None:
    if not isinstance(answer, bool):
        raise TypeError(answer)
    box.controls[0].value = answer


def _text(box, answer) -> None:
    if not isinstance(answer, str):
        raise TypeError(answer)
    box.controls[0].value = answer


def _matching(box, answer) -> None:
    right = [r.id for r in box._right]
    for left, control in zip(box.question.left, box.controls, strict=True):
        chosen = answer.get(left.id)
        control.value = None if chosen is None else right.index(chosen)


def _ordering(box, answer) -> None:
    places = range(1, len(box._shown) + 1)
    for item, control in zip(box._shown, box.controls, strict=True):
        place = answer.get(item.id)
        if place is not None and (isinstance(place, bool) or place not in places):
            raise ValueError(place)
        control.value = place


def _likert(box, answer) -> None:
    if isinstance(answer, bool) or answer not in range(1, box.question.scale + 1):
        raise ValueError(answer)
    box.controls[0].value = answer


PUT_BACK = {"single": _single, "multiple": _multiple, "truefalse": _truefalse, "text": _text,
            "matching": _matching, "ordering": _ordering, "likert": _likert}


def restore(box, answer) -> bool:
    """Show ``answer`` (as stored) in ``box`` with its feedback; False (box left blank) when it
    no longer fits the question."""
    try:
        PUT_BACK[box.question.kind](box, answer)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, TraitError):
        box.clear()
        return False
    result = box.question.check(box.answer())
    if not result.answered:
        box.clear()
        return False
    box.result = result
    return True
