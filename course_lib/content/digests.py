"""The record of content that passed ``validate``: data/validated.json, a set of sha256 digests.

A notebook that finds its file's digest here skips the JSON Schema check, and so never imports
jsonschema (most of a module's start-up time). A digest covers the content kind, the bytes of
that kind's schema and the bytes of the file, not its path: it holds wherever data/ is copied
(Binder, nbgrader release folders, temp copies) and goes stale when the content or the schema
changes. ``python -m course_lib validate --write-digests`` (``make digests``) writes it.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from ..paths import data_dir, replace_file, stamp

RECORD_NAME = "validated.json"
RECORD_VERSION = 1
_HEX = re.compile(r"[0-9a-f]{64}")


def digest(kind: str, schema: bytes, content: bytes) -> str:
    """sha256 over kind, schema and content; each part length-prefixed so none can bleed over.

    Line endings are read as LF: a Windows checkout (git autocrlf) or a file saved by a Windows
    editor parses to the same data, so it must not lose the record and validate in full.
    """
    h = hashlib.sha256(b"course_lib validated content v1\n")
    for part in (kind.encode("utf-8"), schema.replace(b"\r\n", b"\n"),
                 content.replace(b"\r\n", b"\n")):
        h.update(b"%d\n" % len(part))
        h.update(part)
    return h.hexdigest()


def record_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / RECORD_NAME


def recorded() -> frozenset[str]:
    """The digests of the record in the data dir; empty when it is missing or not a record.

    A learner's notebook must never fail over this file: anything unexpected means "trust
    nothing", i.e. full validation.
    """
    try:
        key = stamp(record_path())
    except OSError:
        return frozenset()
    return _read(key)


@lru_cache(maxsize=4)
def _read(key: tuple[str, int, int]) -> frozenset[str]:
    try:
        record = json.loads(Path(key[0]).read_bytes())
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(record, dict) or record.get("schema_version") != RECORD_VERSION:
        return frozenset()
    found = record.get("digests")
    if not isinstance(found, list) or not all(isinstance(d, str) and _HEX.fullmatch(d)
                                              for d in found):
        return frozenset()
    return frozenset(found)


def render(digests) -> str:
    """The record's text: sorted, indented, newline-terminated, so git diffs stay small."""
    record = {"schema_version": RECORD_VERSION, "digests": sorted(set(digests))}
    return json.dumps(record, indent=2) + "\n"


def write(digests, root: Path | None = None) -> Path:
    """Replace the record atomically: a notebook starting meanwhile reads the old or the new."""
    return replace_file(record_path(root), render(digests))
