"""Taking the record along: JSON export/import of progress, and the plan as a document.

Binder sessions end, so a trainee downloads an export and uploads it in the next session.
The export is versioned (a format id plus format_version, checked with
schemas/progress-export.v1.json), UTF-8 with Mongolian stored as is, and deterministic (no
wall clock), so export -> import -> export gives the same bytes. An import is validated in
full before anything is written, then merged in one transaction: attempts by uid, plan fields
when newer. No widgets here; widgets/progress_panel.py puts buttons on top.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

from ..i18n import t
from ..paths import schema_path
from . import store as record

FORMAT_ID = "course-innovation-progress"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 50 * 1024 * 1024  # a real record is kilobytes; refuse absurd uploads


class TransferError(Exception):
    """An export or import that cannot be done; ``str(error)`` is localised for the learner.

    ``detail`` holds the raw technical reason (parser or schema text, English), if any, for a
    separate secondary line (the CLI prints it); it never goes into the message itself.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


# --- export ------------------------------------------------------------------------------

def export_data() -> dict:
    """The whole record as the export document (a plain dict)."""
    attempts = [{"uid": a["uid"], "question_id": a["question_id"],
                 "answer": json.loads(a["answer"]),
                 "correct": None if a["correct"] is None else bool(a["correct"]),
                 "score": a["score"], "created_at": a["created_at"]}
                for a in record.attempts()]
    plan = record.plan_fields()
    stamps = [a["created_at"] for a in attempts] + [f["updated_at"] for f in plan.values()]
    return {"format": FORMAT_ID, "format_version": FORMAT_VERSION,
            "as_of": max(stamps) if stamps else None, "attempts": attempts, "plan": plan}


def export_bytes() -> bytes:
    """The export as UTF-8 JSON bytes (Mongolian not escaped)."""
    text = json.dumps(export_data(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def export_to(path) -> tuple[int, int]:
    """Write the export to ``path``; returns (attempts, plan fields) written."""
    data = export_bytes()
    doc = json.loads(data)
    Path(path).write_bytes(data)
    return len(doc["attempts"]), len(doc["plan"])


# --- import ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(schema_path("progress-export.v1.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


_REASONS = {"required": "missing", "type": "type", "pattern": "format", "format": "format",
            "enum": "format", "const": "format", "propertyNames": "format",
            "minimum": "range", "maximum": "range", "minLength": "range", "maxLength": "range",
            "minItems": "range", "maxItems": "range", "additionalProperties": "extra",
            "unevaluatedProperties": "extra"}


def _where(path) -> str:
    """A schema error's place in the learner's words: the header, answer no. N or the plan."""
    path = list(path)
    if len(path) >= 2 and path[0] == "attempts" and isinstance(path[1], int):
        return t("transfer.where.attempt", n=path[1] + 1)
    if path and path[0] == "plan":
        return t("transfer.where.plan")
    return t("transfer.where.header")


def _invalid(name: str, where: str, reason: str, detail: str) -> TransferError:
    return TransferError(t("transfer.import.invalid", file=name, where=where,
                           reason=t(f"transfer.reason.{reason}")), detail)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _text_is_utf8(value, depth: int = 0) -> None:
    """Raise UnicodeError on a string SQLite cannot store (a lone surrogate)."""
    if depth > 100:
        raise RecursionError("nested too deep")
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for key, item in value.items():
            _text_is_utf8(key, depth + 1)
            _text_is_utf8(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _text_is_utf8(item, depth + 1)


def parse_export(raw: bytes, name: str = "") -> dict:
    """Validate an export file's bytes; raises TransferError naming what is wrong."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise TransferError(t("transfer.import.too_big", file=name))
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
        _text_is_utf8(doc)
    except UnicodeError as exc:  # undecodable bytes, or a lone surrogate such as \ud800
        raise TransferError(t("transfer.import.not_json", file=name,
                              reason=t("transfer.reason.not_utf8")), str(exc)) from None
    except json.JSONDecodeError as exc:
        reason = t("transfer.reason.syntax", line=exc.lineno, column=exc.colno)
        raise TransferError(t("transfer.import.not_json", file=name, reason=reason),
                            str(exc)) from None
    except (ValueError, RecursionError) as exc:  # 5000-digit numbers, deep nesting, NaN
        raise TransferError(t("transfer.import.not_json", file=name,
                              reason=t("transfer.reason.unusual")), str(exc)[:200]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_ID:
        raise TransferError(t("transfer.import.foreign", file=name))
    version = doc.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise TransferError(t("transfer.import.too_new", file=name, version=version))
    error = next(iter(sorted(_validator().iter_errors(doc), key=lambda e: list(e.path))), None)
    if error is not None:
        place = "/".join(str(p) for p in error.absolute_path) or "/"
        raise _invalid(name, _where(error.absolute_path), _REASONS.get(error.validator, "other"),
                       f"{place}: {error.message[:200]}")
    places = [(["attempts", i], a.get("created_at")) for i, a in enumerate(doc["attempts"])]
    places += [(["plan", key], f.get("updated_at")) for key, f in doc["plan"].items()]
    for path, stamp in places:
        try:
            record.normalise_time(stamp)  # 0001-01-01T00:00:00+14:00 overflows in UTC
        except (ValueError, OverflowError):
            raise _invalid(name, _where(path), "date", f"{'/'.join(map(str, path))}: "
                           f"{stamp!r} is not a date") from None
    return doc


def import_bytes(raw: bytes, name: str = "") -> str:
    """Validate and merge an export; returns the localised summary. Raises TransferError."""
    doc = parse_export(raw, name)
    rows = [{"uid": a["uid"], "question_id": a["question_id"],
             "answer": record.answer_json(a["answer"]),
             "correct": None if a["correct"] is None else int(a["correct"]),
             "score": a["score"], "created_at": record.normalise_time(a["created_at"])}
            for a in doc["attempts"]]
    try:
        added, taken = record.merge(rows, doc["plan"])
    except record.RecordError as exc:
        raise TransferError(str(exc)) from None
    return t("transfer.import.done", added=added, skipped=len(rows) - added, taken=taken,
             fields=len(doc["plan"]))


def import_from(path) -> str:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferError(t("transfer.import.unreadable", file=str(path),
                              reason=exc.strerror or str(exc))) from None
    return import_bytes(raw, str(path))


# --- command line ------------------------------------------------------------------------

def _start() -> bool:
    """Open the record for a command; print notices; False when it cannot be used."""
    notices = record.ensure_record()
    for notice in notices:
        print(notice, file=sys.stderr)
    return record.is_ready()


def progress_export_cli(file: str) -> int:
    """``progress export FILE``: 0 on success, 1 with a message otherwise."""
    written = _write_reporting(file, lambda: export_to(file))
    if written is None:
        return 1
    attempts, fields = written
    print(t("transfer.export.done", file=file, attempts=attempts, fields=fields))
    return 0


def _is_record(file: str) -> bool:
    """Whether ``file`` is the learner record or one of SQLite's files beside it."""
    target = Path(file).resolve()
    own = Path(record.db_path()).resolve()
    return target in {own, *(own.with_name(own.name + s) for s in ("-wal", "-shm", "-journal"))}


def _write_reporting(file: str, write):
    """Open the record, run ``write()``; its result, or None after a message on stderr."""
    if _is_record(file):  # never write an export over the record it was read from
        print(t("transfer.export.own_record", file=file), file=sys.stderr)
        return None
    if not _start():
        return None
    try:
        return write()
    except record.RecordError as exc:
        print(exc, file=sys.stderr)
    except OSError as exc:
        print(t("transfer.export.failed", file=file, reason=exc.strerror or str(exc)),
              file=sys.stderr)
    return None


def progress_import_cli(file: str) -> int:
    """``progress import FILE``: merge an export; 0 on success, 1 (nothing changed) otherwise."""
    if not _start():
        return 1
    try:
        print(import_from(file))
    except TransferError as exc:
        print(exc, file=sys.stderr)
        if exc.detail:  # a separate line, for whoever helps the trainee
            print("  " + t("transfer.import.detail", detail=exc.detail), file=sys.stderr)
        return 1
    return 0


def plan_export_cli(file: str, fmt: str = "md") -> int:
    """``plan export --format md|html FILE``: the assembled action plan as a document."""
    from .plan_document import render

    def write():
        return Path(file).write_text(render(record.plan_fields(), fmt), encoding="utf-8")

    if _write_reporting(file, write) is None:
        return 1
    print(t("transfer.plan.done", file=file))
    return 0
