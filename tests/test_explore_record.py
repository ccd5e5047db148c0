"""The checked explorations (module 01 criteria, module 04 challenges) keep every check in the
learner record, carry it through export/import, and show the last check again on reopening."""

from __future__ import annotations

import json

import pytest

import course_lib as cl
from course_lib.content.exercises import challenge_key, criteria_key
from course_lib.record import store as record
from course_lib.record import transfer
from course_lib.widgets import progress_overview as progress

pytestmark = pytest.mark.usefixtures("mongolian_record")


def _tick_all(w):
    for boxes in w.boxes.values():
        for box in boxes:
            box.value = True


def test_criteria_check_stores_one_attempt_per_case():
    w = cl.explore("criteria")
    _tick_all(w)
    assert record.attempts() == []  # ticking alone stores nothing
    w.button.click()
    rows = {a["question_id"]: a for a in record.attempts()}
    assert set(rows) == {f"m01.criteria.{cid}" for cid in criteria_key()}
    logo = rows["m01.criteria.new_logo"]  # reference: (False, True, False)
    assert json.loads(logo["answer"]) == {"novelty": True, "implementation": True,
                                          "impact": True}
    assert logo["correct"] == 0 and logo["score"] == pytest.approx(1 / 3)
    assert rows["m01.criteria.e_mongolia"]["correct"] == 1
    w.button.click()  # every check is kept, not overwritten
    assert len(record.attempts()) == 2 * len(criteria_key())


def test_challenges_check_stores_only_a_complete_sorting():
    w = cl.explore("challenges")
    w.toggles["kiosk_printer"].value = "technical"
    w.button.click()
    assert record.attempts() == []  # unsorted challenges: a message, nothing stored
    for toggle in w.toggles.values():
        toggle.value = "adaptive"
    w.button.click()
    rows = {a["question_id"]: a for a in record.attempts()}
    assert set(rows) == {f"m04.challenges.{cid}" for cid in challenge_key()}
    assert rows["m04.challenges.public_trust"]["correct"] == 1
    assert rows["m04.challenges.form_field"]["score"] == 0.0
    assert json.loads(rows["m04.challenges.form_field"]["answer"]) == "adaptive"


def test_reopening_shows_the_last_check_again():
    w = cl.explore("criteria")
    w.boxes["new_logo"][1].value = True
    w.button.click()
    again = cl.explore("criteria")
    assert again.checked and again.marks()["new_logo"] == (False, True, False)
    assert "✔" in again.feedback.value
    assert len(record.attempts()) == len(criteria_key())  # restoring stores nothing
    again.boxes["new_logo"][0].value = True  # changed after the check, not checked again
    left = cl.explore("criteria")  # comes back as left: the tick kept, the old verdict gone
    assert left.marks()["new_logo"] == (True, True, False)
    assert not left.checked and left.feedback.value == ""
    assert len(record.attempts()) == len(criteria_key())
    sorter = cl.explore("challenges")
    assert not sorter.checked and sorter.feedback.value == ""  # nothing checked yet: blank
    for cid, kind in challenge_key().items():
        sorter.toggles[cid].value = kind
    sorter.button.click()
    reopened = cl.explore("challenges")
    assert reopened.checked and reopened.choices() == challenge_key()


def test_exploration_attempts_travel_in_export_and_import(tmp_path, monkeypatch):
    w = cl.explore("criteria")
    _tick_all(w)
    w.button.click()
    sorter = cl.explore("challenges")
    for toggle in sorter.toggles.values():
        toggle.value = "technical"
    sorter.button.click()
    raw = transfer.export_bytes()
    ids = {a["question_id"] for a in json.loads(raw)["attempts"]}
    assert len(ids) == len(criteria_key()) + len(challenge_key())
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "other" / "progress.db"))
    record.ensure_record()
    transfer.import_bytes(raw, "p.json")
    assert {a["question_id"] for a in record.attempts()} == ids
    assert cl.explore("criteria").checked  # the imported check shows on reopening


def test_exploration_attempts_do_not_count_as_self_check_progress():
    before = {r["module"]: r for r in progress.progress_data()}
    w = cl.explore("criteria")
    _tick_all(w)
    w.button.click()
    after = {r["module"]: r for r in progress.progress_data()}
    for key in ("attempts", "answered", "score", "done", "open_questions"):
        assert after["m01"][key] == before["m01"][key]


def test_a_record_that_cannot_be_written_still_checks_with_a_notice(tmp_path, monkeypatch):
    w = cl.explore("challenges")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "sub" / "progress.db"))
    for cid, kind in challenge_key().items():
        w.toggles[cid].value = kind
    assert w.check() == len(challenge_key())
    assert "⚠" in w.feedback.value and "хадгалж чадсангүй" in w.feedback.value
