"""The 05–09 explorations as widgets, without a kernel: inputs, figures, plan keys, messages."""

import json

import pytest
from plotly_spec import validated

import course_lib as cl
from course_lib import i18n
from course_lib.explorations import (
    action_plan,
    attacks,
    force_field,
    pitch,
    stakeholders,
    supporters,
    team_climate,
)
from course_lib.record import store as record


@pytest.fixture(autouse=True)
def temp_record(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "progress.db"))
    i18n.set_language("mn")
    yield tmp_path
    i18n.set_language("mn")


def saved(key):
    return json.loads(record.plan_load(key) or "null")


def test_dispatcher_finds_every_05_09_exploration():
    for name, cls in [("stakeholders", stakeholders.StakeholderMapper),
                      ("team_climate", team_climate.TeamClimate), ("pitch", pitch.PitchBuilder),
                      ("attacks", attacks.AttackResponses), ("force_field", force_field.ForceField),
                      ("supporters", supporters.SupportersMap),
                      ("action_plan", action_plan.ActionPlan)]:
        assert isinstance(cl.explore(name), cls)


def test_add_a_stakeholder_by_clicking_plots_it_and_saves_the_plan_row():
    w = cl.explore("stakeholders")
    w.name.value, w.power.value, w.interest.value, w.level.value = "  Иргэд ", 2, 9, "consult"
    w.add_button.click()
    assert list(validated(w.figure).data[0].text) == ["Иргэд"]
    assert (validated(w.figure).data[0].x[0], validated(w.figure).data[0].y[0]) == (9, 2)
    assert saved("m05.stakeholder_map") == [
        {"name": "Иргэд", "power": 2, "interest": 9, "quadrant": "keep_informed",
         "level": "consult"}]
    assert "Мэдээлэлтэй байлгах" in w.summary.value and "✔" in w.message.value


def test_same_name_replaces_and_remove_deletes_and_reload_restores():
    w = cl.explore("stakeholders")
    assert w.add(name="Яам", power=9, interest=2)
    assert w.add(name="Яам", power=9, interest=9)
    assert [r["quadrant"] for r in saved("m05.stakeholder_map")] == ["manage_closely"]
    assert w.add(name="ТАЗ", power=8, interest=3)
    again = cl.explore("stakeholders")  # a re-run cell starts from what was saved
    assert [r["name"] for r in again.rows] == ["Яам", "ТАЗ"]
    again.remove_choice.value = "Яам"
    again.remove_button.click()
    assert [r["name"] for r in saved("m05.stakeholder_map")] == ["ТАЗ"]


@pytest.mark.parametrize("row, words", [
    ({"name": "   ", "power": 5, "interest": 5}, "хоосон нэр"),
    ({"name": "Яам", "power": 11, "interest": 5}, "0–10"),
    ({"name": "Яам", "power": -1, "interest": 5}, "0–10"),
    ({"name": "Яам", "power": "их", "interest": 5}, "тоо байх ёстой"),
    ({"name": "Яам", "power": 5, "interest": 5.5}, "бүхэл тоо"),
    ({"name": "Яам", "power": 5, "interest": float("nan")}, "бүхэл тоо"),
    ({"name": "Я" * 61, "power": 5, "interest": 5}, "хэт урт"),
    ({"name": "Яам", "power": 5, "interest": 5, "level": "veto"}, "жагсаалтаас"),
])
def test_bad_stakeholder_input_gives_a_mongolian_message_and_saves_nothing(row, words):
    w = cl.explore("stakeholders")
    assert w.add(**row) is False
    assert words in w.message.value and "⚠" in w.message.value
    assert w.rows == [] and record.plan_load("m05.stakeholder_map") == ""


def test_messages_follow_the_language():
    i18n.set_language("en")
    w = cl.explore("stakeholders")
    w.add(name="", power=5, interest=5)
    assert "empty name" in w.message.value


def test_corrupt_saved_rows_are_skipped_not_shown_as_errors():
    record.plan_save("m05.stakeholder_map", json.dumps(
        [{"name": "ok", "power": 1, "interest": 1}, {"name": "", "power": 99}, "junk"]))
    assert [r["name"] for r in cl.explore("stakeholders").rows] == ["ok"]
    record.plan_save("m05.stakeholder_map", "{not json")
    assert cl.explore("stakeholders").rows == []


def test_force_field_sums_in_the_title_and_saved_rows():
    w = cl.explore("force_field")
    w.name.value, w.side.value, w.weight.value = "Удирдлагын дэмжлэг", "driving", 4
    w.add_button.click()
    assert w.add(name="Ачаалал", side="restraining", weight=5)
    heading = validated(w.figure).layout.title.text
    assert "Σ 4" in heading and "Σ 5" in heading
    assert "Ачаалал" in w.summary.value  # strongest restraining force is named
    assert saved("m08.force_field") == [
        {"name": "Удирдлагын дэмжлэг", "side": "driving", "weight": 4},
        {"name": "Ачаалал", "side": "restraining", "weight": 5}]
    assert w.add(name="x", side="sideways", weight=3) is False
    assert w.add(name="x", side="driving", weight=9) is False and "1–5" in w.message.value


def test_force_field_ties_name_every_tied_force_not_one():
    w = cl.explore("force_field")
    assert w.add(name="Ачаалал", side="restraining", weight=4)
    assert w.add(name="Төсөв", side="restraining", weight=4)
    assert "«Ачаалал», «Төсөв»" in w.summary.value and "адил жинтэй" in w.summary.value


def test_pitch_ties_name_no_single_weakest_part():
    w = cl.explore("pitch")
    w.texts["problem"].value = "Дараалал урт"
    w.button.click()  # every rating left at 3: all five tied
    assert i18n.t("explore.pitch.even", n=3) in w.page.value
    assert not any(i18n.t(f"explore.pitch.tip.{a}") in w.page.value for a in pitch.pr.ATTRIBUTES)
    w.ratings["advantage"].value = w.ratings["observability"].value = 2
    w.button.click()
    assert i18n.t("explore.pitch.weakest", parts="Давуу тал, Ажиглагдах") in w.page.value
    i18n.set_language("en")
    assert "Rated weakest: Advantage, Observability" in cl.explore("pitch").advice(
        {**dict.fromkeys(pitch.pr.ATTRIBUTES, 3), "advantage": 2, "observability": 2})


def test_supporters_map_groups_and_saves_stance_and_influence():
    w = cl.explore("supporters")
    assert w.add(name="Дарга", stance=2, influence=8)
    assert w.add(name="Нягтлан", stance=-1, influence=7)
    rows = saved("m08.supporters")
    assert [(r["name"], r["group"]) for r in rows] == [("Дарга", "coalition"),
                                                      ("Нягтлан", "engage")]
    assert "албадах" in w.summary.value  # the sceptics' advice warns against coercion
    assert w.add(name="X", stance=0.5, influence=3) is False and "бүхэл" in w.message.value


def test_team_climate_reverse_scores_draws_and_saves():
    w = cl.explore("team_climate")
    for item, value in {1: 5, 2: 2, 3: 1, 4: 4, 5: 4, 6: 5, 7: 3}.items():
        w.items[item].value = value
    w.button.click()
    assert list(validated(w.figure).data[0].x) == [1, 2, 5, 4, 2, 5, 3]
    assert "Тусламж хүсэх" in w.advice.value and "Алдааг" in w.advice.value
    assert [r["score"] for r in saved("m06.team_climate")] == [1, 2, 5, 4, 2, 5, 3]


def test_team_climate_statements_from_the_bank_recorded_and_restored():
    from course_lib.content.bank import load_questions

    likert = {q.id: q for q in load_questions("m06") if q.kind == "likert"}
    assert sorted(likert) == [f"m06.psafe_{i}" for i in range(1, 8)]
    assert all(q.dimension and q.scale == 5 and not q.graded for q in likert.values())
    w = cl.explore("team_climate")
    page = " ".join(str(getattr(c, "value", "")) for c in w.children)
    assert all(q.prompt["mn"] in page for q in likert.values())
    assert len({b.description for b in w.items.values()}) == 7  # each control has its number
    w.items[1].value = 4
    w.items[1].value = 2
    w.items[5].value = 5
    rows = [(r["question_id"], json.loads(r["answer"]), r["score"]) for r in record.attempts()]
    assert rows == [("m06.psafe_1", 4, None), ("m06.psafe_1", 2, None),
                    ("m06.psafe_5", 5, None)]
    again = cl.explore("team_climate")  # reopened with the last ratings, nothing recorded
    assert again.answers() == {1: 2, 5: 5} and len(record.attempts()) == 3
    i18n.set_language("en")
    english = cl.explore("team_climate")
    assert likert["m06.psafe_4"].prompt["en"] in " ".join(
        str(getattr(c, "value", "")) for c in english.children)


def test_team_climate_asks_for_missing_answers_and_rejects_out_of_range():
    w = cl.explore("team_climate")
    w.items[1].value = 3
    w.button.click()
    assert "2, 3, 4, 5, 6, 7" in w.message.value and w.figure is None
    assert w.evaluate({i: 9 for i in range(1, 8)}) is False and "1–5" in w.message.value
    assert w.evaluate({i: "x" for i in range(1, 8)}) is False
    assert record.plan_load("m06.team_climate") == ""


def test_pitch_assembles_one_page_escapes_html_and_saves_rows():
    w = cl.explore("pitch")
    w.texts["problem"].value = "Дараалал <b>урт</b>"
    w.texts["ask"].value = "Гурван сарын туршилт"
    w.ratings["compatibility"].value = 1
    w.button.click()
    assert "&lt;b&gt;урт" in w.page.value and "<b>урт" not in w.page.value
    assert "уялдуулаарай" in w.page.value  # compatibility is the weakest: its tip is shown
    assert "Дутуу хэсэг" in w.message.value
    rows = saved("m07.pitch")
    assert [r["id"] for r in rows] == list(pitch.PARTS)
    assert rows[0]["text"] == "Дараалал <b>урт</b>"
    assert cl.explore("pitch").texts["ask"].value == "Гурван сарын туршилт"


def test_pitch_refuses_empty_and_too_long():
    w = cl.explore("pitch")
    assert w.assemble({}) is False and "Ядаж нэг" in w.message.value
    assert w.assemble({"problem": "а" * 2000}) is False and "1500" in w.message.value
    assert record.plan_load("m07.pitch") == ""


def test_attack_replies_are_saved_and_reloaded():
    w = cl.explore("attacks")
    w.answers["delay"].value = "Туршилтыг ирэх сард эхлүүлэх хуваарь бэлэн."
    w.button.click()
    rows = saved("m07.attack_responses")
    assert [r["id"] for r in rows] == list(attacks.ATTACKS)
    assert rows[1]["response"].startswith("Туршилтыг")
    assert "Хариулаагүй" in w.message.value
    assert cl.explore("attacks").answers["delay"].value.startswith("Туршилтыг")
    assert w.save({a: "" for a in attacks.ATTACKS}) is False


def test_action_plan_assembles_saved_fields_into_a_preview_and_downloads():
    import base64
    import re

    cl.explore("force_field").add(name="Удирдлагын <дэмжлэг>", side="driving", weight=4)
    w = cl.explore("action_plan")
    assert "Удирдлагын &lt;дэмжлэг&gt;" in w.preview.value  # escaped, not raw HTML
    assert "1" in w.message.value
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', w.links.value))
    assert set(links) == {"action_plan.html", "action_plan.md"}
    markdown = base64.b64decode(links["action_plan.md"]).decode("utf-8")
    assert "Удирдлагын" in markdown and "Түлхэх хүч" in markdown
    record.plan_save("m09.success", "Дараалал 20 минутаас богино болно")
    assert "Дараалал 20 минутаас" in w.preview.value  # followed at once: no refresh button
    cl.explore("supporters").add(name="Сайд", stance=2, influence=9)  # an exploration saves
    assert "Сайд" in w.preview.value
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', w.links.value))
    assert "Сайд" in base64.b64decode(links["action_plan.md"]).decode("utf-8")
