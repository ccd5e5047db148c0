"""Every exploration reopens as the trainee left it after a kernel restart (issue 13 point 4):
sliders, ratings, names typed in, rows added. Each case changes the controls as a trainee
does, then builds the exploration again from the record alone."""

from __future__ import annotations

import sqlite3

import pytest

import course_lib as cl
from course_lib.record import changes, db
from course_lib.record.explore_state import load_state, save_state

pytestmark = pytest.mark.usefixtures("mongolian_record")


def test_wave_sliders_come_back_and_the_figure_with_them():
    w = cl.explore("wave")
    w.frequency.value, w.size.value, w.decay.value = 2.5, 1.5, 0.2
    again = cl.explore("wave")
    assert (again.frequency.value, again.size.value, again.decay.value) == (2.5, 1.5, 0.2)
    assert again.summary.value == w.summary.value and again.figure.to_json() == w.figure.to_json()


def test_diffusion_sliders_come_back():
    w = cl.explore("diffusion")
    w.p.value, w.q.value, w.gamma.value = 0.05, 0.6, 0.3
    again = cl.explore("diffusion")
    assert (again.p.value, again.q.value, again.gamma.value) == (0.05, 0.6, 0.3)
    again.defaults()  # the reset button is kept too
    assert cl.explore("diffusion").gamma.value == 0.0


def test_my_organisation_and_partners_come_back():
    w = cl.explore("coordination")
    w.centre.value = "Дүүргийн засаг даргын тамгын газар"
    assert w.add_row(partner="Сургууль", coordinate="Хүүхдийн хоол", conflict="")
    again = cl.explore("coordination")
    assert again.centre.value == "Дүүргийн засаг даргын тамгын газар"
    assert [r["partner"] for r in again.rows] == ["Сургууль"]
    assert again.with_whom.options[0][0] == "Дүүргийн засаг даргын тамгын газар"


def test_pitch_texts_and_ratings_come_back():
    w = cl.explore("pitch")
    w.texts["problem"].value = "Дараалал урт"
    first = next(iter(w.ratings))
    w.ratings[first].value = 5
    assert w.assemble()
    again = cl.explore("pitch")
    assert again.texts["problem"].value == "Дараалал урт"
    assert again.ratings[first].value == 5


def test_ratings_and_rows_of_the_other_explorations_come_back():
    culture = cl.explore("culture")
    qid = next(iter(culture.sliders))
    culture.sliders[qid].value = 1
    assert cl.explore("culture").sliders[qid].value == 1
    climate = cl.explore("team_climate")
    climate.items[2].value = 4
    assert cl.explore("team_climate").items[2].value == 4
    attacks = cl.explore("attacks")
    attacks.answers["fear"].value = "Туршилтаар эрсдэлийг бууруулна"
    assert attacks.save()
    assert cl.explore("attacks").answers["fear"].value == "Туршилтаар эрсдэлийг бууруулна"
    for name, row in [("stakeholders", dict(name="Иргэд", power=3, interest=9, level="")),
                      ("force_field", dict(name="Төсөв", side="restraining", weight=4)),
                      ("supporters", dict(name="Сайд", stance=2, influence=9))]:
        assert cl.explore(name).add(**row)
        assert [r["name"] for r in cl.explore(name).rows] == [row["name"]]


def test_a_sorting_changed_after_its_check_comes_back_as_left():
    sorter = cl.explore("challenges")
    first, second = list(sorter.toggles)[:2]
    sorter.toggles[first].value = "technical"
    again = cl.explore("challenges")  # never checked: the choice alone comes back
    assert again.toggles[first].value == "technical" and again.toggles[second].value is None
    assert not again.checked


def test_a_stale_or_damaged_state_opens_at_the_defaults():
    save_state("m02.wave", {"frequency": "many", "size": 99, "decay": 0.2, "gone": 1})
    w = cl.explore("wave")
    assert w.frequency.value == 4.0  # not a number: the default
    assert w.decay.value == 0.2  # what still fits is kept
    with db.connect(write=True) as conn:
        conn.execute("UPDATE explore_state SET value = '[1, 2' WHERE name = 'm02.wave'")
    assert load_state("m02.wave") == {}
    assert cl.explore("wave").frequency.value == 4.0


def test_moving_a_slider_does_not_rebuild_the_downloads(monkeypatch):
    calls = []
    monkeypatch.setattr(changes, "notify", lambda: calls.append(1))
    w = cl.explore("wave")
    w.frequency.value = 6.0
    assert load_state("m02.wave")["frequency"] == 6.0 and calls == []


def test_a_first_version_record_gains_the_state_table_and_keeps_its_data(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a record as the first schema version left it
        for statement in db.MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO plan_fields VALUES ('m01.idea', 'санаа', '2026-01-01')")
        conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(path))
    assert cl.plan_load("m01.idea") == "санаа"
    assert save_state("m02.wave", {"frequency": 3.0})
    assert load_state("m02.wave") == {"frequency": 3.0}
    assert not list(tmp_path.glob("old.db.*-*"))  # upgraded in place, nothing moved aside


def test_the_climate_chart_and_the_attack_card_come_back_without_a_new_save():
    climate = cl.explore("team_climate")
    for item, toggle in climate.items.items():
        toggle.value = 2 if item == 3 else 4
    assert climate.evaluate()
    record_before = cl.plan_load("m06.team_climate")
    again = cl.explore("team_climate")
    assert again.figure is not None and again.advice.value == climate.advice.value
    assert cl.plan_load("m06.team_climate") == record_before
    attacks = cl.explore("attacks")
    attacks.answers["delay"].value = "Жижиг туршилтаар <эхэлнэ>"
    assert attacks.save()
    reopened = cl.explore("attacks")
    assert reopened.card.value == attacks.card.value and "&lt;эхэлнэ&gt;" in reopened.card.value
    assert cl.explore("team_climate").figure is not None
    assert cl.explore("attacks").card.value


def test_a_check_in_never_charted_shows_no_chart():
    climate = cl.explore("team_climate")
    climate.items[1].value = 3
    assert cl.explore("team_climate").figure is None  # partly rated
    for toggle in climate.items.values():
        toggle.value = 3
    assert cl.explore("team_climate").figure is None  # rated, but the chart never asked for


def test_inputs_typed_but_not_yet_added_come_back():
    mapper = cl.explore("stakeholders")
    mapper.name.value, mapper.power.value, mapper.level.value = "Хэвлэл мэдээлэл", 8, "inform"
    again = cl.explore("stakeholders")
    assert (again.name.value, again.power.value, again.level.value) == \
        ("Хэвлэл мэдээлэл", 8, "inform")
    assert again.rows == []  # typed, never added: still not on the map
    field = cl.explore("force_field")
    field.side.value = "restraining"
    assert cl.explore("force_field").side.value == "restraining"
    coordination = cl.explore("coordination")
    coordination.partner.value = "Сургууль"
    assert cl.explore("coordination").partner.value == "Сургууль"
