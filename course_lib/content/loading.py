"""Read a YAML content file and check it as its ``Kind`` says: JSON Schema, then the kind's rules.

Every problem is a ``Problem`` naming the file, the question (its id, or its list index when
the id is unusable) and the field, so an author can go straight to the line to fix. A ``Kind``
(one row of the table in kinds.py) carries its schema, its per-file and cross-file rules and its
loader; this module knows no kind by name, so it imports none of them (no cycle). Bytes that
``validate --write-digests`` recorded in data/validated.json skip the schema check (see digests).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..paths import schema_path
from . import digests, parsed
from .schema_messages import Problem, locate, message, version_problem

Rules = Callable[[str, dict], list[Problem]]
# display name -> (path, validated data) of every valid file of one kind
Across = Callable[[dict[str, tuple[Path, dict]]], list[Problem]]


def _no_rules(name: str, data: dict) -> list[Problem]:
    return []


def _nothing_across(files: dict[str, tuple[Path, dict]]) -> list[Problem]:
    return []


@dataclass(frozen=True)
class UniqueIds:
    """The one duplicate-id rule every kind with ids declares: each item of ``items`` has a
    ``key`` used once in the whole course, so ``cl.quiz``/``cl.case``/the plan find one thing."""

    items: str   # the list in each file: "questions", "cases", "fields"
    key: str     # the id inside each item: "id", "key"
    label: str   # how a message names an item: "question m01.x"

    def problems(self, files: dict[str, tuple[Path, dict]]) -> list[Problem]:
        """Ids also used in an earlier file (files: display name -> (path, validated data))."""
        first: dict[str, str] = {}
        problems = []
        for name, (_, data) in files.items():
            for item in data[self.items]:
                other = first.setdefault(item[self.key], name)
                if other != name:
                    problems.append(Problem(name, f"duplicate {self.key}: also defined in {other}",
                                            f"{self.label} {item[self.key]}", self.key))
        return problems


@dataclass(frozen=True)
class Kind:
    """One kind of content file: where its files are, its schema, its rules and its loader.

    ``rules`` run on each schema-valid file; ``ids`` and ``across`` on every valid file of the
    kind at once (ids unique across files; module <-> file name, ...). ``validate`` runs them
    all; the loader runs them on what it loads, so content that passes validate cannot fail in
    a notebook.
    """

    name: str
    schema: str                      # file in content/schemas/
    files: str                       # glob under data/: "questions/*.yaml" or "modules.yaml"
    list_key: str                    # the top-level key that tells this kind in a stray file
    rules: Rules = _no_rules
    across: Across = _nothing_across
    load: Callable[[], object] | None = None  # the run-time loader (cached), for the parity test
    ids: UniqueIds | None = None     # items whose ids are unique across all files of the kind
    # rules that read nothing but the file (and the course's fixed stemmer) and cost seconds:
    # validate's verdict on the same bytes holds, so recorded bytes skip them as the schema
    recorded_rules: bool = False

    def paths(self, root: Path) -> list[Path]:
        return sorted(root.glob(self.files))

    def check_across(self, files: dict[str, tuple[Path, dict]]) -> list[Problem]:
        """Every cross-file rule of the kind: unique ids first, then its own ``across``."""
        return (self.ids.problems(files) if self.ids else []) + self.across(files)


@cache
def _loader():
    """A safe loader that refuses a key written twice in one mapping (built on first use).

    Plain YAML keeps the last one silently, so a second ``answer:`` pasted under a question
    would quietly change the key; here it is a problem with its line number. libyaml's safe
    loader when present: ~10x faster. yaml is imported only here: content that ``make digests``
    recorded comes parsed from data/parsed.jsonl, so most notebooks never import it.
    """
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, str) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} appears twice in one mapping",
                        key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep)

    return yaml, Loader


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
    yaml, loader = _loader()
    try:
        data = yaml.load(text, Loader=loader)
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
def load_schema(schema: str) -> dict | None:
    """A JSON Schema by file name, or None when it is not shipped (yet)."""
    path = schema_path(schema)
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
def _validator(schema: str):
    return _import_jsonschema().Draft202012Validator(load_schema(schema))


def schema_problems(name: str, kind: Kind, data) -> list[Problem]:
    """Problems against the kind's schema; empty when the schema is not shipped."""
    if load_schema(kind.schema) is None:
        return []
    if not isinstance(data, dict):
        return [Problem(name, f"the top level must be a mapping with schema_version, not "
                              f"{type(data).__name__}")]
    bad_version = version_problem(name, data)
    if bad_version:
        return [bad_version]
    problems = []
    errors = sorted(_validator(kind.schema).iter_errors(data),
                    key=lambda e: [str(p) for p in e.path])
    for error in errors:
        where, field = locate(kind.name, data, list(error.path))
        text, extra = message(error)
        if extra:
            field = f"{field}.{extra}" if field else extra
        problem = Problem(name, text, where, field)
        if problem not in problems:
            problems.append(problem)
    return problems


@cache
def _schema_bytes(schema: str) -> bytes | None:
    # the bytes are all a digest needs: no JSON parse of the schema on a notebook's path
    try:
        return schema_path(schema).read_bytes()
    except OSError:
        return None


def content_digest(kind: Kind, raw: bytes) -> str | None:
    """The digest ``validate --write-digests`` records for these bytes; None without a schema."""
    schema = _schema_bytes(kind.schema)
    return None if schema is None else digests.digest(kind.name, schema, raw)


def is_recorded(kind: Kind, raw: bytes) -> bool:
    """True when exactly these bytes passed ``validate`` against the current schema."""
    record = digests.recorded()
    return bool(record) and content_digest(kind, raw) in record


def check_raw(path: Path, raw: bytes, kind: Kind,
              trust_record: bool = True) -> tuple[object, list[Problem]]:
    """Check a file's bytes as ``kind``: (data, problems).

    The schema check is skipped for bytes the validated-content record lists (so jsonschema
    is not even imported), and their data comes parsed from data/parsed.jsonl (so yaml is
    not either); the kind's rules run too (well under a millisecond), unless the kind says
    ``recorded_rules`` (the glossary's, which stem every word with hunspell: seconds).
    """
    name = display_name(Path(path))
    digest = content_digest(kind, raw) if trust_record else None
    recorded = digest is not None and digest in digests.recorded()
    # recorded bytes were parsed by validate: their data comes from data/parsed.jsonl
    data = parsed.lookup(digest) if recorded else None
    if data is None:
        data, problems = parse_yaml(name, raw)
        if problems:
            return None, problems
    problems = []
    if not recorded:
        problems = schema_problems(name, kind, data)
    if not problems and not (recorded and kind.recorded_rules):
        problems = kind.rules(name, data)
    return data, problems


def check_file(path: Path, kind: Kind, trust_record: bool = True) -> tuple[object, list[Problem]]:
    """Read, schema-check and rule-check one file: (data, problems)."""
    raw, problems = read_bytes(path)
    if problems:
        return None, problems
    return check_raw(path, raw, kind, trust_record)


def load_content(path: Path, kind: Kind):
    """The validated data of one content file; raises ContentError naming every problem."""
    data, problems = check_file(path, kind)
    if problems:
        raise ContentError(problems)
    return data


def load_all(kind: Kind, paths: list[Path]) -> dict[str, tuple[Path, dict]]:
    """Every file of a kind, checked one by one and then across files; raises ContentError."""
    files, problems = {}, []
    for path in paths:
        data, found = check_file(path, kind)
        problems += found
        if not found:
            files[display_name(path)] = (path, data)
    problems += kind.check_across(files)
    if problems:
        raise ContentError(problems)
    return files


def file_module_problems(name: str, path: Path, module: str) -> list[Problem]:
    """An NN_ file name names its module: a file 05_x.yaml holding m06 is refused."""
    prefix = re.match(r"([0-9]{2})_", path.name)
    if prefix and f"m{prefix.group(1)}" != module:
        return [Problem(name, f"the file name says m{prefix.group(1)} but the file is for "
                              f"{module}", field="module")]
    return []
