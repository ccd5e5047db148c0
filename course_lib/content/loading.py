"""Load a YAML content file and validate it against its versioned JSON Schema.

Every problem is a ``Problem`` naming the file, the question (its id, or its list index when
the id is unusable) and the field, so an author can go straight to the line to fix. Checks a
schema cannot express are registered per content kind in ``SEMANTIC_CHECKS``. Bytes that
``validate --write-digests`` recorded in data/validated.json skip the schema check (see digests).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import yaml

from ..paths import schema_path
from . import digests
from .schema_messages import Problem, locate, message, version_problem

# content kind -> schema file; a kind whose schema is not shipped yet is skipped, not failed
SCHEMAS = {
    "questions": "question-bank.v1.json",
    "plan": "plan.v1.json",
    "cases": "cases.v1.json",
    "modules": "modules.v1.json",
    "exercises": "exercises.v1.json",
    "glossary": "glossary.v1.json",
    "objectives": "objectives.v1.json",
    "graded_objectives": "graded-objectives.v1.json",
}


# libyaml's safe loader when present: ~10x faster, so the first quiz of a session appears sooner
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that refuses a key written twice in one mapping.

    Plain YAML keeps the last one silently, so a second ``answer:`` pasted under a question
    would quietly change the key; here it is a problem with its line number.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


# top-level key that tells a file's kind when neither its folder nor its name does
_LIST_KEYS = {"questions": "questions", "fields": "plan", "cases": "cases", "modules": "modules",
              "concepts": "glossary", "objectives": "objectives"}


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
    for kind in sorted(SCHEMAS, key=len, reverse=True):  # fixtures: questions-ok-*.yaml
        if path.stem.startswith(kind):
            return kind
    if isinstance(data, dict):
        for key, kind in _LIST_KEYS.items():
            if key in data:
                return kind
    return None


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a Problem when it cannot be read."""
    try:
        return Path(path).read_bytes(), []
    except OSError as exc:
        return None, [Problem(display_name(Path(path)), f"cannot read the file ({exc})")]


def parse_yaml(name: str, raw: bytes) -> tuple[object, list[Problem]]:
    """Parse YAML bytes; undecodable, empty or broken text becomes a Problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, f"cannot read the file ({exc})")]
    if not text.strip():
        return None, [Problem(name, "the file is empty")]
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(name, f"broken YAML{where}: {reason}")]
    if data is None:
        return None, [Problem(name, "the file holds no data (only comments?)")]
    return data, []


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """Parse one YAML file; an unreadable, empty or broken file becomes a Problem."""
    raw, problems = read_bytes(path)
    if problems:
        return None, problems
    return parse_yaml(display_name(Path(path)), raw)


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
        where, field = locate(kind, data, list(error.path))
        text, extra = message(error)
        if extra:
            field = f"{field}.{extra}" if field else extra
        problem = Problem(name, text, where, field)
        if problem not in problems:
            problems.append(problem)
    return problems


@cache
def _schema_bytes(kind: str) -> bytes | None:
    # the bytes are all a digest needs: no JSON parse of the schema on a notebook's path
    try:
        return schema_path(SCHEMAS[kind]).read_bytes()
    except OSError:
        return None


def content_digest(kind: str, raw: bytes) -> str | None:
    """The digest ``validate --write-digests`` records for these bytes; None without a schema."""
    schema = _schema_bytes(kind) if kind in SCHEMAS else None
    return None if schema is None else digests.digest(kind, schema, raw)


def is_recorded(kind: str, raw: bytes) -> bool:
    """True when exactly these bytes passed ``validate`` against the current schema."""
    record = digests.recorded()
    return bool(record) and content_digest(kind, raw) in record


def check_raw(path: Path, raw: bytes, kind: str | None = None,
              trust_record: bool = True) -> tuple[str | None, object, list[Problem]]:
    """Check a file's bytes: (kind, data, problems).

    The schema check is skipped for bytes the validated-content record lists (so jsonschema
    is not even imported); the semantic checks always run, they cost well under a millisecond.
    """
    path = Path(path)
    name = display_name(path)
    data, problems = parse_yaml(name, raw)
    if problems:
        return kind or content_kind(path), None, problems
    kind = kind or content_kind(path, data)
    if kind is None:
        return None, data, [Problem(name, "cannot tell which schema applies (expected a "
                                          "questions/, plan/ or cases/ folder or modules.yaml)")]
    if not (trust_record and is_recorded(kind, raw)):
        problems = schema_problems(name, kind, data)
    if not problems and kind in SEMANTIC_CHECKS:
        problems = SEMANTIC_CHECKS[kind](name, data)
    return kind, data, problems


def check_file(path: Path, kind: str | None = None,
               trust_record: bool = True) -> tuple[str | None, object, list[Problem]]:
    """Read, schema-check and semantically check one file: (kind, data, problems)."""
    raw, problems = read_bytes(path)
    if problems:
        return kind or content_kind(Path(path)), None, problems
    return check_raw(path, raw, kind, trust_record)


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


class _Lazy:
    """A semantic check imported on first use: a notebook that loads one bank never imports
    the plan, case or glossary modules."""

    def __init__(self, module: str, function: str = "semantic_problems"):
        self.module, self.function = module, function

    def __call__(self, name: str, data: dict) -> list[Problem]:
        from importlib import import_module

        return getattr(import_module(f".{self.module}", __package__), self.function)(name, data)


# The rules beyond the schema, one entry per kind: `validate`, `make digests` and every load at
# run time go through check_raw, so content that passes validate cannot fail in a notebook.
SEMANTIC_CHECKS = {"modules": _check_modules, "questions": _Lazy("bank_checks", "check_bank"),
                   "plan": _Lazy("plan_data"), "cases": _Lazy("cases"),
                   "exercises": _Lazy("exercises"), "glossary": _Lazy("glossary"),
                   "objectives": _Lazy("objectives"),
                   "graded_objectives": _Lazy("objectives", "graded_problems")}
