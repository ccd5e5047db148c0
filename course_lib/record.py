"""The learner record: checked answers (attempts) and action-plan fields.

Public API (re-exported by ``course_lib``): ``record_answer``, ``plan_save``, ``plan_load``;
``setup`` uses ``ensure_record`` and ``db_path``. Opening, checking and moving a bad file
aside live in record_file.py; this module holds what is stored and the queries progress
needs. No widgets and no plotly here: ``setup``, ``transfer`` and the CLI import it.
"""

from __future__ import annotations

import json
import sys
import uuid
from datetime import datetime, timezone

from .record_file import (  # noqa: F401  (re-exported: the record's public surface)
    APPLICATION_ID,
    SCHEMA_VERSION,
    RecordError,
    connect,
    db_path,
    ensure_record,
    is_ready,
)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def module_of(question_id: str) -> str:
    return str(question_id).split(".", 1)[0]


# --- attempts ------------------------------------------------------------------------------

def _json_default(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def answer_json(answer) -> str:
    return json.dumps(answer, ensure_ascii=False, sort_keys=True, default=_json_default)


def store_attempt(question_id: str, answer, correct, score, created_at: str | None = None,
                  uid: str | None = None) -> str:
    """Store one attempt; returns its uid. Raises RecordError with a localised message."""
    uid = uid or uuid.uuid4().hex
    row = (uid, question_id, module_of(question_id), answer_json(answer),
           None if correct is None else int(bool(correct)),
           None if score is None else float(score), created_at or now_iso())
    with connect(write=True) as conn:
        conn.execute("INSERT INTO attempts (uid, question_id, module, answer, correct, score, "
                     "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    return uid


def record_answer(question_id: str, answer):
    """Check ``answer`` against the question, store the attempt, and return the result.

    The result has ``.correct``, ``.score`` and ``.message``. If the record cannot be written,
    the check still counts: the result is returned and a localised notice goes to stderr.
    """
    from .bank import get_question  # lazy: the bank loads YAML and schemas

    result = get_question(question_id).check(answer)
    try:
        store_attempt(question_id, answer, getattr(result, "correct", None),
                      getattr(result, "score", None))
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
    return result


def attempts(module: str | None = None) -> list[dict]:
    """All attempts (oldest first), optionally for one module, as plain dicts."""
    sql = "SELECT uid, question_id, module, answer, correct, score, created_at FROM attempts"
    args: tuple = ()
    if module:
        sql, args = sql + " WHERE module = ?", (module,)
    with connect() as conn:
        rows = conn.execute(sql + " ORDER BY created_at, id", args).fetchall()
    keys = ("uid", "question_id", "module", "answer", "correct", "score", "created_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def attempts_per_module() -> dict[str, int]:
    with connect() as conn:
        return dict(conn.execute(
            "SELECT module, count(*) FROM attempts GROUP BY module ORDER BY module"))


def question_summary() -> dict[str, dict]:
    """Per question: attempts, best score, latest score and whether the latest was correct."""
    with connect() as conn:
        rows = conn.execute("""
            SELECT a.question_id, a.module, count(*), max(a.score),
                   (SELECT b.score FROM attempts b WHERE b.question_id = a.question_id
                    ORDER BY b.created_at DESC, b.id DESC LIMIT 1),
                   (SELECT b.correct FROM attempts b WHERE b.question_id = a.question_id
                    ORDER BY b.created_at DESC, b.id DESC LIMIT 1)
            FROM attempts a GROUP BY a.question_id ORDER BY a.question_id""").fetchall()
    return {qid: {"module": mod, "attempts": n, "best": best, "latest": latest,
                  "latest_correct": None if ok is None else bool(ok)}
            for qid, mod, n, best, latest, ok in rows}


_INSERT_ATTEMPT = (
    "INSERT OR IGNORE INTO attempts (uid, question_id, module, answer, correct, score, "
    "created_at) VALUES (:uid, :question_id, :module, :answer, :correct, :score, :created_at)")


def merge(attempt_rows: list[dict], fields: dict[str, dict]) -> tuple[int, int]:
    """Merge imported data in one transaction: attempts by uid (known uids are skipped), plan
    fields when newer than ours. Returns (attempts added, plan fields taken)."""
    with connect(write=True) as conn:
        before = conn.total_changes
        conn.executemany(_INSERT_ATTEMPT,
                         [{**r, "module": module_of(r["question_id"])} for r in attempt_rows])
        added = conn.total_changes - before
        taken = 0
        for key, field in fields.items():
            row = conn.execute("SELECT updated_at FROM plan_fields WHERE key = ?",
                               (key,)).fetchone()
            if row is None or parse_time(field["updated_at"]) > parse_time(row[0]):
                conn.execute(_UPSERT_PLAN, (key, field["value"],
                                            normalise_time(field["updated_at"])))
                taken += 1
    return added, taken


# --- action-plan fields ---------------------------------------------------------------------

_UPSERT_PLAN = ("INSERT INTO plan_fields (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at")


def save_plan_field(key: str, text: str, updated_at: str | None = None) -> None:
    """Store one plan field. Raises RecordError (localised) if the record cannot be written."""
    with connect(write=True) as conn:
        conn.execute(_UPSERT_PLAN, (key, "" if text is None else str(text),
                                    updated_at or now_iso()))


def plan_save(key: str, text: str) -> bool:
    """Save an action-plan field (``m01.idea``); structured values are JSON text.

    Returns True when saved; on failure a localised notice goes to stderr and False is returned.
    """
    try:
        save_plan_field(key, text)
        return True
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return False


def plan_load(key: str) -> str:
    """The saved text of an action-plan field, or "" if there is none (or no record)."""
    try:
        with connect() as conn:
            row = conn.execute("SELECT value FROM plan_fields WHERE key = ?", (key,)).fetchone()
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return ""
    return row[0] if row else ""


def plan_fields() -> dict[str, dict]:
    """Every saved plan field: key -> {value, updated_at}."""
    with connect() as conn:
        rows = conn.execute("SELECT key, value, updated_at FROM plan_fields ORDER BY key")
        return {k: {"value": v, "updated_at": u} for k, v, u in rows}


def parse_time(stamp: str) -> datetime:
    """An ISO 8601 stamp as an aware datetime (naive stamps are taken as UTC)."""
    moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def normalise_time(stamp: str) -> str:
    return parse_time(stamp).astimezone(timezone.utc).isoformat(timespec="microseconds")


def plan_keys_filled() -> set[str]:
    """Keys of plan fields with something in them (not blank, not an empty JSON list)."""
    return {k for k, f in plan_fields().items() if f["value"].strip() not in ("", "[]", "{}")}
