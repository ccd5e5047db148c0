"""The action plan's structure: which fields each module adds (data/plan/NN_slug.yaml).

Pure data: the form (widgets/plan_form.py), the export (record/transfer.py) and the explorations
all read it from here. Values live in the record as text; ``decode``/``encode`` turn that text into
Python values per field kind (list and table values are JSON text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..i18n import pick
from ..paths import data_dir
from .loading import Kind, Problem, UniqueIds, file_module_problems, load_all
from .plan_writers import WRITERS

KINDS = ("text", "list", "rating", "choice", "table")


@dataclass(frozen=True)
class PlanField:
    """One action-plan field: ``key`` in the record, ``kind``, mn/en texts, kind details."""

    key: str
    kind: str
    label_texts: dict
    help_texts: dict | None = None
    scale: int = 5
    options: tuple = ()  # ({"id", "text"}, ...) for choice
    columns: tuple = ()  # ({"id", "label", "kind", "min", "max", "options"}, ...) for table
    filled_by: str = ""  # a cl.explore(...) name that writes this field; the form only shows it

    def label(self, lang: str | None = None) -> str:
        return pick(self.label_texts, lang)

    def help(self, lang: str | None = None) -> str:
        return pick(self.help_texts, lang)

    def option_text(self, option_id, lang: str | None = None, options=None) -> str:
        for option in options if options is not None else self.options:
            if option["id"] == str(option_id):  # ids are text; tables may store 1 or -2
                return pick(option["text"], lang)
        return "" if option_id is None else str(option_id)


@dataclass(frozen=True)
class PlanPart:
    """The fields one module adds to the plan."""

    module: str
    title_texts: dict
    intro_texts: dict | None
    fields: tuple[PlanField, ...]

    def title(self, lang: str | None = None) -> str:
        return pick(self.title_texts, lang)

    def intro(self, lang: str | None = None) -> str:
        return pick(self.intro_texts, lang)


def semantic_problems(name: str, data: dict) -> list[Problem]:
    """What the schema cannot say: keys unique and prefixed by the module, sane columns."""
    problems, seen = [], set()
    for field in data["fields"]:
        key = field["key"]
        if key in seen:
            problems.append(Problem(name, "duplicate key", f"field {key}", "key"))
        seen.add(key)
        if not key.startswith(data["module"] + "."):
            problems.append(Problem(name, f"key must start with '{data['module']}.'",
                                    f"field {key}", "key"))
        ids = [c["id"] for c in field.get("columns", [])]
        if len(ids) != len(set(ids)):
            problems.append(Problem(name, "duplicate column id", f"field {key}", "columns"))
        for column in field.get("columns", []):
            kind = column.get("kind", "text")
            if kind == "choice" and not column.get("options"):
                problems.append(Problem(name, "a choice column needs options", f"field {key}",
                                        f"columns.{column['id']}"))
            if column.get("min", 0) > column.get("max", 10**9):
                problems.append(Problem(name, "min is above max", f"field {key}",
                                        f"columns.{column['id']}"))
    return problems


def _part(data: dict) -> PlanPart:
    fields = tuple(
        PlanField(key=f["key"], kind=f["kind"], label_texts=f["label"],
                  help_texts=f.get("help"), scale=f.get("scale", 5),
                  options=tuple(f.get("options", ())),
                  columns=tuple({"kind": "text", **c} for c in f.get("columns", ())),
                  filled_by=f.get("filled_by", ""))
        for f in data["fields"])
    return PlanPart(data["module"], data["title"], data.get("intro"), fields)


def across_plans(files: dict[str, tuple[Path, dict]]) -> list[Problem]:
    """One file per module, named for it; each field an exploration writes (plan_writers) exists
    in its module's file with the kind the exploration expects (keys unique: the row's ``ids``)."""
    problems, modules, fields = [], {}, {}
    for name, (path, data) in files.items():
        problems += file_module_problems(name, path, data["module"])
        other = modules.setdefault(data["module"], name)
        if other != name:
            problems.append(Problem(name, f"module {data['module']} also has {other}",
                                    field="module"))
        for field in data["fields"]:
            fields[field["key"]] = (name, field)
    for exploration, written in WRITERS.items():
        for key, kind in written.items():
            module = key.split(".", 1)[0]
            if module not in modules:
                continue  # that module's file is not among the files checked
            name, field = fields.get(key, (modules[module], None))
            if field is None:
                problems.append(Problem(name, f"cl.explore({exploration!r}) writes {key}, which "
                                              "is not a field here", f"field {key}", "key"))
            elif field["kind"] != kind:
                problems.append(Problem(name, f"cl.explore({exploration!r}) keeps a {kind} here, "
                                              f"not a {field['kind']}", f"field {key}", "kind"))
            elif kind == "table" and field.get("filled_by") != exploration:
                problems.append(Problem(name, f"must say filled_by: {exploration} (that "
                                              "exploration writes it)", f"field {key}",
                                        "filled_by"))
    return problems


@lru_cache(maxsize=1)
def plan_parts() -> tuple[PlanPart, ...]:
    """Every module's part of the plan, in course order (files sort by their NN_ prefix)."""
    files = load_all(PLAN, PLAN.paths(data_dir()))  # schema, semantic_problems, across_plans
    return tuple(sorted((_part(data) for _, data in files.values()), key=lambda p: p.module))


def plan_part(module: str) -> PlanPart | None:
    return next((p for p in plan_parts() if p.module == module), None)


def plan_field(key: str) -> PlanField | None:
    return next((f for p in plan_parts() for f in p.fields if f.key == key), None)


def decode(field: PlanField, text: str):
    """The stored text as a value of the field's kind; raises ValueError when it is not one."""
    text = text or ""
    if field.kind == "text":
        return text
    if field.kind == "rating":
        return int(text) if text.strip() else None
    if field.kind == "choice":
        return text or None
    value = json.loads(text) if text.strip() else []
    if field.kind == "list":
        if not isinstance(value, list):
            raise ValueError(f"{field.key}: expected a JSON list")
        return [str(item) for item in value]
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise ValueError(f"{field.key}: expected a JSON list of rows")
    return value


def table_rows(field: PlanField, text: str) -> list[dict]:
    """The rows of a stored table value, dropping whatever is not a row: an exploration shows
    what survives of a damaged save instead of an error."""
    if field.kind != "table":
        raise ValueError(f"{field.key}: not a table field")
    try:
        value = json.loads(text) if (text or "").strip() else []
    except ValueError:
        return []
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def encode(field: PlanField, value) -> str:
    """A value of the field's kind as the text stored in the record."""
    if field.kind in ("list", "table"):
        return json.dumps(list(value or []), ensure_ascii=False)
    return "" if value is None else str(value)


def is_filled(field: PlanField, text: str) -> bool:
    """Whether the trainee has put something into the field."""
    try:
        value = decode(field, text)
    except ValueError:
        return bool((text or "").strip())
    if field.kind == "table":
        return any(str(v).strip() for row in value for v in row.values() if v is not None)
    if field.kind == "list":
        return any(item.strip() for item in value)
    return value is not None and str(value).strip() != ""


PLAN = Kind("plan", "plan.v1.json", "plan/*.yaml", "fields", rules=semantic_problems,
            across=across_plans, load=plan_parts, ids=UniqueIds("fields", "key", "field"))
