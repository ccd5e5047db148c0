"""Explorations of modules 01-04 built without a kernel: change a control, the figure and the
plan follow; bad input gives a localised message, never a traceback."""

import json

import pytest
from plotly_spec import validated

import course_lib as cl
from course_lib.explorations import available
from course_lib.figures import wave_chart as wave
from course_lib.record import store as record

pytestmark = pytest.mark.usefixtures("mongolian_record")


def test_dispatcher_lists_and_rejects_unknown_names():
    from pathlib import Path

    import course_lib.explorations as package

    files = {p.stem for p in Path(package.__file__).parent.glob("*.py")
             if not p.stem.startswith("_")}
    assert set(available()) == files  # NAMES holds every exploration file, and only those
    message = cl.explore("no_such_thing")
    assert "no_such_thing" in message.value and "wave" in message.value
    assert "олдсонгүй" in message.value
    cl.set_language("en")
    assert "no exploration" in cl.explore("../etc").value


def test_criteria_sorter_checks_and_explains():
    w = cl.explore("criteria")
    for boxes in w.boxes.values():
        for box in boxes:
            box.value = True
    assert list(validated(w.figure).data[0].text[0]) == ["✓", "✓", "✓", "✓"]
    right = w.check()
    assert right == 3  # the three real innovations; plan, logo and tablets are not
    assert list(validated(w.figure).data[0].z[0]) == [1, 1, 1, 1]
    assert "✘" in w.feedback.value and "3" in w.feedback.value
    w.boxes["plan_only"][1].value = False  # any change clears the verdict
    assert w.feedback.value == "" and not w.checked


def test_wave_sliders_redraw():
    w = cl.explore("wave")
    before = validated(w.figure).data[-1].y[-1]
    w.frequency.value = 8
    assert validated(w.figure).data[-1].y[-1] > before
    drawn = w.plot.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    # the Output shows the new figure
    assert drawn["data"][-1]["y"][-1] == validated(w.figure).data[-1].y[-1]
    assert len(w.plot.outputs) == 1
    w.decay.value = 0.0
    assert "10" in w.summary.value
    assert validated(w.figure).layout.xaxis.title.text == cl.t("explore.wave.x")


def test_wave_supports_the_lesson_at_its_defaults():
    w = cl.explore("wave")
    s = wave.summary(wave.series(w.frequency.value, w.size.value, w.decay.value))
    # what lasts: the small waves end higher and hold the higher level over the later years
    assert s["small_end"] > 5 * s["big_end"] and s["small_late"] > 2 * s["big_late"]
    assert cl.t("explore.wave.lasts", year=f"{round(s['ahead_from'], 1):g}") in w.summary.value
    assert cl.t("explore.wave.slow_fading", decay="X").split("X")[0] not in w.summary.value


@pytest.mark.parametrize("frequency", [0.5, 1.0, 4.0, 12.0])
def test_wave_explains_every_slider_range_where_the_big_wave_lasts(frequency):
    w = cl.explore("wave", frequency=frequency)
    slow_start = cl.t("explore.wave.slow_fading", decay="X").split("X")[0]
    steps = round((w.decay.max - w.decay.min) / w.decay.step)
    for n in range(steps + 1):
        w.decay.value = round(w.decay.min + n * w.decay.step, 2)
        s = wave.summary(wave.series(frequency, w.size.value, w.decay.value))
        text = w.summary.value
        if s["small_late"] > s["big_late"]:
            assert slow_start not in text, (frequency, w.decay.value)
        else:  # the exercise says so, and names the rate from which the lesson holds
            assert slow_start in text, (frequency, w.decay.value)
            turn = wave.lasting_from(frequency, w.size.value, w.decay.value, w.decay.step,
                                     w.decay.max)
            assert turn is not None and cl.t("explore.wave.turns_at", decay=f"{turn:g}") in text


def test_culture_radar_and_plan():
    w = cl.explore("culture")
    w.sliders["m02.culture_trust_1"].value = 5
    w.sliders["m02.culture_trust_2"].value = 4
    shape = validated(w.figure).data[-1]
    assert list(shape.r) == [4.5, 3, 3, 4.5]  # trait averages, shape closed
    assert list(shape.theta)[:3] == ["Харилцан итгэлцэл", "Олон талт оролцоо",
                                     "Эрсдэлээс айхгүй, алдааг хүлээн авах"]
    assert w.save_to_plan()
    assert record.plan_load("m02.trust") == "5"  # 4.5 rounds half up
    assert record.plan_load("m02.participation") == "3"
    assert "✔" in w.message.value


def test_culture_statements_come_from_the_bank_and_ratings_are_recorded():
    from course_lib.content.bank import load_questions

    likert = {q.id: q for q in load_questions("m02") if q.kind == "likert"}
    assert sorted(likert) == sorted(f"m02.culture_{t}_{n}" for t in ("trust", "part", "risk")
                                    for n in (1, 2))
    w = cl.explore("culture")
    assert list(w.sliders) == list(likert)
    for qid, slider in w.sliders.items():
        assert slider.description == likert[qid].prompt["mn"] and not likert[qid].graded
    w.sliders["m02.culture_risk_1"].value = 2
    w.sliders["m02.culture_risk_1"].value = 1
    rows = [(r["question_id"], json.loads(r["answer"]), r["score"]) for r in record.attempts()]
    assert rows == [("m02.culture_risk_1", 2, None), ("m02.culture_risk_1", 1, None)]
    w.save_to_plan()  # the four left at 3 are recorded too (the one moved is not again)
    assert len(record.attempts("m02")) == 7
    assert {r["question_id"] for r in record.attempts("m02")} == set(likert)
    again = cl.explore("culture")  # reopened: the last ratings, not the defaults
    assert again.sliders["m02.culture_risk_1"].value == 1
    assert again.values() == w.values()
    assert len(record.attempts("m02")) == 7  # reopening records nothing
    cl.set_language("en")
    english = cl.explore("culture")
    assert english.sliders["m02.culture_trust_1"].description.startswith("People in my unit")
    assert "Mutual trust" in validated(english.figure).data[-1].theta


def test_diffusion_sliders_and_defaults():
    w = cl.explore("diffusion")
    assert (w.p.value, w.q.value) == (0.03, 0.38)
    first = list(validated(w.figure).data[0].y)
    w.q.value = 0.8
    assert validated(w.figure).data[0].y[40] > first[40]
    w.gamma.value = 0.5
    assert len(validated(w.figure).data) == 3  # the "still spreading" line appears with fatigue
    w.p.value, w.q.value = 0.001, 0.0
    assert "%" in w.summary.value
    w.defaults()
    assert (w.p.value, w.q.value, w.gamma.value) == (0.03, 0.38, 0.0)


def test_challenge_sorter_needs_all_then_scores():
    w = cl.explore("challenges")
    w.toggles["kiosk_printer"].value = "technical"
    assert w.check() is None and "⚠" in w.feedback.value
    for toggle in w.toggles.values():
        toggle.value = "adaptive"
    assert w.check() == 4
    assert w.checked and len(validated(w.figure).data) == 8


def test_coordination_map_saves_rows_and_rejects_bad_input():
    w = cl.explore("coordination")
    w.centre.value = "Аймгийн ЗДТГ"
    assert not w.add_row(partner="  ", coordinate="x")
    assert "⚠" not in w.message.value and w.message.value  # a plain localised message
    assert w.add_row(partner="Сангийн яам", coordinate="төсөв", conflict="санхүүжилт")
    assert w.add_row(partner="ТАЗ", coordinate="хүний нөөц")
    assert not w.add_row(partner="тАз", coordinate="давхар")
    saved = json.loads(record.plan_load("m04.coordination"))
    assert [r["partner"] for r in saved] == ["Сангийн яам", "ТАЗ"]
    assert saved[0]["conflict"] == "санхүүжилт"
    assert validated(w.figure).data[-1].text == ("Аймгийн ЗДТГ",)
    assert w.remove_row(0)
    again = cl.explore("coordination")  # a re-run cell picks the map up from the plan
    assert [r["partner"] for r in again.rows] == ["ТАЗ"]
    assert not again.remove_row(None)


def test_coordination_ignores_a_broken_saved_value():
    record.plan_save("m04.coordination", "{not json")
    assert cl.explore("coordination").rows == []


def test_coordination_map_records_who_coordinates_with_whom():
    w = cl.explore("coordination", load=False)
    assert w.add_row(partner="Сангийн яам", coordinate="төсөв")
    assert [label for label, _ in w.with_whom.options] == [w.with_whom.options[0][0], "Сангийн яам"]
    w.with_whom.value = "Сангийн яам"
    assert w.add_row(partner="Аймгийн ЗДТГ", coordinate="орон нутгийн төсөв")
    saved = json.loads(record.plan_load("m04.coordination"))
    assert saved[1]["with"] == "Сангийн яам" and saved[0]["with"] == ""
    assert w.remove_row(0)  # removing a partner re-links its dependants to the centre
    assert json.loads(record.plan_load("m04.coordination"))[0]["with"] == ""
