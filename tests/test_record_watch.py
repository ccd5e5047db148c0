"""The record watcher announces each change exactly once (record/changes.py).

A write commits, then notifies; the watcher thread compares the file's signature once a second.
These tests put one poll exactly where the race was: after the write's commit and before its
notify. Each poll runs the watcher's own loop (``changes._poll``) for one round.
"""

from __future__ import annotations

import contextlib
import threading

import pytest

from course_lib.record import changes, explore_state, store


class _OneRound:
    """A stop event for ``changes._poll``: one round, then stop."""

    def __init__(self):
        self.rounds = 0

    def wait(self, _seconds) -> bool:
        self.rounds += 1
        return self.rounds > 1


@pytest.fixture
def bumps(mongolian_record):
    """Every version bump, from whichever thread; the watcher knows the record as it is."""
    seen: list[str] = []

    def count(_change):
        seen.append(threading.current_thread().name)

    changes._watcher["signature"] = changes._signature()
    changes.RECORD.observe(count, names="version")
    yield seen
    changes.RECORD.unobserve(count, names="version")


@pytest.fixture
def poll_after_commit(monkeypatch):
    """After every committed write, a watcher round in its own thread, given half a second to
    run before the writer goes on to notify (it may have to wait for the writer instead)."""
    pollers: list[threading.Thread] = []
    real = store.connect

    @contextlib.contextmanager
    def connect(write: bool = False):
        with real(write=write) as conn:
            yield conn
        if write:  # committed and closed: the file's signature has changed
            poller = threading.Thread(target=changes._poll, args=(_OneRound(),),
                                      name="poll-between", daemon=True)
            pollers.append(poller)
            poller.start()
            poller.join(timeout=0.5)

    monkeypatch.setattr(store, "connect", connect)
    yield pollers
    for poller in pollers:
        poller.join(timeout=10)
        assert not poller.is_alive(), "the watcher round never finished: a deadlock"


@pytest.mark.parametrize("write", [
    lambda: store.save_plan_field("m01.idea", "нэг"),
    lambda: store.store_attempt("m01.novelty", "a", True, 1.0),
    lambda: store.merge([], {"m01.idea": {"value": "хоёр", "updated_at": "2999-01-01T00:00:00"}}),
], ids=["plan field", "checked answer", "import"])
def test_a_write_is_announced_once_when_the_watcher_polls_before_its_notify(
        write, bumps, poll_after_commit):
    write()
    for poller in poll_after_commit:
        poller.join(timeout=10)
    assert len(poll_after_commit) == 1
    assert bumps == ["MainThread"]  # the write's own notify, and no second one from the poll


def test_where_an_exploration_was_left_is_no_change_to_announce(bumps):
    """explore_state is not part of progress and notifies no view; the watcher must not take
    its write for another kernel's either (it would forget the best scores and reread)."""
    store.store_attempt("m01.novelty", "a", True, 1.0)
    assert explore_state.save_state("wave", {"speed": 3})
    changes._poll(_OneRound())
    assert bumps == ["MainThread"]
    assert changes.RECORD.best == {"m01.novelty": 1.0}


def test_another_kernels_write_is_announced_once_by_the_watcher(bumps):
    import subprocess
    import sys

    code = "import course_lib as cl; cl.plan_save('m01.idea', 'өөр цөмөөс')"
    subprocess.run([sys.executable, "-c", code], check=True)  # the same record: COURSE_PROGRESS_DB
    changes._poll(_OneRound())
    changes._poll(_OneRound())
    assert bumps == ["MainThread"]  # the round runs in this thread here; once, not twice


def test_a_view_whose_read_notifies_is_called_once_from_either_thread(bumps):
    """The deadlock fixed before: a view's own first read hands over best scores, which
    notifies its own follower. From the watcher's thread it must neither hang nor recurse."""

    class View:
        comm = object()
        calls = 0

        def read(self):
            self.calls += 1
            changes.remember_best("m01", {"m01.novelty": 0.5})

    changes.remember_best("m01", {"m01.novelty": 0.25})  # something for forget() to drop
    view = View()
    changes.follow(view, "read", key="test-own-read", names="best")
    try:
        store.save_plan_field("m01.idea", "x")  # no best handed over: nothing calls it
        changes.forget()  # main thread: called once, its own read does not call it again
        assert view.calls == 1
        store.save_plan_field("m01.idea", "y")
        changes._watcher["signature"] = None  # as if another kernel wrote
        poller = threading.Thread(target=changes._poll, args=(_OneRound(),), daemon=True)
        poller.start()
        poller.join(timeout=10)
        assert not poller.is_alive(), "the watcher hung in a view's own read"
        assert view.calls == 2
    finally:
        view.comm = None
        changes.forget()  # its follower sees the closed view and drops itself


def test_a_read_is_no_change_to_announce(bumps):
    """SQLite makes an empty -wal file while a reader has the record open and removes it when
    the last one closes: nothing was written, so the watcher announces nothing."""
    store.save_plan_field("m01.idea", "x")
    with store.connect() as conn:
        conn.execute("SELECT count(*) FROM plan_fields").fetchone()
        changes._poll(_OneRound())  # the reader still has it open
    changes._poll(_OneRound())  # and it has closed
    assert bumps == ["MainThread"]
