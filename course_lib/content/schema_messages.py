"""Plain-English problem reports for content files: which file, which entry, which field.

jsonschema's own messages name schema internals ("'en' is a required property" deep inside an
if/then); these say what an author must fix, where.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1


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


def field_name(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(kind: str, data: dict, path: list) -> tuple[str, str]:
    """(where, field) for an error path: the list entry's id, or its index, plus the rest."""
    # kinds without a list of entries (objectives, graded_objectives, ...) name the field path
    list_key = {"questions": "questions", "plan": "fields", "cases": "cases",
                "modules": "modules"}.get(kind)
    if list_key and len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
        entry = (data.get(list_key) or [None] * (path[1] + 1))[path[1]]
        noun = {"questions": "question", "plan": "field", "cases": "case",
                "modules": "module"}[kind]
        key = "key" if kind == "plan" else "id"
        ident = entry.get(key) if isinstance(entry, dict) else None
        where = f"{noun} {ident}" if isinstance(ident, str) else f"{noun} #{path[1] + 1}"
        return where, field_name(path[2:])
    return "", field_name(path)


def message(error) -> tuple[str, str]:
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
