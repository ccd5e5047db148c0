"""Where the right option appears is not a pattern a trainee can learn."""

from __future__ import annotations

from collections import Counter

from course_lib.content import bank
from course_lib.widgets.quiz_kinds import SingleBox


def test_right_option_is_not_always_shown_in_the_same_place():
    # authors tend to write the right option first; the display shuffle must undo that
    positions = Counter()
    for question in bank.load_questions():
        if question.kind == "single":
            shown = [o.id for o in SingleBox(question)._shown]
            positions[shown.index(question.answer)] += 1
    total = sum(positions.values())
    assert total >= 10
    assert max(positions.values()) / total < 0.6, positions
