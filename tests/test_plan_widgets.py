"""The action-plan form without a kernel (ipywidgets falls back to a dummy comm): typing
reaches the record after the debounce, reopening restores every kind of field."""

from __future__ import annotations

import json

import ipywidgets
import pytest

import course_lib as cl
from course_lib.record import store as record
from course_lib.widgets import plan_form as plan_widgets
from course_lib.widgets.plan_table import TableEditor

FAST = 0.01  # debounce delay for tests; the saves are awaited by joining the timer


pytestmark = pytest.mark.usefixtures("mongolian_record")


def settle(form):
    """Wait for the pending debounced save, if any."""
    timer = form.debouncer.timer
    if timer is not None:
        timer.join(timeout=30)


def test_form_has_classes_labels_and_inputs():
    form = cl.plan_form("m01", delay=FAST)
    assert "cl-plan" in form._dom_classes
    assert "cl-plan-status" in form.status._dom_classes
    assert set(form.inputs) == {"m01.idea", "m01.novelty", "m01.implementation", "m01.impact"}
    labels = " ".join(getattr(c, "value", "") for c in form.children
                      if isinstance(getattr(c, "value", None), str))
    assert "Миний өөрчлөлтийн санаачилга" in labels and "Шинэлэг байдал" in labels


@pytest.mark.parametrize("module", ["m01", "m05", "m07"])
def test_text_that_follows_text_is_one_html(module):
    """Issue 20 point 8: heading, intro, labels and previews in a row are one HTML model."""
    import ipywidgets as W

    form = cl.plan_form(module, delay=FAST)
    kinds = [type(child) for child in form.children if child is not form.status]
    assert all(not (a is b is W.HTML) for a, b in zip(kinds, kinds[1:], strict=False)), kinds
    text = " ".join(getattr(c, "value", "") for c in form.children
                    if isinstance(getattr(c, "value", None), str))
    for field in form.part.fields:
        assert field.label().replace('"', "&quot;") in text or field.label() in text
    assert form.part.title() in form.children[0].value and "<style>" in form.children[0].value


def test_typing_lands_in_the_record_after_the_debounce():
    form = cl.plan_form("m01", delay=FAST)
    box = form.inputs["m01.idea"]
    for prefix in ("Ө", "Өр", "Өргөдөл", "Өргөдлийг цахимаар"):  # keystrokes
        box.value = prefix
    assert "Бичиж байна" in form.status.value
    settle(form)
    assert record.plan_load("m01.idea") == "Өргөдлийг цахимаар"
    assert "Хадгалагдлаа ✓" in form.status.value
    assert record.plan_load("m01.novelty") == ""  # untouched fields are not written


def test_debounce_coalesces_keystrokes(monkeypatch):
    saved = []
    real = record.save_plan_field
    monkeypatch.setattr(record, "save_plan_field", lambda k, v: (saved.append(v), real(k, v)))
    form = cl.plan_form("m01", delay=0.5)
    for i in range(1, 20):
        form.inputs["m01.idea"].value = "x" * i
    settle(form)
    assert saved == ["x" * 19]


def test_save_button_saves_at_once():
    form = cl.plan_form("m03", delay=3600)  # the timer would never fire within the test
    form.inputs["m03.approach"].value = "adaptive"
    form.save_button.click()
    assert record.plan_load("m03.approach") == "adaptive"
    assert "Хадгалагдлаа ✓" in form.status.value


def test_reopening_restores_every_kind():
    record.plan_save("m02.trust", "4")
    record.plan_save("m02.culture_note", "Итгэлцэл сул")
    record.plan_save("m06.support_actions", json.dumps(["Долоо хоног бүр уулзах", "Сургалт"],
                                                       ensure_ascii=False))
    record.plan_save("m08.resistance", json.dumps(
        [{"source": "Ахмад ажилтнууд", "side": "internal", "response": "Сонсох"}],
        ensure_ascii=False))
    record.plan_save("m03.approach", "infection")
    m02, m03 = cl.plan_form("m02"), cl.plan_form("m03")
    m06, m08 = cl.plan_form("m06"), cl.plan_form("m08")
    assert m02.inputs["m02.trust"].value == "4"
    assert m02.inputs["m02.participation"].value is None
    assert m02.inputs["m02.culture_note"].value == "Итгэлцэл сул"
    assert m03.inputs["m03.approach"].value == "infection"
    assert m06.inputs["m06.support_actions"].value == "Долоо хоног бүр уулзах\nСургалт"
    assert m08.inputs["m08.resistance"].rows() == [
        {"source": "Ахмад ажилтнууд", "side": "internal", "response": "Сонсох"}]


def test_list_and_rating_are_saved_in_their_formats():
    form = cl.plan_form("m06", delay=FAST)
    form.inputs["m06.support_actions"].value = "  нэг \n\n хоёр "
    settle(form)
    assert json.loads(record.plan_load("m06.support_actions")) == ["нэг", "хоёр"]
    ratings = cl.plan_form("m02", delay=FAST)
    ratings.inputs["m02.risk"].value = "2"
    settle(ratings)
    assert record.plan_load("m02.risk") == "2"


def test_table_editor_add_edit_remove_rows():
    form = cl.plan_form("m09", delay=FAST)
    table = form.inputs["m09.first_30_days"]
    assert isinstance(table, TableEditor)
    table.add_button.click()
    table.add_button.click()
    (first_box, first), (_, second) = table._rows
    first["action"].value = "Удирдлагатай уулзах"
    first["when"].value = "1-р долоо хоног"
    second["action"].value = "Багаа цуглуулах"
    settle(form)
    rows = json.loads(record.plan_load("m09.first_30_days"))
    assert [r["action"] for r in rows] == ["Удирдлагатай уулзах", "Багаа цуглуулах"]
    first_box.children[-1].click()  # the row's remove button
    settle(form)
    assert [r["action"] for r in json.loads(record.plan_load("m09.first_30_days"))] == [
        "Багаа цуглуулах"]
    again = cl.plan_form("m09").inputs["m09.first_30_days"]
    assert [r["action"] for r in again.rows()] == ["Багаа цуглуулах"]


def test_fields_filled_by_an_exploration_are_shown_not_edited():
    record.plan_save("m05.stakeholder_map", json.dumps([{
        "name": "<b>Иргэд</b>", "power": 3.0, "interest": 9.0, "quadrant": "keep_informed",
        "level": "consult"}], ensure_ascii=False))
    form = cl.plan_form("m05")
    assert "m05.stakeholder_map" not in form.inputs and "m05.learn_from" in form.inputs
    preview = form.previews["m05.stakeholder_map"].value
    assert cl.t("explore.stakeholders.exercise") in preview  # its name, not the id
    assert "&lt;b&gt;Иргэд&lt;/b&gt;" in preview and "Зөвлөлдөх" in preview
    record.plan_save("m05.stakeholder_map", json.dumps([{"name": "Яам", "power": 8}]))
    # the exploration's save shows at once: no button to press
    assert "Яам" in form.previews["m05.stakeholder_map"].value
    only_explorations = cl.plan_form("m07")
    assert only_explorations.inputs == {}
    assert not _buttons(only_explorations)  # nothing there for a Save or Refresh to do


def _buttons(widget) -> list:
    found = [widget] if isinstance(widget, ipywidgets.Button) else []
    for child in getattr(widget, "children", ()):
        found += _buttons(child)
    return found


def test_an_exploration_saving_updates_the_form_at_once():
    from course_lib.explorations import culture, stakeholders

    form5 = cl.plan_form("m05")
    mapper = stakeholders.show()
    assert mapper.add(name="Иргэний нийгэм", power=2, interest=9, level="")
    assert "Иргэний нийгэм" in form5.previews["m05.stakeholder_map"].value
    form2 = cl.plan_form("m02")
    check = culture.show()
    for slider in check.sliders.values():
        slider.value = 5
    assert check.save_to_plan()
    assert form2.inputs["m02.trust"].value == "5"  # a rating written by the exploration
    assert "m02.trust" not in form2.dirty  # shown, not queued to be written back


def test_a_field_being_typed_is_not_overwritten_by_the_record():
    form = cl.plan_form("m02", delay=60)
    form.inputs["m02.trust"].value = "2"  # clicked, not yet saved (the debounce is pending)
    record.plan_save("m02.trust", "4")  # another view writes meanwhile
    assert form.inputs["m02.trust"].value == "2"
    form.debouncer.cancel()


def test_unreadable_saved_value_gives_a_message():
    record.plan_save("m06.support_actions", "{not json")
    form = cl.plan_form("m06")
    assert "уншиж чадсангүй" in form.status.value


def test_save_failure_shows_a_message_and_keeps_the_change(monkeypatch):
    form = cl.plan_form("m01", delay=FAST)
    real = record.save_plan_field

    def locked(key, text):
        raise record.RecordError("түгжигдсэн")

    monkeypatch.setattr(record, "save_plan_field", locked)
    form.inputs["m01.idea"].value = "санаа"
    settle(form)
    assert "түгжигдсэн" in form.status.value and form.dirty == {"m01.idea"}
    monkeypatch.setattr(record, "save_plan_field", real)
    assert form.save_now()
    assert record.plan_load("m01.idea") == "санаа"


def test_exit_flush_keeps_the_last_keystrokes():
    form = cl.plan_form("m01", delay=3600)
    form.inputs["m01.impact"].value = "сүүлийн үг"
    plan_widgets._flush_all()
    assert record.plan_load("m01.impact") == "сүүлийн үг"


def test_unknown_module_is_a_message():
    widget = cl.plan_form("m42")
    assert "m42" in widget.value and "m01" in widget.value
