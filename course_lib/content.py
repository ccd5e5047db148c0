"""Load a YAML content file and validate it against its versioned JSON Schema.

Every problem is a ``Problem`` naming the file, the question (its id, or its list index when
the id is unusable) and the field, so an author can go straight to the line to fix. Checks a
schema cannot express are registered per content kind in ``SEMANTIC_CHECKS``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .paths import schema_path

SCHEMA_VERSION = 1
# content kind -> schema file; a kind whose schema is not shipped yet is skipped, not failed
SCHEMAS = {
    "questions": "question-bank.v1.json",
    "plan": "plan.v1.json",
    "cases": "cases.v1.json",
    "modules": "modules.v1.json",
}
# libyaml's safe loader when present: ~10x faster, so the first quiz of a session appears sooner
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# top-level key that tells a file's kind when neither its folder nor its name does
_LIST_KEYS = {"questions": "questions", "fields": "plan", "cases": "cases", "modules": "modules"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file."""

    file: str
    message: str
    where: str = ""  # "question m01.novelty" / "question #3" / "module m02"
    field: str = ""  # "options[1].text.en"

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class ContentError(ValueError):
    """Content that does not validate; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_name(path: Path) -> str:
    """A short, stable name for messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def content_kind(path: Path, data=None) -> str | None:
    """Which schema applies: by folder (data/questions/), file name, or top-level list key."""
    path = Path(path)
    if path.name == "modules.yaml" or path.stem.startswith("modules"):
        return "modules"
    if path.parent.name in SCHEMAS:
        return path.parent.name
    for kind in SCHEMAS:  # fixtures: questions-ok-*.yaml, plan-ko-*.yaml
        if path.stem.startswith(kind):
            return kind
    if isinstance(data, dict):
        for key, kind in _LIST_KEYS.items():
            if key in data:
                return kind
    return None


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """Parse one YAML file; an unreadable, empty or broken file becomes a Problem."""
    name = display_name(Path(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, f"cannot read the file ({exc})")]
    if not text.strip():
        return None, [Problem(name, "the file is empty")]
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(name, f"broken YAML{where}: {reason}")]
    if data is None:
        return None, [Problem(name, "the file holds no data (only comments?)")]
    return data, []


@cache
def load_schema(kind: str) -> dict | None:
    """The JSON Schema for a content kind, or None when it is not shipped (yet)."""
    path = schema_path(SCHEMAS[kind])
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _import_jsonschema():
    """jsonschema, imported without its optional rfc3987_syntax format checker.

    When rfc3987_syntax is installed (it comes with jupyter_server's extras), jsonschema's
    format module imports it, and it builds a parser grammar at import time: seconds before the
    first quiz appears. Our schemas assert no formats, so it is hidden only while jsonschema is
    first imported and restored right after; anyone importing it later still gets it.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema

        return jsonschema
    sys.modules["rfc3987_syntax"] = None  # makes its import raise ImportError, which is skipped
    try:
        import jsonschema
    finally:
        del sys.modules["rfc3987_syntax"]
    return jsonschema


@cache
def _validator(kind: str):
    return _import_jsonschema().Draft202012Validator(load_schema(kind))


def version_problem(name: str, data: dict) -> Problem | None:
    """Too old, too new and missing versions each get their own message (as nbgrader does)."""
    version = data.get("schema_version")
    if version is None:
        return Problem(name, f"missing 'schema_version' (this course_lib reads version "
                             f"{SCHEMA_VERSION})", field="schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return Problem(name, f"'schema_version' must be a whole number, not {version!r}",
                       field="schema_version")
    if version < SCHEMA_VERSION:
        return Problem(name, f"schema_version {version} is too old: this course_lib reads "
                             f"version {SCHEMA_VERSION}; update the file to the current format",
                       field="schema_version")
    if version > SCHEMA_VERSION:
        return Problem(name, f"schema_version {version} is too new: this course_lib reads "
                             f"version {SCHEMA_VERSION}; upgrade course_lib",
                       field="schema_version")
    return None


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _locate(kind: str, data: dict, path: list) -> tuple[str, str]:
    """(where, field) for an error path: the list entry's id, or its index, plus the rest."""
    list_key = {"questions": "questions", "plan": "fields", "cases": "cases",
                "modules": "modules"}[kind]
    if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
        entry = (data.get(list_key) or [None] * (path[1] + 1))[path[1]]
        noun = {"questions": "question", "plan": "field", "cases": "case",
                "modules": "module"}[kind]
        key = "key" if kind == "plan" else "id"
        ident = entry.get(key) if isinstance(entry, dict) else None
        where = f"{noun} {ident}" if isinstance(ident, str) else f"{noun} #{path[1] + 1}"
        return where, _field(path[2:])
    return "", _field(path)


def _message(error) -> tuple[str, str]:
    """A plain message for a jsonschema error, and the field name it adds (if any)."""
    if error.validator == "required":
        missing = [p for p in error.validator_value if p not in error.instance]
        name = missing[0] if missing else "?"
        if set(error.validator_value) == {"mn", "en"}:
            return f"missing language '{name}'", name
        if name == "answer":
            return "missing the correct answer ('answer')", name
        return f"missing required field '{name}'", name
    if error.validator == "pattern" and error.validator_value == "\\S":
        return "must not be blank", ""
    if error.validator == "enum" and error.path and error.path[-1] == "kind":
        allowed = ", ".join(error.validator_value)
        return f"unknown kind {error.instance!r} (expected one of: {allowed})", ""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        extra = [str(k) for k in error.instance if k not in known]
        return "unknown field: not part of the format (a typo?)", ", ".join(extra)
    return error.message, ""


def schema_problems(name: str, kind: str, data) -> list[Problem]:
    """Problems against the kind's schema; empty when the schema is not shipped."""
    if load_schema(kind) is None:
        return []
    if not isinstance(data, dict):
        return [Problem(name, f"the top level must be a mapping with schema_version, not "
                              f"{type(data).__name__}")]
    bad_version = version_problem(name, data)
    if bad_version:
        return [bad_version]
    problems = []
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for error in errors:
        where, field = _locate(kind, data, list(error.path))
        message, extra = _message(error)
        if extra:
            field = f"{field}.{extra}" if field else extra
        problem = Problem(name, message, where, field)
        if problem not in problems:
            problems.append(problem)
    return problems


def check_file(path: Path, kind: str | None = None) -> tuple[str | None, object, list[Problem]]:
    """Read, schema-check and semantically check one file: (kind, data, problems)."""
    path = Path(path)
    name = display_name(path)
    data, problems = read_yaml(path)
    if problems:
        return kind or content_kind(path), None, problems
    kind = kind or content_kind(path, data)
    if kind is None:
        return None, data, [Problem(name, "cannot tell which schema applies (expected a "
                                          "questions/, plan/ or cases/ folder or modules.yaml)")]
    problems = schema_problems(name, kind, data)
    if not problems and kind in SEMANTIC_CHECKS:
        problems = SEMANTIC_CHECKS[kind](name, data)
    return kind, data, problems


def load_content(path: Path, kind: str | None = None):
    """The validated data of one content file; raises ContentError naming every problem."""
    _, data, problems = check_file(path, kind)
    if problems:
        raise ContentError(problems)
    return data


def _check_modules(name: str, data: dict) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, module in enumerate(data["modules"]):
        if module["id"] in seen:
            problems.append(Problem(name, f"duplicate module id (also #{seen[module['id']] + 1})",
                                    f"module {module['id']}", "id"))
        seen.setdefault(module["id"], index)
    return problems


def _check_questions(name: str, data: dict) -> list[Problem]:
    from .bank_checks import check_bank

    return check_bank(name, data)


SEMANTIC_CHECKS = {"modules": _check_modules, "questions": _check_questions}
