"""What really happens to a learner record: two kernels at once, a killed kernel, a bad file,
a locked file. Every scenario ends in a usable record and a message, never a traceback."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from course_lib.i18n import set_language
from course_lib.record import db as record_file
from course_lib.record import store as record


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    path = tmp_path / "progress.db"
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(path))
    set_language("mn")
    return path


WRITER = textwrap.dedent("""
    import sys
    from course_lib.record import store as record
    name, n = sys.argv[1], int(sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(n):
        record.store_attempt(f"m01.{name}", {"i": i, "text": "Монгол Ө Ү"}, i % 2 == 0, 0.5)
        if not record.plan_save(f"m09.{name}_{i % 5}", f"{name} {i}"):
            sys.exit(3)
    print("done", flush=True)
""")


def _python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=os.environ.copy())


@pytest.mark.parametrize("created_first", [True, False], ids=["existing", "both-create"])
def test_two_processes_writing_at_once_lose_nothing(db, created_first):
    if created_first:
        record.ensure_record()  # else both kernels race to create the file
    n = 150
    writers = [_python(WRITER, name, str(n)) for name in ("alpha", "beta")]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:  # release both as close together as the OS allows
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        out, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
        assert "done" in out
    rows = record.attempts()
    assert len(rows) == 2 * n
    assert len({r["uid"] for r in rows}) == 2 * n
    for name in ("alpha", "beta"):
        mine = [r for r in rows if r["question_id"] == f"m01.{name}"]
        assert len(mine) == n
        assert record.plan_load(f"m09.{name}_4") == f"{name} {n - 1}"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


KILLED = textwrap.dedent("""
    from course_lib.record import store as record
    rows = lambda k: [{"uid": f"{k:08d}{j:024d}", "question_id": "m03.killed",
                       "answer": '"Өө"' * 50, "correct": 1, "score": 1.0,
                       "created_at": "2026-01-01T00:00:00+00:00"} for j in range(300)]
    k = 0
    while True:  # big transactions, so the kill most likely lands inside one
        record.merge(rows(k), {"m09.success": {"value": str(k) * 100,
                                               "updated_at": record.now_iso()}})
        k += 1
        if k == 3:
            print("written", flush=True)
""")


def test_a_kernel_killed_mid_write_leaves_a_readable_record(db):
    record.ensure_record()
    proc = _python(KILLED)
    assert proc.stdout.readline().strip() == "written"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    record_file._ready.clear()  # the next kernel opens it afresh
    assert record.ensure_record() == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = len(record.attempts())
    assert count >= 900 and count % 300 == 0  # whole transactions only
    assert record.plan_save("m01.idea", "after the crash")
    assert record.plan_load("m01.idea") == "after the crash"


def _moved_files(db, reason):
    """The moved-aside record files (their -wal/-shm companions travel with them)."""
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(f"{db.name}.{reason}-")
                  and not p.name.endswith(("-wal", "-shm", "-journal")))


def test_random_bytes_are_moved_aside_and_a_fresh_record_started(db):
    junk = os.urandom(16384)
    db.write_bytes(junk)
    notices = record.ensure_record()
    [moved] = _moved_files(db, "corrupt")
    assert moved.read_bytes() == junk  # kept, byte for byte
    assert len(notices) == 1 and str(moved) in notices[0] and "гэмтсэн" in notices[0]
    assert record.plan_save("m01.idea", "шинэ эхлэл")
    assert record.plan_load("m01.idea") == "шинэ эхлэл"


def test_two_kernels_opening_one_corrupt_file_move_it_once(db):
    db.write_bytes(os.urandom(8192))
    writers = [_python(WRITER, name, "5") for name in ("alpha", "beta")]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0 and "Traceback" not in err
    assert len(_moved_files(db, "corrupt")) == 1  # the fresh record was not moved aside too
    assert len(record.attempts()) == 10


def test_a_damaged_sqlite_record_is_moved_aside(db):
    record.plan_save("m01.idea", "x" * 5000)
    for _ in range(200):
        record.store_attempt("m01.a", "y" * 200, True, 1.0)
    with sqlite3.connect(db) as conn:  # fold the WAL into the file, then damage the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    data[page * 2: page * 6] = os.urandom(page * 4)
    db.write_bytes(bytes(data))
    record_file._ready.clear()
    notices = record.ensure_record()
    assert len(_moved_files(db, "corrupt")) == 1 and len(notices) == 1
    assert record.plan_load("m01.idea") == ""
    assert record.plan_save("m01.idea", "fresh")


def test_a_foreign_sqlite_database_is_kept_and_not_touched(db):
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE budget (item TEXT, amount INTEGER)")
        conn.execute("INSERT INTO budget VALUES ('цалин', 100)")
    conn.close()
    notices = record.ensure_record()
    [moved] = _moved_files(db, "foreign")
    assert "энэ сургалтын бус" in notices[0]
    with sqlite3.connect(moved) as conn:
        assert conn.execute("SELECT * FROM budget").fetchall() == [("цалин", 100)]
    conn.close()
    assert record.plan_save("m01.idea", "x")


def test_a_record_from_a_newer_course_version_is_kept(db):
    record.ensure_record()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {record.SCHEMA_VERSION + 1}")
    conn.close()
    record_file._ready.clear()
    notices = record.ensure_record()
    assert len(_moved_files(db, "newer")) == 1 and "шинэ хувилбар" in notices[0]


def test_a_locked_record_gives_a_message(db, monkeypatch, capsys):
    record.ensure_record()
    monkeypatch.setattr(record_file, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another kernel in the middle of a long write
    try:
        assert record.plan_save("m01.idea", "x") is False
        assert "түгжигдсэн" in capsys.readouterr().err
        with pytest.raises(record.RecordError, match="түгжигдсэн"):
            record.store_attempt("m01.a", "x", True, 1.0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert record.plan_save("m01.idea", "x")


def test_setup_reports_a_moved_file_instead_of_failing(db):
    import course_lib as cl

    db.write_bytes(b"not a database at all" * 100)
    cl.setup("m01", quiet=True)
    assert len(_moved_files(db, "corrupt")) == 1
    assert record.plan_save("m01.idea", "x")


def test_a_foreign_sqlite_file_is_moved_aside_byte_for_byte(db):
    """Not even switched to WAL: the file moved aside is exactly the file that was there."""
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE budget (item TEXT, amount INTEGER)")
    conn.close()
    before = db.read_bytes()
    record.ensure_record()
    [moved] = _moved_files(db, "foreign")
    assert moved.read_bytes() == before


@pytest.mark.parametrize("damage", ["DROP TABLE plan_fields",
                                    "ALTER TABLE attempts DROP COLUMN score"])
def test_a_record_whose_schema_was_damaged_is_moved_aside_at_setup(db, damage):
    record.ensure_record()
    assert record.plan_save("m01.idea", "kept")
    with sqlite3.connect(db) as conn:
        conn.execute(damage)
    conn.close()
    record_file._ready.clear()
    notices = record.ensure_record()
    [moved] = _moved_files(db, "corrupt")
    assert "гэмтсэн" in notices[0] and moved.exists()
    assert record.plan_save("m01.idea", "fresh")  # saves work again, on a fresh record
