"""Opening the learner record safely: one SQLite file, checked before use.

* two notebooks (two kernels) write at once: WAL journal, a generous busy timeout and short
  ``BEGIN IMMEDIATE`` transactions, so writers queue instead of failing or losing rows;
* a kernel is killed mid-write: SQLite's journal rolls the half-written transaction back;
* a corrupt or foreign file sits at the path: it is moved aside under a timestamped name and a
  fresh record is started, with a localised notice (never overwritten, never a traceback).

The file is ours when PRAGMA application_id says so; PRAGMA user_version is the schema
version, brought up to date by MIGRATIONS. No widgets and no plotly here.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..i18n import t
from ..paths import progress_db_path

APPLICATION_ID = 0x434C5231  # "CLR1": marks a file as this course's record
SCHEMA_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30.0

# MIGRATIONS[i] brings a record from user_version i to i + 1; append, never edit. Each step is a
# tuple of statements run in one transaction (executescript would commit half way).
MIGRATIONS = [
    ("""
    CREATE TABLE attempts (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,   -- survives export/import, so merges dedupe
        question_id TEXT NOT NULL,
        module      TEXT NOT NULL,          -- "m01", from the question id
        answer      TEXT NOT NULL,          -- JSON
        correct     INTEGER,                -- NULL: not graded (likert)
        score       REAL,                   -- 0..1, NULL: not graded
        created_at  TEXT NOT NULL           -- ISO 8601, UTC
    )""",
     "CREATE INDEX attempts_by_question ON attempts(question_id, created_at)",
     "CREATE INDEX attempts_by_module ON attempts(module)",
     """
    CREATE TABLE plan_fields (
        key        TEXT PRIMARY KEY,        -- "m01.idea"
        value      TEXT NOT NULL,           -- plain text, or JSON text for structured kinds
        updated_at TEXT NOT NULL            -- ISO 8601, UTC, imports keep the newer value
    )"""),
]


class RecordError(Exception):
    """The record cannot be used; ``str(error)`` is a localised, learner-facing message."""


def db_path() -> Path:
    """Where the learner record lives ($COURSE_PROGRESS_DB or the home default)."""
    return progress_db_path()


# --- opening, checking, moving aside ------------------------------------------------------

_ready: set[str] = set()  # paths checked by this process (ensure_record runs once per path)


# the path cannot hold a record: no access, read-only disk, a file where a folder should be
_PLACE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.EEXIST, errno.ENOTDIR,
                 errno.EISDIR}


def _error_kind(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text \
            or "malformed" in text:
        return "corrupt"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "locked"
    if isinstance(exc, OSError) and exc.errno in _PLACE_ERRNOS:
        return "permission"
    if name.startswith(
            ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) \
            or "readonly" in text or "unable to open" in text:
        return "permission"
    return "io"


def _fail(exc: BaseException, path: Path) -> RecordError:
    kind = _error_kind(exc)
    return RecordError(t(f"record.error.{kind}", path=str(path), reason=str(exc)))


def _open(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes the write
    # lock up front and waits for it (busy timeout) instead of failing half way through.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against a killed process
    return conn


def _classify(conn: sqlite3.Connection) -> str:
    """'ours', 'fresh', 'newer' or 'foreign', read inside the caller's transaction."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
    if app_id == APPLICATION_ID:
        return "newer" if version > SCHEMA_VERSION else "ours"
    if app_id == 0 and version == 0 and objects == 0:
        return "fresh"
    return "foreign"


def _migrate(conn: sqlite3.Connection) -> None:
    """Create or upgrade the schema; the caller holds a write transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table of the record and its column names."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
            for name in sorted(tables)}


_EXPECTED: list = []


def _expected_columns() -> dict[str, list[str]]:
    """The tables and columns MIGRATIONS build (derived once, in memory)."""
    if not _EXPECTED:
        with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
            _migrate(conn)
            _EXPECTED.append(_columns(conn))
    return _EXPECTED[0]


def _move_aside(path: Path, reason: str) -> Path:
    """Rename the file (and any -wal/-shm beside it) to a free timestamped name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def _inspect(path: Path) -> str:
    """Open (creating if needed) and bring the record up to date; returns the verdict."""
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return "corrupt"
    try:
        with closing(_open(path)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                verdict = _classify(conn)
                if verdict in ("fresh", "ours"):
                    _migrate(conn)
                    conn.execute("COMMIT")
                else:
                    conn.execute("ROLLBACK")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if verdict == "ours" and (conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
                                      or _columns(conn) != _expected_columns()):
                return "corrupt"  # also a table or column dropped under our application id
            if verdict in ("fresh", "ours"):
                # WAL persists in the file: only ever switched on a file that is ours, so a
                # foreign file is moved aside exactly as it was found
                conn.execute("PRAGMA journal_mode = WAL")
            return verdict
    except sqlite3.DatabaseError as exc:
        if _error_kind(exc) == "corrupt":
            return "corrupt"
        raise


@contextmanager
def _checking_lock(path: Path):
    """Two kernels starting on one bad file: only one judges and moves it, the other then
    finds the fresh record (else it could move that aside too). POSIX only; elsewhere the
    window is milliseconds wide and moving aside never deletes anything."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_record(path: Path | None = None) -> list[str]:
    """Open or create the record; return localised notices. Never raises for a bad file."""
    path = Path(path) if path else db_path()
    notices: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _checking_lock(path):
            verdict = _inspect(path)
            if verdict in ("corrupt", "foreign", "newer"):
                moved = _move_aside(path, verdict)
                notices.append(t(f"record.moved.{verdict}", path=str(path), moved=str(moved)))
                verdict = _inspect(path)
                if verdict not in ("fresh", "ours"):  # a bad file raced back in: give up
                    notices.append(t("record.error.io", path=str(path), reason=verdict))
                    return notices
        _ready.add(str(path))
    except (sqlite3.Error, OSError) as exc:
        notices.append(str(_fail(exc, path)))
    return notices


def is_ready() -> bool:
    """Whether this process has opened and checked the record at the current path."""
    return str(db_path()) in _ready


@contextmanager
def connect(write: bool = False):
    """A short-lived connection to the checked record; ``write`` wraps it in BEGIN IMMEDIATE."""
    path = db_path()
    if str(path) not in _ready or not path.exists():
        _ready.discard(str(path))
        notices = ensure_record(path)
        if str(path) not in _ready:
            raise RecordError(notices[-1] if notices else t("record.error.io", path=str(path),
                                                            reason="?"))
        for notice in notices:  # a moved-aside file must not go unnoticed outside setup()
            print(notice, file=sys.stderr)
    try:
        conn = _open(path)
    except sqlite3.Error as exc:
        raise _fail(exc, path) from None
    try:
        if write:
            conn.execute("BEGIN IMMEDIATE")
        yield conn
        if write:
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _fail(exc, path) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
