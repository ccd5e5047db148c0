"""One home per question kind: a model entry (parse, rules, score, restore) in
content/question_kinds.py and one widget class whose ``value`` is both what is checked and
what is restored."""

from __future__ import annotations

import json

import pytest
from test_quiz_widgets import dummy_comm, q  # noqa: F401  (the fixture is used)

from course_lib.content.question_kinds import QUESTION_KINDS
from course_lib.paths import schema_path
from course_lib.widgets.quiz_kinds import KIND_WIDGETS

# kind -> (a fixture question, a full answer in scoring's form)
ANSWERS = {
    "single": ("single", "a"),
    "multiple": ("multiple", ["a", "b"]),
    "truefalse": ("truefalse", False),
    "text": ("text", "OECD"),
    "matching": ("matching", {"one": "i", "two": "iii", "three": "ii"}),
    "ordering": ("ordering", {"s1": 2, "s2": 1, "s3": 3, "s4": 4}),
    "likert": ("likert", 4),
}


def test_every_kind_has_one_model_entry_one_widget_and_its_schema_branch():
    schema = json.loads(schema_path("question-bank.v1.json").read_text(encoding="utf-8"))

    def kind_enums(node):
        if isinstance(node, dict):
            if isinstance(node.get("kind"), dict) and "enum" in node["kind"]:
                yield node["kind"]["enum"]
            for value in node.values():
                yield from kind_enums(value)
        elif isinstance(node, list):
            for value in node:
                yield from kind_enums(value)

    [kinds] = kind_enums(schema)
    assert set(QUESTION_KINDS) == set(KIND_WIDGETS) == set(kinds) == set(ANSWERS)


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_the_value_is_what_is_checked_and_what_is_restored(kind):
    name, answer = ANSWERS[kind]
    question = q(name)
    box = KIND_WIDGETS[kind](question)
    box.value = answer  # into the controls...
    assert box.read() == box.value == answer  # ...and read back unchanged
    assert box.answer() == answer
    reopened = KIND_WIDGETS[kind](question)
    assert reopened.restore(answer) and reopened.value == answer
    assert reopened.result == question.check(answer)
    box.clear()
    assert box.value in (None, "", [])
    assert not question.check(box.value).answered


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_a_stored_answer_that_no_longer_fits_opens_blank(kind):
    question = q(ANSWERS[kind][0])
    assert QUESTION_KINDS[kind].restore(question, {"no": "such"} if kind != "matching"
                                        else ["not", "a", "mapping"]) is None
    box = KIND_WIDGETS[kind](question)
    assert not box.restore("zz-unknown-option" if kind != "text" else 12345678901234567890 ** 50)
    assert box.result is None and not question.check(box.value).answered
