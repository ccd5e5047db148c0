"""data/parsed.jsonl: the parsed data of recorded content, so notebooks parse no YAML.

Parsing the banks, plan fields and course map (and importing the YAML parser at all) was a good
part of a module's set-up. ``make digests`` writes, for every file whose digest it records in
data/validated.json, that file's data as one JSON line keyed by the same digest. A loader that
finds its bytes' digest here takes the data from the line: the same bytes, so the same data.
Anything else (no file, a broken line, bytes edited since) means: parse the YAML as before.
A line is JSON text, parsed on each look-up, so every caller gets an object of its own.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..paths import data_dir, replace_file, stamp

STORE_NAME = "parsed.jsonl"
HEADER = '{"schema_version": 1}'


def store_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / STORE_NAME


def lookup(digest: str | None):
    """The parsed data recorded for this digest, a fresh object; None when there is none."""
    if digest is None:
        return None
    try:
        key = stamp(store_path())
    except OSError:
        return None
    line = _lines(key).get(digest)
    if line is None:
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


@lru_cache(maxsize=4)
def _lines(key: tuple[str, int, int]) -> dict[str, str]:
    try:
        text = Path(key[0]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    header, _, body = text.partition("\n")
    if header != HEADER:
        return {}
    lines = {}
    for line in body.splitlines():
        digest, _, data = line.partition(" ")
        if len(digest) == 64 and data:
            lines[digest] = data
    return lines


def render(entries: dict[str, object]) -> str:
    """One line per digest, sorted; only data that JSON gives back exactly (else: YAML)."""
    out = [HEADER]
    for digest in sorted(entries):
        line = json.dumps(entries[digest], ensure_ascii=False, separators=(",", ":"))
        if json.loads(line) == entries[digest]:
            out.append(f"{digest} {line}")
    return "\n".join(out) + "\n"


def write(entries: dict[str, object], root: Path | None = None) -> Path:
    """Replace the store atomically: a notebook starting meanwhile reads the old or the new."""
    return replace_file(store_path(root), render(entries))
