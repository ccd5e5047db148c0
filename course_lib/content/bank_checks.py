"""Question-bank rules a JSON Schema cannot express (run after the schema passes): per file, and
across the banks of a course (each bank in the course map under its NN_ file name; ids unique
across files is the one rule every kind shares, loading.UniqueIds)."""

from __future__ import annotations

from pathlib import Path

from ..paths import data_dir
from .course_map import MODULES
from .loading import ContentError, Problem, file_module_problems, load_content
from .objectives import question_problems
from .question_kinds import QUESTION_KINDS


def check_question(q: dict) -> list[tuple[str, str]]:
    """(field, message) pairs for one schema-valid question."""
    kind = QUESTION_KINDS[q["kind"]]
    out = []
    for field, kinds in KIND_FIELDS.items():
        if field in q and q["kind"] not in kinds:
            out.append((field, f"a {q['kind']} question does not use '{field}' (only "
                               f"{'/'.join(sorted(kinds))})"))
    return out + kind.rules(q)


# field -> the kinds that read it: elsewhere it is a sign of a copy-paste slip
KIND_FIELDS = {field: {name for name, k in QUESTION_KINDS.items() if field in k.fields}
               for k in QUESTION_KINDS.values() for field in k.fields}
def check_bank(name: str, bank: dict) -> list[Problem]:
    """Problems in one schema-valid bank: key consistency, id prefix, ids unique in the file."""
    module = bank["module"]
    problems = []
    seen: set[str] = set()
    for q in bank["questions"]:
        where = f"question {q['id']}"
        if q["id"].split(".", 1)[0] != module:
            problems.append(Problem(name, f"id must start with the bank's module '{module}.'",
                                    where, "id"))
        if q["id"] in seen:
            problems.append(Problem(name, "duplicate question id in this file", where, "id"))
        seen.add(q["id"])
        problems += [Problem(name, message, where, field) for field, message in check_question(q)]
    return problems


def course_map_problems(files: dict[str, tuple[Path, dict]]) -> list[Problem]:
    """Banks under data/questions/: module listed in modules.yaml, NN_ prefix = module number."""
    root = data_dir()
    try:
        listed = {m["id"] for m in load_content(root / "modules.yaml", MODULES)["modules"]}
    except ContentError:  # a missing or broken course map is reported on its own
        return []
    problems = []
    for name, (path, bank) in files.items():
        if path.resolve().parent != (root / "questions").resolve():
            continue  # fixtures and drafts elsewhere are not part of the course map
        problems += question_problems(name, bank)
        if bank["module"] not in listed:
            problems.append(Problem(name, f"module {bank['module']!r} is not listed in "
                                          "data/modules.yaml", field="module"))
        problems += file_module_problems(name, path, bank["module"])
    return problems


def across_banks(files: dict[str, tuple[Path, dict]]) -> list[Problem]:
    """The cross-file rules of question banks besides unique ids (the row's ``ids``)."""
    return course_map_problems(files)
