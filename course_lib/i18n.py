"""The mn/en catalogue of learner-facing strings (data/locale/*.yaml).

Every catalogue file maps a key to ``{mn: ..., en: ...}`` side by side, so a
missing language is visible in review and caught by a parity test.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .paths import data_dir, replace_file

LANGUAGES = ("mn", "en")
_env_lang = os.environ.get("COURSE_LANG", "mn")
_state = {"lang": _env_lang if _env_lang in LANGUAGES else "mn"}


def set_language(lang: str) -> str:
    """Choose the learner-facing language: "mn" (default) or "en"."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
    _state["lang"] = lang
    return lang


def get_language() -> str:
    return _state["lang"]


COMPILED_NAME = "catalogue.json"
COMPILED_VERSION = 1


def _sources(root: Path) -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted((root / "locale").glob("*.yaml"))]


def sources_digest(sources: list[tuple[str, bytes]]) -> str:
    """sha256 over every catalogue file's name and bytes, each length-prefixed."""
    h = hashlib.sha256(b"course_lib locale catalogue v1\n")
    for name, raw in sources:
        for part in (name.encode("utf-8"), raw):
            h.update(b"%d\n" % len(part))
            h.update(part)
    return h.hexdigest()


def _parse(sources: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    import yaml  # only when the compiled catalogue is missing or stale

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~15x faster
    merged: dict[str, dict[str, str]] = {}
    for name, raw in sources:
        entries = yaml.load(raw.decode("utf-8"), Loader=loader) or {}
        for key, value in entries.items():
            if key in merged:
                raise ValueError(f"{name}: key {key!r} is defined twice in data/locale")
            merged[key] = value
    return merged


def _compiled(root: Path, digest: str) -> dict | None:
    # anything unexpected (missing, broken, older, made from other files) means: parse the YAML
    try:
        record = json.loads((root / COMPILED_NAME).read_bytes())
    except (OSError, ValueError):
        return None
    if (not isinstance(record, dict) or record.get("schema_version") != COMPILED_VERSION
            or record.get("sources") != digest or not isinstance(record.get("entries"), dict)):
        return None
    return record["entries"]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All catalogue entries, merged from every file in data/locale/.

    The catalogue loads in every kernel (autograde included); parsing its YAML was a fifth of
    a notebook's set-up, so ``make digests`` also writes data/catalogue.json, the same entries
    as JSON, stamped with a digest of the YAML bytes: it is used only while that digest matches.
    """
    root = data_dir()
    sources = _sources(root)
    compiled = _compiled(root, sources_digest(sources))
    return compiled if compiled is not None else _parse(sources)


def write_compiled(root: Path | None = None) -> Path:
    """Write data/catalogue.json from data/locale/*.yaml (``make digests``); atomic."""
    root = root or data_dir()
    sources = _sources(root)
    entries = _parse(sources)
    text = json.dumps({"schema_version": COMPILED_VERSION, "sources": sources_digest(sources),
                       "entries": entries}, ensure_ascii=False, indent=1) + "\n"
    if json.loads(text)["entries"] != entries:  # a value JSON cannot carry: keep the YAML way
        raise ValueError("data/locale holds a value JSON cannot represent")
    return replace_file(root / COMPILED_NAME, text)


def t(key: str, lang: str | None = None, **fields) -> str:
    """The text for ``key`` in the current language, with ``{fields}`` filled in."""
    entry = catalogue().get(key)
    if entry is None:
        return key  # a visible key beats a crash in front of a learner; the parity test catches it
    text = entry.get(lang or get_language()) or entry.get("mn") or key
    return text.format(**fields) if fields else text


def pick(texts: dict | str | None, lang: str | None = None) -> str:
    """One language out of a ``{mn, en}`` mapping from content data."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    return texts.get(lang or get_language()) or texts.get("mn") or ""
