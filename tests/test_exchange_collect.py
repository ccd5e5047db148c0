"""What collect takes from the exchange's inbound folder, where every trainee may write and
owns their own submission (course_instructor/exchange/safe_exchange.py, point 4): the time a
submission was really written, not the one its name or timestamp.txt states; regular files only,
never what a link points to, never a pipe that would hang the class's collect.

The real nbgrader ExchangeCollect (our subclass) over real folders; the trainee is the account
running the test, since collect sets aside submissions their named trainee does not own. The
hub tier runs collect as the grader over real trainees' submissions."""

from __future__ import annotations

import datetime
import os

import pytest
from exchange_apps import AID, ME, UB, config, hand_in, run
from nbgrader.utils import parse_utc

from course_instructor.exchange import Collect, local_timestamp


@pytest.fixture
def now():
    """The time this test hands in at, taken when it starts (never at import: the unit tier may
    reach a test many minutes after collection began, and a stated time that old is, rightly,
    corrected). Times the system clock gives files are checked against a window read from the
    same clock around the work, not against a fixed tolerance."""
    return datetime.datetime.now(datetime.timezone.utc)


@pytest.fixture
def course(tmp_path):
    inbound = tmp_path / "exchange" / "c1" / "inbound"
    inbound.mkdir(parents=True)
    (tmp_path / "course").mkdir()
    return tmp_path


def collect(course, caplog, **extra) -> str:
    return run(Collect, config(course, **extra), caplog)


def collected(course):
    return course / "course" / "submitted" / ME / AID


def test_an_honest_submission_keeps_its_time_and_files(course, now, caplog):
    hand_in(course, {"a01.ipynb": "{}", "answers.json": "{}"}, when=now)
    log = collect(course, caplog)
    dest = collected(course)
    assert sorted(p.name for p in dest.iterdir()) == ["a01.ipynb", "answers.json",
                                                      "submission_secret.txt", "timestamp.txt"]
    assert (dest / "timestamp.txt").read_text() == local_timestamp(UB, now)
    assert "CORRECTED" not in log and "LEFT OUT" not in log
    # and a grader-owned record of that time, which `make autograde` believes (intake.py)
    record = course / "course" / "collected" / ME / AID / "timestamp.txt"
    assert record.read_text() == local_timestamp(UB, now)


def test_a_backdated_submission_gets_the_time_it_was_written(course, now, caplog):
    hand_in(course, {"a01.ipynb": "{}"}, when=now - datetime.timedelta(days=3))
    log = collect(course, caplog)
    after = datetime.datetime.now(datetime.timezone.utc)
    written = parse_utc((collected(course) / "timestamp.txt").read_text())
    # the files' ctime, to the second: between this test's start and the end of collect
    assert now.replace(tzinfo=None, microsecond=0) <= written <= after.replace(tzinfo=None)
    assert "TIME CORRECTED" in log and "ЦАГ ЗАССАН" in log


def test_a_backdated_timestamp_file_does_not_count(course, now, caplog):
    earlier = local_timestamp(UB, now - datetime.timedelta(days=3))
    hand_in(course, {"a01.ipynb": "{}"}, when=now, stamp_file=earlier)
    log = collect(course, caplog)
    assert (collected(course) / "timestamp.txt").read_text() == local_timestamp(UB, now)
    assert "TIME CORRECTED" in log


def test_an_unreadable_timestamp_file_is_replaced_not_fatal(course, now, caplog):
    hand_in(course, {"a01.ipynb": "{}"}, when=now, stamp_file="not a time")
    collect(course, caplog)
    assert (collected(course) / "timestamp.txt").read_text() == local_timestamp(UB, now)


def test_links_pipes_and_oversized_files_are_left_out(course, now, caplog, tmp_path):
    secret = tmp_path / "course" / "source.ipynb"
    secret.write_text("THE ANSWER KEY", encoding="utf-8")
    folder = hand_in(course, {"a01.ipynb": "{}", "notes/more.txt": "mine"}, when=now)
    (folder / "answers.json").symlink_to(secret)
    (folder / "linked_dir").symlink_to(tmp_path / "course", target_is_directory=True)
    os.mkfifo(folder / "pipe")
    (folder / "big.bin").write_bytes(b"x" * 3000)
    log = collect(course, caplog, CourseDirectory__max_file_size=2)  # 2 KB per file
    dest = collected(course)
    kept = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert kept == ["a01.ipynb", "notes/more.txt", "submission_secret.txt", "timestamp.txt"]
    assert not any("THE ANSWER KEY" in p.read_text(errors="replace")
                   for p in dest.rglob("*") if p.is_file())
    assert "LEFT OUT" in log
    for name in ("answers.json", "linked_dir", "pipe", "big.bin"):
        assert name in log


def test_a_submission_too_large_is_skipped_alone(course, now, caplog):
    hand_in(course, {"a01.ipynb": "x" * 1500, "b.txt": "y" * 1500}, when=now)
    log = collect(course, caplog, CourseDirectory__max_dir_size=2)  # 2 KB in all
    assert not collected(course).exists()
    assert "NOT COLLECTED" in log


def test_stated_times_can_be_trusted_after_a_restore(course, now, caplog):
    """A restore from backup gives every file a new ctime: the instructor may say so."""
    before = now - datetime.timedelta(days=3)
    hand_in(course, {"a01.ipynb": "{}"}, when=before)
    log = collect(course, caplog, Collect__check_times=False)
    assert (collected(course) / "timestamp.txt").read_text() == local_timestamp(UB, before)
    assert "CORRECTED" not in log


def test_the_documented_commands_from_the_cli(course, now):
    """`nbgrader collect` as docs/HUB.md gives it, and with `--Collect.check_times=False` after
    a restore: the course's Collect is the one the config names, and the flag reaches it."""
    import subprocess
    import sys
    from pathlib import Path

    root = course / "course"
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'c1'\n"
        f"c.Exchange.root = {str(course / 'exchange')!r}\n"
        f"c.Exchange.timezone = {UB!r}\n"
        "c.ExchangeFactory.collect = 'course_instructor.exchange.Collect'\n", encoding="utf-8")
    before = now - datetime.timedelta(days=3)
    hand_in(course, {"a01.ipynb": "{}"}, when=before)
    nbgrader = [str(Path(sys.executable).parent / "nbgrader"), "collect", AID]
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(nbgrader, cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "TIME CORRECTED" in done.stderr
    assert (collected(course) / "timestamp.txt").read_text() != local_timestamp(UB, before)
    again = subprocess.run([*nbgrader, "--update", "--Collect.check_times=False"], cwd=root,
                           env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "TIME CORRECTED" not in again.stderr
