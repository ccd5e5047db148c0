"""The learner record: checked answers (attempts) and action-plan fields.

Public API (re-exported by ``course_lib``): ``record_answer``, ``plan_save``, ``plan_load``;
``setup`` uses ``ensure_record`` and ``db_path``. Opening, checking and moving a bad file
aside live in db.py; this module holds what is stored and the queries progress
needs. No widgets and no plotly here: ``setup``, ``transfer`` and the CLI import it.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from datetime import datetime, timezone

from . import changes
from .db import (  # noqa: F401  (re-exported: the record's public surface)
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
    return str(question_id).partition(".")[0]


# --- attempts ------------------------------------------------------------------------------

# The statements, named (SQL keywords in any case are the same statement)
_INSERT = ("INSERT INTO attempts (uid, question_id, module, answer, correct, score, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)")
_BEST_IN_MODULE = ("SELECT question_id, max(score) FROM attempts WHERE module = ? "
                   "AND score IS NOT NULL GROUP BY question_id")
_ANSWERS_UNDER = ("SELECT question_id, answer FROM attempts WHERE substr(question_id, 1, ?) = ? "
                  "ORDER BY created_at, id")
_ATTEMPTS = "SELECT uid, question_id, module, answer, correct, score, created_at FROM attempts"
_ATTEMPTS_OF_MODULE = _ATTEMPTS + " WHERE module = ?"
_OLDEST_FIRST = " ORDER BY created_at, id"
_PER_MODULE = "SELECT module, count(*) FROM attempts GROUP BY module ORDER BY module"
_PLAN_TIME = "SELECT updated_at FROM plan_fields WHERE key = ?"
_PLAN_VALUE = "SELECT value FROM plan_fields WHERE key = ?"
_PLAN_FIELDS = "SELECT key, value, updated_at FROM plan_fields ORDER BY key"
# {marks}: one "?" per id asked
_BEST_OF_IDS = ("SELECT question_id, max(score) FROM attempts WHERE question_id IN ({marks}) "
                "AND score IS NOT NULL GROUP BY question_id")
_ANSWERS_OF_IDS = ("SELECT question_id, answer FROM attempts WHERE question_id IN ({marks}) "
                   "ORDER BY created_at, id")

def _json_default(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)  # by text: a set may mix numbers and words
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
    with changes.writing():
        with connect(write=True) as conn:
            conn.execute(_INSERT, row)
            # the module's best scores in the same transaction: the views' score lines need no
            # second open of the record after a click
            best = dict(conn.execute(_BEST_IN_MODULE, (row[2],)))
        changes.notify(row[2], best)
    return uid


def record_attempt(question_id: str, answer, correct, score) -> bool:
    """Store one checked answer (a bank question or a checked exploration such as
    ``m01.criteria.e_mongolia``). Returns True when stored; if the record cannot be written,
    a localised notice goes to stderr and False is returned (the check itself still counts).
    """
    try:
        store_attempt(question_id, answer, correct, score)
        return True
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return False


def record_answer(question_id: str, answer):
    """Check ``answer`` against the question, store the attempt, and return the result.

    The result has ``.correct``, ``.score`` and ``.message``. Nothing chosen or an answer that
    cannot be read (status empty/invalid) is returned but not stored, so it does not count as
    checked. If the record cannot be written, the result is still returned (see record_attempt).
    """
    from ..content.bank import get_question  # lazy: the bank loads YAML and schemas

    result = get_question(question_id).check(answer)
    if getattr(result, "answered", True):
        record_attempt(question_id, answer, result.correct, result.score)
    return result


def module_best_scores(module: str) -> dict[str, float]:
    """The best stored score per question of ``module`` (questions never scored are absent)."""
    with connect() as conn:
        return dict(conn.execute(_BEST_IN_MODULE, (module,)))


def best_scores(question_ids) -> dict[str, float]:
    """The best stored score per question id (ids never answered are absent)."""
    ids = list(question_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    with connect() as conn:
        return dict(conn.execute(_BEST_OF_IDS.format(marks=marks), ids))


def latest_answers(prefix: str) -> dict[str, object]:
    """The latest stored answer (decoded JSON) per attempt id starting with ``prefix``;
    {} when there is none or the record cannot be read (a checked exploration reopens blank)."""
    try:
        with connect() as conn:
            rows = conn.execute(_ANSWERS_UNDER, (len(prefix), prefix)).fetchall()
    except RecordError:
        return {}
    return _last_of_each(rows)


def _last_of_each(rows) -> dict[str, object]:
    """(id, answer JSON) rows, oldest first -> id -> the last answer, decoded (an undecodable
    last answer leaves its id out)."""
    latest = {}
    for qid, text in rows:
        try:
            latest[qid] = json.loads(text)
        except ValueError:
            latest.pop(qid, None)
    return latest


def last_answers(question_ids) -> dict[str, object]:
    """Question id -> its latest stored answer (decoded JSON), for exactly these ids; ids
    never answered are absent, and an unreadable record gives {} (the widgets open blank)."""
    ids = list(question_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    try:
        with connect() as conn:
            rows = conn.execute(_ANSWERS_OF_IDS.format(marks=marks), ids).fetchall()
    except RecordError:
        return {}
    return _last_of_each(rows)


def attempts(module: str | None = None) -> list[dict]:
    """All attempts (oldest first), optionally for one module, as plain dicts."""
    sql, args = (_ATTEMPTS_OF_MODULE, (module,)) if module else (_ATTEMPTS, ())
    with connect() as conn:
        rows = conn.execute(sql + _OLDEST_FIRST, args).fetchall()
    keys = ("uid", "question_id", "module", "answer", "correct", "score", "created_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def attempts_per_module() -> dict[str, int]:
    with connect() as conn:
        return dict(conn.execute(_PER_MODULE))


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
    with changes.writing():
        with connect(write=True) as conn:
            added = conn.executemany(
                _INSERT_ATTEMPT,
                [{**r, "module": module_of(r["question_id"])} for r in attempt_rows]).rowcount
            taken = 0
            for key, field in fields.items():
                row = conn.execute(_PLAN_TIME, (key,)).fetchone()
                if row is None or parse_time(field["updated_at"]) > parse_time(row[0]):
                    conn.execute(_UPSERT_PLAN, (key, field["value"],
                                                normalise_time(field["updated_at"])))
                    taken += 1
        changes.notify()
    return added, taken


# --- action-plan fields ---------------------------------------------------------------------

_UPSERT_PLAN = ("INSERT INTO plan_fields (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at")


PLAN_KEY = re.compile(r"m[0-9]{2}\.[a-z0-9_.]+")


def check_plan_key(key) -> str:
    """``key`` if it is a plan-field key like ``m01.idea``; ValueError (a bug in code) if not."""
    if not isinstance(key, str) or not PLAN_KEY.fullmatch(key):
        raise ValueError(f"plan field key must be a string like 'm01.idea' "
                         f"(m + two digits + '.' + lowercase letters, digits, '_' or '.'), "
                         f"got {key!r}")
    return key


def plan_text(text) -> str:
    """Any value as storable text: None -> "", str as is, others via str(); never raises."""
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode(errors="replace")  # str and bytes default to UTF-8
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:  # noqa: BLE001  (a broken __str__ must not lose the save)
            text = object.__repr__(text)
    try:
        text.encode()
    except UnicodeEncodeError:  # lone surrogates (e.g. pasted from a broken source)
        text = text.encode(errors="replace").decode()
    return text


def save_plan_field(key: str, text: str, updated_at: str | None = None) -> None:
    """Store one plan field. Raises ValueError for a bad key and RecordError (localised) if
    the record cannot be written."""
    check_plan_key(key)
    with changes.writing():
        with connect(write=True) as conn:
            conn.execute(_UPSERT_PLAN, (key, plan_text(text), updated_at or now_iso()))
        changes.notify()


def plan_save(key: str, text: str) -> bool:
    """Save an action-plan field (``m01.idea``); structured values are JSON text.

    Returns True when saved; on failure a localised notice goes to stderr and False is returned.
    A key that is not like ``m01.idea`` is a bug in the calling code: ValueError. Any ``text``
    is stored (non-strings as ``str(text)``, None as "").
    """
    check_plan_key(key)
    try:
        save_plan_field(key, text)
        return True
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return False


def plan_load(key: str) -> str:
    """The saved text of an action-plan field, or "" if there is none (or no record).
    A key that is not like ``m01.idea`` raises ValueError, as in plan_save."""
    check_plan_key(key)
    try:
        with connect() as conn:
            row = conn.execute(_PLAN_VALUE, (key,)).fetchone()
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return ""
    return row[0] if row else ""


def plan_fields() -> dict[str, dict]:
    """Every saved plan field: key -> {value, updated_at}."""
    with connect() as conn:
        rows = conn.execute(_PLAN_FIELDS)
        return {k: {"value": v, "updated_at": u} for k, v, u in rows}


def parse_time(stamp: str) -> datetime:
    """An ISO 8601 stamp as an aware datetime (naive stamps are taken as UTC)."""
    moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def normalise_time(stamp: str) -> str:
    return parse_time(stamp).astimezone(timezone.utc).isoformat(timespec="microseconds")


# The trainee's name, asked once (progress panel) and shown on the plan document. A plan field
# under module 00 (the welcome module, where it is asked): it travels in every export and an
# import keeps the newer one, as for any plan field, with no new table or export format.
NAME_KEY = "m00.trainee_name"
NAME_MAX = 120


def trainee_name() -> str:
    """The name the trainee gave ("" if none, or no record)."""
    return plan_load(NAME_KEY).strip()


def save_trainee_name(name) -> str:
    """Store the trainee's name (spaces collapsed, at most NAME_MAX characters); returns it as
    stored. RecordError (localised) if the record cannot be written."""
    name = " ".join(plan_text(name).split())[:NAME_MAX]
    save_plan_field(NAME_KEY, name)
    return name


def plan_keys_filled() -> set[str]:
    """Keys of plan fields with something in them (not blank, not an empty JSON list)."""
    return {k for k, f in plan_fields().items() if f["value"].strip() not in ("", "[]", "{}")}
