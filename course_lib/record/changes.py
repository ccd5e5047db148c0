"""Telling the open widgets that the learner record changed.

Every write of the record (a checked answer, a plan field, an import) calls ``notify()`` once
it is committed, so what shows the record — a download link, a plan preview, a score — is
rebuilt before the next click rather than on a refresh button. Writes made by another kernel
(a second notebook open at the same time) are seen by ``watch()``, a daemon thread that
compares the record file's size and time stamps once a second. No widgets here: listeners are
plain callables; whatever they show is their business.
"""

from __future__ import annotations

import os
import sys
import threading
import weakref
from pathlib import Path

POLL_S = 1.0
_listeners: list = []  # (key, weak reference to a callable): a closed widget's listener lapses
_lock = threading.Lock()
_watcher: dict = {"thread": None, "signature": None}


def subscribe(callback, key: str | None = None) -> None:
    """Call ``callback()`` after every change of the record (a bound method is held weakly).

    A ``key`` replaces the listener subscribed earlier under it: a notebook cell run again
    builds a new view, and the old one (gone from the page, still alive in the kernel) must
    not be rebuilt after every save for the rest of the session.
    """
    try:
        ref = weakref.WeakMethod(callback)
    except TypeError:  # a plain function or closure: held strongly, dropped when it returns False
        ref = lambda callback=callback: callback  # noqa: E731
    entry = (key, ref)
    with _lock:
        if key is not None:
            _listeners[:] = [e for e in _listeners if e[0] != key]
        _listeners.append(entry)
    watch()


def notify() -> None:
    """Run every listener; one that returns False (its view is closed) is dropped. A listener
    that fails is reported and kept: a save never fails because of a view."""
    # taken before the listeners read the record: a write landing while they run is seen next
    _watcher["signature"] = _signature()
    with _lock:
        entries = list(_listeners)
    for entry in entries:
        callback = entry[1]()
        keep = callback is not None
        if keep:
            try:
                keep = callback() is not False
            except Exception as exc:  # noqa: BLE001  (a broken view must not undo a save)
                print(f"course_lib: {type(exc).__name__}: {exc}", file=sys.stderr)
        if not keep:
            with _lock:
                if entry in _listeners:
                    _listeners.remove(entry)


def _signature():
    from .db import db_path

    path = Path(db_path())
    stamps = []
    for name in (path, Path(f"{path}-wal")):
        try:
            st = os.stat(name)
            stamps.append((st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return (str(path), *stamps)


def _poll(stop: threading.Event) -> None:
    while not stop.wait(POLL_S):
        if not _listeners:
            continue
        if _signature() != _watcher["signature"]:
            notify()


def watch() -> None:
    """Start (once per process) the thread that notices another kernel's writes."""
    if _watcher["thread"] is not None:
        return
    _watcher["signature"] = _signature()
    thread = threading.Thread(target=_poll, args=(threading.Event(),), daemon=True,
                              name="course-record-watch")
    _watcher["thread"] = thread
    thread.start()
