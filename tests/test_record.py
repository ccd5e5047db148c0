"""The learner record: schema, attempts, plan fields, queries, error messages."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from course_lib.content import bank
from course_lib.i18n import set_language
from course_lib.record import db as record_file
from course_lib.record import store as record


@pytest.fixture(autouse=True)
def db(record_in_new_folder):
    return record_in_new_folder


class FakeQuestion:
    """A question whose check is known, so the test is about storing, not scoring."""

    def __init__(self, correct, score):
        self.result = SimpleNamespace(correct=correct, score=score, message="ok")

    def check(self, answer):
        return self.result


def test_ensure_creates_the_record_with_our_marks(db):
    assert not db.exists()
    assert record.ensure_record() == []
    assert record.db_path() == db and db.exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == record.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == record.SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"attempts", "plan_fields"} <= tables


def test_ensure_twice_keeps_data(db):
    record.ensure_record()
    record.plan_save("m01.idea", "санаа")
    record_file._ready.clear()  # a new kernel
    assert record.ensure_record() == []
    assert record.plan_load("m01.idea") == "санаа"


def test_an_empty_file_becomes_a_fresh_record(db):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    assert record.ensure_record() == []
    assert record.plan_save("m01.idea", "x")


def test_plan_fields_save_load_overwrite():
    assert record.plan_load("m01.idea") == ""
    assert record.plan_save("m01.idea", "Өргөдлийг цахимаар хүлээн авах")
    assert record.plan_load("m01.idea") == "Өргөдлийг цахимаар хүлээн авах"
    assert record.plan_save("m01.idea", "шинэ")
    assert record.plan_load("m01.idea") == "шинэ"
    fields = record.plan_fields()
    assert list(fields) == ["m01.idea"] and fields["m01.idea"]["value"] == "шинэ"


def test_plan_keys_filled_ignores_blank_and_empty_json():
    record.plan_save("m01.idea", "x")
    record.plan_save("m01.novelty", "   ")
    record.plan_save("m04.coordination", "[]")
    assert record.plan_keys_filled() == {"m01.idea"}


def test_record_answer_checks_stores_and_returns(monkeypatch):
    monkeypatch.setattr(bank, "get_question", lambda qid: FakeQuestion(True, 1.0))
    result = record.record_answer("m01.novelty", {"b", "a"})
    assert result.correct is True
    [row] = record.attempts()
    assert row["question_id"] == "m01.novelty" and row["module"] == "m01"
    assert row["answer"] == '["a", "b"]'  # a set is stored sorted, as JSON
    assert row["correct"] == 1 and row["score"] == 1.0 and len(row["uid"]) == 32


def test_record_answer_with_the_real_bank():
    questions = bank.load_questions()
    single = next(q for q in questions if q.kind == "single")
    result = record.record_answer(single.id, single.answer)
    assert result.correct
    assert record.question_summary()[single.id]["best"] == pytest.approx(result.score)


@pytest.mark.parametrize("answer", [None, "", "   ", [], {}, "zz"])
def test_nothing_chosen_or_unreadable_is_returned_but_not_stored(answer):
    single = next(q for q in bank.load_questions() if q.kind == "single")
    result = record.record_answer(single.id, answer)
    assert result.status in ("empty", "invalid") and result.message
    assert record.attempts() == [] and single.id not in record.question_summary()


def test_record_attempt_stores_exploration_checks_and_latest_answers():
    assert record.record_attempt("m01.criteria.new_logo", {"novelty": True}, False, 1 / 3)
    assert record.record_attempt("m01.criteria.new_logo", {"novelty": False}, True, 1.0)
    assert record.record_attempt("m04.challenges.form_field", "technical", True, 1.0)
    assert [a["module"] for a in record.attempts()] == ["m01", "m01", "m04"]
    assert record.latest_answers("m01.criteria.") == {"m01.criteria.new_logo": {"novelty": False}}


def test_record_attempt_failure_is_a_notice_not_a_traceback(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "sub" / "progress.db"))
    assert record.record_attempt("m01.criteria.new_logo", {}, False, 0.0) is False
    assert "COURSE_PROGRESS_DB" in capsys.readouterr().err
    assert record.latest_answers("m01.criteria.") == {}


@pytest.mark.parametrize("key", [None, "", "idea", "m1.idea", "M01.idea", "m01.", "m01.Idea",
                                 "m01.idea x", 101, b"m01.idea"])
def test_plan_keys_are_validated(key):
    with pytest.raises(ValueError, match="m01.idea"):
        record.plan_save(key, "x")
    with pytest.raises(ValueError, match="m01.idea"):
        record.plan_load(key)
    assert record.plan_fields() == {}


class _BrokenStr:
    def __str__(self):
        raise RuntimeError("no text")


@pytest.mark.parametrize("text, stored", [
    (None, ""), (42, "42"), (4.5, "4.5"), (["a", "б"], "['a', 'б']"), (b"\xd0\xb0", "а"),
    ("a\ud800b", "a?b"), ("нул\x00тэй", "нул\x00тэй"),
])
def test_plan_save_never_fails_on_the_text(text, stored):
    assert record.plan_save("m01.idea", text) is True
    assert record.plan_load("m01.idea") == stored


def test_plan_save_stores_odd_objects_and_huge_text():
    assert record.plan_save("m01.idea", _BrokenStr()) is True
    assert "_BrokenStr" in record.plan_load("m01.idea")
    huge = "Ө" * 5_000_000
    assert record.plan_save("m01.impact", huge) is True
    assert record.plan_load("m01.impact") == huge


def test_ungraded_attempts_store_null(monkeypatch):
    monkeypatch.setattr(bank, "get_question", lambda qid: FakeQuestion(None, None))
    record.record_answer("m02.culture_1", 4)
    [row] = record.attempts()
    assert row["correct"] is None and row["score"] is None


def test_summary_best_and_latest_per_question():
    record.store_attempt("m01.a", "x", False, 0.0, created_at="2026-01-01T00:00:00+00:00")
    record.store_attempt("m01.a", "y", True, 1.0, created_at="2026-01-02T00:00:00+00:00")
    record.store_attempt("m01.a", "z", False, 0.5, created_at="2026-01-03T00:00:00+00:00")
    record.store_attempt("m02.b", "q", True, 1.0)
    summary = record.question_summary()
    assert summary["m01.a"] == {"module": "m01", "attempts": 3, "best": 1.0, "latest": 0.5,
                                "latest_correct": False}
    assert record.attempts_per_module() == {"m01": 3, "m02": 1}
    assert [a["answer"] for a in record.attempts("m01")] == ['"x"', '"y"', '"z"']


def test_merge_dedupes_by_uid_and_takes_newer_plan_fields():
    uid = record.store_attempt("m01.a", "x", True, 1.0)
    record.save_plan_field("m01.idea", "mine", "2026-05-01T00:00:00+00:00")
    record.save_plan_field("m01.impact", "mine too", "2026-05-01T00:00:00+00:00")
    rows = [{"uid": uid, "question_id": "m01.a", "answer": '"x"', "correct": 1, "score": 1.0,
             "created_at": "2026-01-01T00:00:00+00:00"},
            {"uid": "f" * 32, "question_id": "m01.b", "answer": '"y"', "correct": 0,
             "score": 0.0, "created_at": "2026-01-01T00:00:00+00:00"}]
    added, taken = record.merge(rows, {
        "m01.idea": {"value": "older", "updated_at": "2026-04-01T00:00:00Z"},
        "m01.impact": {"value": "newer", "updated_at": "2026-06-01T08:00:00+08:00"},
        "m01.novelty": {"value": "new key", "updated_at": "2026-01-01T00:00:00Z"}})
    assert (added, taken) == (1, 2)
    assert len(record.attempts()) == 2
    assert record.plan_load("m01.idea") == "mine"
    assert record.plan_load("m01.impact") == "newer"
    assert record.plan_load("m01.novelty") == "new key"


def test_connect_recreates_a_deleted_record(db):
    record.plan_save("m01.idea", "x")
    for side in db.parent.iterdir():
        side.unlink()
    assert record.plan_load("m01.idea") == ""
    assert record.plan_save("m01.idea", "again")
    assert record.plan_load("m01.idea") == "again"


def test_unusable_path_gives_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "progress.db"))
    notices = record.ensure_record()
    assert len(notices) == 1 and "COURSE_PROGRESS_DB" in notices[0]
    assert record.plan_save("m01.idea", "x") is False
    assert record.plan_load("m01.idea") == ""
    assert "COURSE_PROGRESS_DB" in capsys.readouterr().err
    with pytest.raises(record.RecordError):
        record.save_plan_field("m01.idea", "x")


def test_english_messages(tmp_path, monkeypatch):
    blocker = tmp_path / "f"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "p.db"))
    set_language("en")
    try:
        assert "cannot be created or written" in record.ensure_record()[0]
    finally:
        set_language("mn")


def test_record_does_not_import_widgets_or_plotly():
    import subprocess
    import sys

    code = ("import sys, course_lib.record.store, course_lib.record.transfer, "
            "course_lib.record.plan_document; "
            "bad = [m for m in ('ipywidgets', 'plotly') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_stored_answer_is_readable_json_whatever_the_widget_handed_over():
    record.store_attempt("m01.a", {"б": "ө", "a": (1, 2)}, True, 1.0)
    record.store_attempt("m01.b", {3, "гурав", 1}, True, 1.0)  # a set mixing numbers and words
    record.store_attempt("m01.c", {"when": SimpleNamespace}, True, 1.0)  # no JSON form: its text
    answers = [a["answer"] for a in record.attempts()]
    assert answers[:2] == ['{"a": [1, 2], "б": "ө"}', '[1, 3, "гурав"]']
    assert answers[2] == '{"when": "' + str(SimpleNamespace) + '"}'


def test_a_checked_answer_hands_its_modules_best_scores_to_the_open_views():
    from course_lib.record import changes

    before = changes.RECORD.version
    record.store_attempt("m03.a", "x", True, 1.0)
    record.store_attempt("m03.a", "y", False, 0.0)  # a worse retry never lowers the best
    record.store_attempt("m03.b", "z", False, 0.5)
    assert changes.RECORD.version == before + 3
    assert "m03" in changes.known_modules()
    assert {q: s for q, s in changes.RECORD.best.items() if q.startswith("m03.")} == {
        "m03.a": 1.0, "m03.b": 0.5}
    assert record.module_best_scores("m03") == {"m03.a": 1.0, "m03.b": 0.5}


def test_best_scores_and_last_answers_for_exactly_the_ids_asked():
    record.store_attempt("m01.a", "first", False, 0.0, created_at="2026-01-01T00:00:00+00:00")
    record.store_attempt("m01.a", "second", True, 1.0, created_at="2026-01-02T00:00:00+00:00")
    record.store_attempt("m01.a", "third", False, 0.5, created_at="2026-01-03T00:00:00+00:00")
    record.store_attempt("m01.b", 4, None, None)  # ungraded: no best score
    record.store_attempt("m01.c", "other", True, 1.0)
    assert record.best_scores(["m01.a", "m01.b", "m01.zz"]) == {"m01.a": 1.0}
    assert record.best_scores([]) == {}
    assert record.last_answers(["m01.a", "m01.b", "m01.zz"]) == {"m01.a": "third", "m01.b": 4}
    assert record.last_answers(iter([])) == {}


def test_last_answers_open_blank_when_the_record_cannot_be_read(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "sub" / "progress.db"))
    assert record.last_answers(["m01.a"]) == {}


def test_an_undecodable_last_answer_leaves_its_id_out(capsys):
    rows = [{"uid": f"{n:032x}", "question_id": qid, "answer": text, "correct": 1, "score": 1.0,
             "created_at": f"2026-01-0{n}T00:00:00+00:00"}
            for n, (qid, text) in enumerate([("m01.a", '"ok"'), ("m01.a", "{broken"),
                                             ("m01.b", "{broken"), ("m01.c", '"fine"')], 1)]
    record.merge(rows, {})
    assert record.latest_answers("m01.") == {"m01.c": "fine"}
    assert record.last_answers(["m01.a", "m01.b", "m01.c"]) == {"m01.c": "fine"}


def test_summary_latest_correct_is_none_for_an_ungraded_latest():
    record.store_attempt("m02.scale", 4, None, None)
    record.store_attempt("m02.q", "a", True, 1.0)
    summary = record.question_summary()
    assert summary["m02.scale"]["latest_correct"] is None
    assert summary["m02.q"]["latest_correct"] is True


def test_merge_is_all_or_nothing_and_files_attempts_under_their_module():
    row = {"uid": "a" * 32, "question_id": "m05.q.part", "answer": '"x"', "correct": 1,
           "score": 1.0, "created_at": "2026-01-01T00:00:00+00:00"}
    with pytest.raises(ValueError):  # a bad time stamp half way: nothing of the import stays
        record.merge([row], {"m01.idea": {"value": "v", "updated_at": "not a time"}})
    assert record.attempts() == [] and record.plan_fields() == {}
    assert record.merge([row], {}) == (1, 0)
    assert record.attempts_per_module() == {"m05": 1}


def test_importing_the_same_fields_again_takes_nothing():
    record.save_plan_field("m01.idea", "mine", "2026-05-01T00:00:00+00:00")
    same = {"m01.idea": {"value": "theirs", "updated_at": "2026-05-01T00:00:00+00:00"}}
    assert record.merge([], same) == (0, 0)
    assert record.plan_load("m01.idea") == "mine"


def test_a_naive_import_time_is_utc_and_times_are_stored_in_utc_on_any_clock(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Ulaanbaatar")  # the trainees' own clock: UTC+8
    time.tzset()
    try:
        record.save_plan_field("m01.idea", "mine", "2026-05-01T00:00:00+00:00")
        assert record.merge([], {
            "m01.idea": {"value": "naive, later", "updated_at": "2026-05-01T01:00:00"},
            "m01.impact": {"value": "v", "updated_at": "2026-06-01T08:00:00+08:00"}}) == (0, 2)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    fields = record.plan_fields()
    assert fields["m01.idea"]["updated_at"] == "2026-05-01T01:00:00.000000+00:00"
    assert fields["m01.impact"]["updated_at"] == "2026-06-01T00:00:00.000000+00:00"


def test_undecodable_bytes_are_kept_as_replacement_characters():
    assert record.plan_save("m01.idea", b"ok \xff\xfe") is True
    assert record.plan_load("m01.idea") == "ok \ufffd\ufffd"


def test_an_empty_json_object_is_not_a_filled_field():
    record.plan_save("m01.idea", "{}")
    record.plan_save("m01.impact", "{\"a\": 1}")
    assert record.plan_keys_filled() == {"m01.impact"}


def test_a_failed_save_or_load_tells_the_trainee_on_stderr(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(blocker / "progress.db"))
    assert record.plan_save("m01.idea", "x") is False
    saved = capsys.readouterr()
    assert saved.out == "" and "COURSE_PROGRESS_DB" in saved.err
    assert record.plan_load("m01.idea") == ""
    loaded = capsys.readouterr()
    assert loaded.out == "" and "COURSE_PROGRESS_DB" in loaded.err
