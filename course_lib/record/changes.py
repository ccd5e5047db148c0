"""The learner record as the open views watch it: one traitlets object, ``RECORD``.

Every committed write (a checked answer, a plan field, an import) calls ``notify()``, which
bumps ``RECORD.version``; a checked answer also hands over its module's best scores, read in
the same transaction as the write, into ``RECORD.best``, so a score line follows a click
without opening the record again (one database open per click). Views observe those traits
(traitlets, the mechanism ipywidgets itself uses) through ``follow()``, which holds the view
weakly and drops it once it is closed or a newer view follows under the same key. Writes by
another kernel (a second notebook open at the same time) are seen by ``watch()``, a daemon
thread that compares the record file's size and time stamps once a second.

One reentrant lock orders it all: a write holds it from before its commit until its notify is
done (``writing()``), the watcher from comparing the signature until it has announced, and every
view is called under it. So the watcher never finds a commit whose notify is still to come (it
took that for another kernel's write and announced it a second time), and with one lock there is
no order of two locks to get wrong. No widgets here.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import weakref
from pathlib import Path

from traitlets import Dict, HasTraits, Int, Set, Unicode

POLL_S = 1.0


class RecordState(HasTraits):
    """What the open views of the record watch."""

    version = Int(0)  # bumped after every committed write, here or in another kernel
    # question id -> best score so far, for the modules in ``modules``; best, not latest: the
    # same rule as the progress overview (a worse retry never lowers a score)
    best = Dict()
    modules = Set()  # modules whose best scores ``best`` holds in full
    path = Unicode("")  # the record file they were read from (a test or setup may switch it)


RECORD = RecordState()
_followers: dict[str, object] = {}  # key -> the handler following under it
_lock = threading.Lock()
_watcher: dict = {"thread": None, "signature": None}
# reentrant: a view called under it may read (and so remember_best) in the same thread
_announcing = threading.RLock()


@contextlib.contextmanager
def writing():
    """Hold around a write to the record and its ``notify()`` (or ``quiet()``): the watcher
    waits until both are done, so it sees the write as this kernel's, announced once."""
    with _announcing:
        yield


def notify(module: str | None = None, best: dict | None = None) -> None:
    """A write was committed: bump ``RECORD.version``; ``best`` (all of ``module``'s best
    scores, read in the write's transaction) replaces what ``RECORD.best`` held for it."""
    with _announcing:
        # taken before the views read the record: a write landing while they run is seen next
        _watcher["signature"] = _signature()
        with RECORD.hold_trait_notifications():
            if module is not None and best is not None:
                remember_best(module, best)
            RECORD.version += 1


def quiet() -> None:
    """A write no view follows was committed (where an exploration was left): nothing to
    announce, and the watcher must not take it for another kernel's (it would forget the best
    scores and have every view read the record again)."""
    with _announcing:
        _watcher["signature"] = _signature()


def known_modules() -> set:
    """The modules whose best scores ``RECORD.best`` holds for the current record file."""
    from .db import db_path

    if RECORD.path != str(db_path()):
        forget()
    return set(RECORD.modules)


def remember_best(module: str, best: dict) -> None:
    """A module's best scores as just read (a view's first read): later clicks keep them."""
    from .db import db_path

    known_modules()
    with RECORD.hold_trait_notifications():
        kept = {q: s for q, s in RECORD.best.items() if not q.startswith(module + ".")}
        RECORD.best = {**kept, **best}
        RECORD.modules = RECORD.modules | {module}
        RECORD.path = str(db_path())


def forget() -> None:
    """Known best scores may be stale (another kernel wrote, or another record file)."""
    with RECORD.hold_trait_notifications():
        RECORD.modules = set()
        RECORD.best = {}
        RECORD.path = ""


def follow(view, method: str, key: str | None = None, names: str = "version") -> None:
    """Call ``view.<method>()`` whenever ``RECORD.<names>`` changes, until the view is closed
    (its ``comm`` is None) or garbage, or a newer view follows under the same ``key`` (its cell
    was run again). One call at a time, under the record's one lock (the watcher thread and a
    save may both ask); a view that fails is reported, never the save's problem."""
    ref, busy = weakref.ref(view), threading.local()

    def changed(_change=None) -> None:
        target = ref()
        if target is None or getattr(target, "comm", True) is None:
            _drop(changed, names)
            return
        if getattr(busy, "on", False):
            # the view's own read notified (remember_best on its first read): what it is
            # reading already holds that, and calling it again would recurse
            return
        with _announcing:
            busy.on = True
            try:
                getattr(target, method)()
            except Exception as exc:  # noqa: BLE001  (a broken view must not undo a save)
                print(f"course_lib: {type(exc).__name__}: {exc}", file=sys.stderr)
            finally:
                busy.on = False

    with _lock:
        if key is not None:
            old = _followers.pop(key, None)
            if old is not None:
                _drop(old, names)
            _followers[key] = changed
    RECORD.observe(changed, names=names)
    watch()


def _drop(handler, names: str) -> None:
    try:
        RECORD.unobserve(handler, names=names)
    except ValueError:  # it dropped itself already (its view was closed)
        pass


def following() -> int:
    """How many handlers observe the record (for tests: a closed view stops following)."""
    return sum(len(handlers) for handlers in RECORD._trait_notifiers.get("version", {}).values())


def _signature():
    from .db import db_path

    path = Path(db_path())
    stamps = []
    for name in (path, Path(f"{path}-wal")):
        try:
            st = os.stat(name)
        except OSError:
            st = None
        # an empty -wal is no write: SQLite makes one while a reader has the file open and
        # removes it when the last connection closes (a read must not look like a write)
        stamps.append((st.st_size, st.st_mtime_ns) if st and st.st_size else None)
    return (str(path), *stamps)


def _poll(stop: threading.Event) -> None:
    while not stop.wait(POLL_S):
        with _announcing:  # no write of this kernel is between its commit and its notify
            if _signature() != _watcher["signature"]:
                forget()  # another kernel wrote: what this one knew of best scores may be stale
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
