"""Quiz widgets without a kernel or a browser: a dummy comm (as in ipywidgets' own
tests/utils.py) records everything that would travel to the page, so the tests can assert
that no answer key and no explanation reaches it before the learner has earned it."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import uuid
from html import escape

import ipywidgets
import pytest
from bank_tree import use_tree

import course_lib as cl
from course_lib import i18n
from course_lib.content import bank
from course_lib.widgets import quiz_kinds, shared_models
from course_lib.widgets.quiz_kinds import MultipleBox

# the module (its name is shared with the public function cl.quiz)
quiz = importlib.import_module("course_lib.widgets.quiz")

SENT: list = []  # every payload a widget sent towards the frontend


class DummyComm:
    kernel = "Truthy"

    def __init__(self, **kwargs):
        self.comm_id = uuid.uuid4().hex
        SENT.append(kwargs.get("data"))

    def open(self, *args, **kwargs):
        pass

    def on_msg(self, *args, **kwargs):
        pass

    def send(self, data=None, *args, **kwargs):
        SENT.append(data)

    def close(self, *args, **kwargs):
        pass


@pytest.fixture(autouse=True)
def dummy_comm(monkeypatch, tmp_path):
    from ipywidgets import comm as widget_comm

    monkeypatch.setattr(widget_comm, "create_comm", lambda **kw: DummyComm(**kw))
    use_tree(monkeypatch, tmp_path, "questions-ok-all-kinds.yaml")
    SENT.clear()
    yield
    i18n.set_language("mn")
    ipywidgets.Widget.close_all()  # else widgets are closed at interpreter exit, noisily


def wire() -> str:
    """All that was sent, as text, with model ids blanked (they differ run to run)."""
    return re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL_", json.dumps(SENT, ensure_ascii=False))


def q(name):
    return bank.get_question(f"m99.{name}")


def pick_option(box, option_id):
    """Choose an option by its id, wherever the display shuffle put it."""
    position = [o.id for o in box._shown].index(option_id)
    if isinstance(box, MultipleBox):
        box.controls[position].value = True
    else:
        box.controls[0].value = position


# each kind, and keys that differ from the fixture's: the page must not change with the key
OTHER_KEYS = {
    "single": ["b", "c"],
    "multiple": [frozenset({"d", "e"}), frozenset({"a"})],
    "truefalse": [False],
    "text": [{"mn": ("ӨӨР",), "en": ("OTHER",)}],
    "matching": [{"one": "iv", "two": "iii", "three": "i"}],
    "ordering": [("s4", "s3", "s2", "s1"), ("s2", "s4", "s1", "s3")],
}


@pytest.mark.parametrize("kind", ["single", "multiple", "truefalse", "text", "matching",
                                  "ordering"])
def test_page_content_does_not_depend_on_the_key(kind):
    base = q(kind)
    pages = []
    for key in [base.answer, *OTHER_KEYS[kind]]:
        if kind == "ordering" and tuple(i.id for i in quiz_kinds.display_order(base)) == key:
            continue  # the one order that is rotated away (covered below)
        SENT.clear()
        shared_models._models.clear()  # each page whole: shared layouts and styles sent again
        quiz.question_widget(dataclasses.replace(base, answer=key))
        pages.append(wire())
    assert len(pages) >= 2 and all(page == pages[0] for page in pages)


def test_ordering_is_never_shown_in_the_key_order():
    base = q("ordering")
    shown = tuple(i.id for i in quiz_kinds.display_order(base))
    again = dataclasses.replace(base, answer=shown)
    assert tuple(i.id for i in quiz_kinds.display_order(again)) != shown
    assert tuple(i.id for i in quiz_kinds.display_order(base)) != base.answer


def test_matching_right_side_is_sorted_by_label_not_by_key():
    box = quiz.question_widget(q("matching"))
    labels = [label for label, _ in box.controls[0].options][1:]
    assert labels == sorted(labels, key=str.casefold)


def explanations(question) -> list[str]:
    texts = [question.explain, question.hint]
    for attr in ("options", "left", "right", "items"):
        texts += [o.explain for o in getattr(question, attr, ())]
    texts += [getattr(question, "explain_true", None), getattr(question, "explain_false", None)]
    return [t[lang] for t in texts if t for lang in ("mn", "en")]


@pytest.mark.parametrize("name", ["single", "multiple", "truefalse", "text", "matching",
                                  "ordering", "likert"])
def test_no_explanation_reaches_the_page_before_a_check(name):
    widget = quiz.question_widget(q(name))
    page = wire() + repr(widget)  # the text/plain output a notebook saves
    for text in explanations(q(name)):
        assert text not in page


def test_wrong_answer_explains_the_choice_without_the_key():
    box = quiz.question_widget(q("single"))
    pick_option(box, "b")  # "Тэнгэр", wrong
    box.check()
    page = wire()
    assert "Тэнгэр цэнхэр." in box.feedback.value and "Тэнгэр цэнхэр." in page
    assert "ЗӨВЛӨГӨӨ" in page  # the hint
    assert "ТАЙЛБАР-ЗӨВ" not in page and "Цус улаан." not in page
    assert box.result.status == "wrong" and box.controls[0].disabled
    assert box.button._dom_classes == ("cl-retry",)  # the one button now offers Retry


def test_right_answer_shows_why_and_retry_resets():
    box = quiz.question_widget(q("single"))
    pick_option(box, "a")
    box.check()
    assert "ТАЙЛБАР-ЗӨВ" in box.feedback.value and "Цус улаан." in box.feedback.value
    assert box.button.description == "Дахин оролдох" and not box.button.disabled
    box.retry()
    assert box.controls[0].value is None and not box.controls[0].disabled
    assert box.feedback.value == "" and box.button._dom_classes == ("cl-check",)
    assert box.button.description == "Шалгах" and box.button.button_style == "primary"


@pytest.mark.parametrize("name, controls", [("single", 1), ("multiple", 5), ("text", 1),
                                           ("matching", 2 * 3), ("ordering", 2 * 4)])
def test_a_question_opens_four_models_besides_its_controls(name, controls):
    """The box, its prompt, one Check/Retry button and one feedback HTML (issue 20 point 8):
    matching and ordering add each item's line over its selector, and nothing else."""
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_style import Style

    before = set(_instances)
    quiz.question_widget(q(name))
    opened = [_instances[k] for k in set(_instances) - before]
    assert len([w for w in opened if not isinstance(w, ipywidgets.Layout | Style)]) \
        == 4 + controls


def test_the_button_checks_then_retries_but_a_double_click_does_not_clear(monkeypatch):
    box = quiz.question_widget(q("single"))
    pick_option(box, "a")
    clock = [100.0]
    monkeypatch.setattr(quiz_kinds.time, "monotonic", lambda: clock[0])
    box.button.click()
    assert box.result.status == "correct" and box.button.description == "Дахин оролдох"
    clock[0] += 0.2
    box.button.click()  # the second click of a double-click on Check
    assert box.result.status == "correct" and box.controls[0].value is not None
    clock[0] += 1.0
    box.button.click()  # a real Retry, later
    assert box.result is None and box.controls[0].value is None
    assert box.button.description == "Шалгах" and box.button._dom_classes == ("cl-check",)


def test_the_feedback_and_score_line_reach_the_page_in_one_message():
    box = quiz.quiz("m99.single")
    pick_option(box, "a")
    SENT.clear()
    box.check()
    painted = [m for m in SENT if isinstance(m, dict) and "value" in m.get("state", {})
               and "Зөв" in str(m["state"]["value"])]
    assert len(painted) == 1 and "1 / 8" in painted[0]["state"]["value"]


def test_nothing_chosen_asks_and_stores_nothing():
    from course_lib.record import store as record

    box = quiz.question_widget(q("matching"))
    box.check()
    assert "Үсгээр тэмдэглэсэн зүйл бүрт" in box.feedback.value
    assert box.result is None and not box.controls[0].disabled
    assert record.attempts() == []


def test_each_check_is_recorded():
    from course_lib.record import store as record

    box = quiz.question_widget(q("multiple"))
    pick_option(box, "b")
    pick_option(box, "a")
    box.check()
    rows = record.attempts()
    assert [(r["question_id"], json.loads(r["answer"])) for r in rows] == \
        [("m99.multiple", ["a", "b"])]
    assert rows[0]["score"] == pytest.approx(2 / 3)


def _break_record(monkeypatch, name: str) -> None:
    """Make the learner record's ``name`` fail as a full disk would."""
    from course_lib.record import store as record

    def broken(*args, **kwargs):
        raise record.RecordError("disk full")

    monkeypatch.setattr(record, name, broken)


def test_a_failing_record_still_gives_feedback(monkeypatch):
    _break_record(monkeypatch, "store_attempt")
    box = quiz.question_widget(q("truefalse"))
    box.controls[0].value = True
    box.check()
    assert "Зөв!" in box.feedback.value and "disk full" in box.feedback.value


@pytest.mark.parametrize("name, set_answer, status", [
    ("text", lambda b: setattr(b.controls[0], "value", " oecd "), "correct"),
    ("matching", lambda b: [setattr(c, "value", n) for n, c in enumerate(b.controls)], None),
    ("likert", lambda b: setattr(b.controls[0], "value", 4), "recorded"),
])
def test_kinds_check_through_their_controls(name, set_answer, status):
    box = quiz.question_widget(q(name))
    set_answer(box)
    box.check()
    assert box.result is not None
    if status:
        assert box.result.status == status


def test_ordering_positions_map_to_the_order():
    box = quiz.question_widget(q("ordering"))
    for item, control in zip(box._shown, box.controls, strict=True):
        control.value = int(item.id[1])  # s1 -> position 1 ...
    box.check()
    assert box.result.correct


def test_module_quiz_keeps_a_running_score():
    widget = quiz.quiz("m99")
    assert isinstance(widget, quiz.ModuleQuiz)
    assert "0 / 8" in widget.header.value  # the likert item is not graded
    single, multiple = widget.boxes[0], widget.boxes[1]
    pick_option(single, "a")
    single.check()
    pick_option(multiple, "a")
    multiple.check()
    assert "1.3 / 8" in widget.header.value  # 1 + 1/3
    single.retry()  # a retry clears the controls; the best attempt still counts
    assert "1.3 / 8" in widget.header.value
    pick_option(single, "b")
    single.check()  # a worse second try: the best score counts, as under a single question
    assert "1.3 / 8" in widget.header.value


def test_controls_are_labelled_and_classes_are_stable():
    widget = quiz.quiz("m99")
    for box in widget.boxes:
        assert "cl-quiz" in box._dom_classes
        assert box.button._dom_classes == ("cl-check",)
        assert "cl-feedback" in box.feedback._dom_classes
        assert box.button.description == box.button.tooltip == "Шалгах"  # its accessible name
        for control in box.controls:
            assert control.description.strip()


def test_english_labels():
    i18n.set_language("en")
    box = quiz.quiz("m99.truefalse")
    assert box.button.description == "Check"
    assert [label for label, _ in box.controls[0].options] == ["True", "False"]


@pytest.mark.parametrize("target", ["m42", "m99.nothing", "", None, 5, "x" * 500])
def test_unknown_targets_give_a_message_widget(target):
    widget = quiz.quiz(target)
    assert isinstance(widget, ipywidgets.HTML) and "cl-quiz-message" in widget._dom_classes
    assert "⚠" in widget.value


def test_broken_bank_gives_a_message_not_a_traceback(tmp_path, monkeypatch):
    use_tree(monkeypatch, tmp_path / "bad", "questions-ko-missing-answer.yaml")
    widget = quiz.quiz("m97")
    assert "m97.no_key" in widget.value and "cl-quiz-message" in widget._dom_classes


def test_public_call_works_after_the_module_was_imported():
    assert isinstance(cl.quiz("m99.single"), quiz_kinds.SingleBox)
    assert isinstance(cl.quiz("m99"), quiz.ModuleQuiz)


def test_choice_order_is_stable_on_reopen():
    first = [o.id for o in quiz.question_widget(q("single"))._shown]
    assert first == [o.id for o in quiz.question_widget(q("single"))._shown]
    assert sorted(first) == ["a", "b", "c"]


def score_line(box) -> str:
    """The module's score line, painted under the feedback in the same HTML ("" if none)."""
    start = box.feedback.value.find('<p class="cl-score">')
    return "" if start < 0 else box.feedback.value[start:]


def test_single_question_shows_the_module_running_score_from_the_record():
    from course_lib.record import store as record

    single = quiz.quiz("m99.single")
    assert single.feedback.value == ""
    pick_option(single, "a")
    single.check()
    assert "Энэ модулийн оноо: 1 / 8" in score_line(single)  # likert not counted
    multiple = quiz.quiz("m99.multiple")  # a new widget reads the same record
    pick_option(multiple, "a")
    multiple.check()
    assert "1.3 / 8" in score_line(multiple)  # 1 + 1/3
    multiple.retry()
    pick_option(multiple, "b")
    multiple.check()  # a worse second try: the best score counts
    assert "1.3 / 8" in score_line(multiple)
    single.retry()
    pick_option(single, "b")
    single.check()
    assert "1.3 / 8" in score_line(single)
    likert = quiz.quiz("m99.likert")
    likert.controls[0].value = 2
    likert.check()
    assert "1.3 / 8" in score_line(likert)
    assert len(record.attempts("m99")) == 5


def test_module_quiz_boxes_leave_the_score_to_the_header():
    widget = quiz.quiz("m99")
    pick_option(widget.boxes[0], "a")
    widget.boxes[0].check()
    assert score_line(widget.boxes[0]) == "" and "1 / 8" in widget.header.value


def test_no_score_line_when_the_record_fails(monkeypatch):
    _break_record(monkeypatch, "module_best_scores")  # a reopened page cannot read the scores
    box = quiz.quiz("m99.truefalse")
    box.controls[0].value = True
    _break_record(monkeypatch, "store_attempt")  # nor store the check
    box.check()
    assert "Зөв!" in box.feedback.value and score_line(box) == ""


def test_one_open_of_the_record_per_click_and_every_score_line_follows(monkeypatch):
    """Issue 23: the module's score under an answered question followed only its own checks.
    Now every line of the module follows each check, from the click's own transaction."""
    from course_lib.record import db

    first, second = quiz.quiz("m99.single"), quiz.quiz("m99.truefalse")
    pick_option(first, "a")
    first.check()
    assert "1 / 8" in score_line(first) and second.feedback.value == ""
    opened = []
    real = db._open
    # every thread's opens: the watcher cannot poll between the write's commit and its notify
    # (one lock, record/changes.py), so it never takes the click for another kernel's write
    monkeypatch.setattr(db, "_open", lambda path: opened.append(path) or real(path))
    second.controls[0].value = True
    second.check()
    assert len(opened) == 1  # the write; the score lines read nothing more
    assert "2 / 8" in score_line(first) and "2 / 8" in score_line(second)


@pytest.mark.parametrize("name", ["matching", "ordering"])
@pytest.mark.parametrize("lang", ["mn", "en"])
def test_items_are_lettered_shown_once_in_full_and_selectors_start_unchosen(name, lang):
    i18n.set_language(lang)
    box = quiz.question_widget(q(name))
    items = q(name).left if name == "matching" else box._shown
    letters = quiz_kinds.LETTERS[lang]
    # each item's line, then its selector, straight under the prompt
    lines = box.children[1:1 + 2 * len(box.controls):2]
    assert list(box.children[2:2 + 2 * len(box.controls):2]) == box.controls
    for n, (item, control, line) in enumerate(zip(items, box.controls, lines, strict=True)):
        text = i18n.pick(item.text)
        assert control.description == f"{letters[n]}."  # a letter, never a rank number
        assert text in control.tooltip and not control.disabled
        assert line.value == f"<b>{letters[n]}.</b> {escape(text)}"  # once, in full
        assert "…" not in line.value
        assert control.value is None and control.options[0] == (i18n.t("quiz.choose"), None)
    if lang == "mn":
        assert i18n.t("quiz.choose") == "— сонгох —"
    if name == "ordering":  # ranks are numbers: no letter among them
        assert [label for label, _ in box.controls[0].options[1:]] == [
            str(n) for n in range(1, len(items) + 1)]


def test_long_item_text_is_shown_whole():
    long = dataclasses.replace(q("matching"), left=tuple(
        dataclasses.replace(item, text={"mn": "урт " * 30 + item.id, "en": "long"})
        for item in q("matching").left))
    i18n.set_language("mn")
    box = quiz.question_widget(long)
    assert len({c.description for c in box.controls}) == len(box.controls)
    shown = [line.value for line in box.children[1:1 + 2 * len(box.controls):2]]
    assert all(text.endswith(item.id) for text, item in zip(shown, long.left, strict=True))


def test_a_click_checks_once_and_stores_that_result(monkeypatch):
    """One check per click; the stored attempt is the shown result; the score line reads the
    record without loading a bank again."""
    from course_lib.content import bank
    from course_lib.record import store as record

    box = quiz.quiz("m99.single")
    calls = []
    real = type(box.question).check
    monkeypatch.setattr(type(box.question), "check",
                        lambda self, answer: calls.append(answer) or real(self, answer))
    monkeypatch.setattr(bank, "load_questions", lambda *a, **k: pytest.fail("bank reloaded"))
    pick_option(box, "a")
    box.check()
    assert len(calls) == 1
    [row] = record.attempts()
    assert (bool(row["correct"]), row["score"]) == (box.result.correct, box.result.score)
    assert "1 / 8" in score_line(box)


def test_only_the_records_own_error_is_caught(monkeypatch):
    """A bug is not dressed up as "not saved": anything but RecordError propagates."""
    _break = __import__("course_lib.record.store", fromlist=["x"])
    monkeypatch.setattr(_break, "store_attempt",
                        lambda *a, **k: (_ for _ in ()).throw(ZeroDivisionError("bug")))
    box = quiz.question_widget(q("truefalse"))
    box.controls[0].value = True
    with pytest.raises(ZeroDivisionError):
        box.check()


# --- small frictions (issue 23.3): placeholder shown, Enter checks ------------------------

def press_enter(control) -> None:
    """What the page sends when Enter is pressed in a Text widget (ipywidgets 8.1 TextView)."""
    control._handle_msg({"content": {"data": {"method": "custom",
                                              "content": {"event": "submit"}}},
                         "buffers": []})


@pytest.mark.parametrize("name", ["matching", "ordering"])
@pytest.mark.parametrize("lang", ["mn", "en"])
def test_dropdowns_show_the_placeholder_not_an_empty_box(name, lang):
    """ipywidgets shows an empty box for value=None; the placeholder needs index 0."""
    i18n.set_language(lang)
    box = quiz.question_widget(q(name))
    label = {"mn": "— сонгох —", "en": "— choose —"}[lang]
    assert all(c.index == 0 and c.label == label and c.value is None for c in box.controls)
    state = box.controls[0].get_state()
    assert state["index"] == 0 and state["_options_labels"][0] == label  # what the page gets
    box.controls[0].value = 1
    box.controls[1].value = 2
    assert box.value is not None
    box.check()
    box.retry()  # cleared: back to the placeholder, not to an empty box
    assert all(c.index == 0 and c.label == label for c in box.controls)
    assert box.value is None
    box.controls[0].value = 1
    box.controls[0].index = 0  # the trainee picks the placeholder again: it stays shown
    assert box.controls[0].index == 0 and box.controls[0].value is None


def test_a_partly_restored_matching_shows_the_placeholder_where_nothing_was_chosen():
    box = quiz.question_widget(q("matching"))
    left = [item.id for item in q("matching").left]
    right = box._right[0].id
    box.value = {left[0]: right}
    assert box.controls[0].label == i18n.pick(box._right[0].text)
    assert [c.index for c in box.controls[1:]] == [0] * (len(left) - 1)


def test_enter_in_a_text_answer_checks_it_once():
    from course_lib.record import store as record

    box = quiz.question_widget(q("text"))
    press_enter(box.controls[0])  # nothing typed: asked to type, nothing stored
    assert box.result is None and "Хариултаа бичнэ үү." in box.feedback.value
    box.controls[0].value = " oecd "
    press_enter(box.controls[0])
    assert box.result is not None and box.result.status == "correct"
    press_enter(box.controls[0])  # already checked: a second Enter stores nothing more
    assert len(record.attempts()) == 1
    box.controls[0]._handle_msg({"content": {"data": {"method": "custom",
                                                      "content": {"event": "other"}}},
                                 "buffers": []})
    assert len(record.attempts()) == 1


def test_enter_is_listened_for_without_the_deprecated_on_submit(recwarn):
    box = quiz.question_widget(q("text"))
    assert box.controls[0].continuous_update  # the value reaches the kernel as it is typed
    box.controls[0].value = "OECD"
    press_enter(box.controls[0])
    assert box.result.status == "correct"
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)
                and "on_submit" in str(w.message)]
