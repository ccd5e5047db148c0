"""Question-bank rules a JSON Schema cannot express (run after the schema passes): per file, and
across the banks of a course (ids unique, each bank in the course map under its NN_ file name)."""

from __future__ import annotations

from pathlib import Path

from ..paths import data_dir
from .course_map import MODULES
from .loading import ContentError, Problem, file_module_problems, load_content
from .objectives import question_problems


def _ids(entries: list[dict]) -> list[str]:
    return [entry["id"] for entry in entries]


def _duplicates(values: list[str]) -> list[str]:
    seen, dupes = set(), []
    for value in values:
        if value in seen and value not in dupes:
            dupes.append(value)
        seen.add(value)
    return dupes


def _choice(q: dict) -> list[tuple[str, str]]:
    option_ids = _ids(q["options"])
    out = [("options", f"duplicate option id {d!r}") for d in _duplicates(option_ids)]
    keys = [q["answer"]] if q["kind"] == "single" else list(q["answer"])
    for key in keys:
        if key not in option_ids:
            out.append(("answer", f"correct answer {key!r} is not an option id "
                                  f"(options: {', '.join(option_ids)})"))
    return out


def _matching(q: dict) -> list[tuple[str, str]]:
    left, right = _ids(q["left"]), _ids(q["right"])
    out = [("left", f"duplicate item id {d!r}") for d in _duplicates(left)]
    out += [("right", f"duplicate item id {d!r}") for d in _duplicates(right)]
    answer = q["answer"]
    for left_id in left:
        if left_id not in answer:
            out.append(("answer", f"left item {left_id!r} has no pair in the answer"))
    for left_id, right_id in answer.items():
        if left_id not in left:
            out.append(("answer", f"{left_id!r} is not a left item id "
                                  f"(left: {', '.join(left)})"))
        if right_id not in right:
            out.append((f"answer.{left_id}", f"{right_id!r} is not a right item id "
                                             f"(right: {', '.join(right)})"))
    return out


def _ordering(q: dict) -> list[tuple[str, str]]:
    items = _ids(q["items"])
    out = [("items", f"duplicate item id {d!r}") for d in _duplicates(items)]
    if sorted(q["answer"]) != sorted(items):
        missing = [i for i in items if i not in q["answer"]]
        extra = [i for i in q["answer"] if i not in items]
        detail = "; ".join(filter(None, [
            missing and f"missing {', '.join(missing)}",
            extra and f"unknown {', '.join(extra)}",
            _duplicates(q["answer"]) and f"repeated {', '.join(_duplicates(q['answer']))}",
        ]))
        out.append(("answer", f"must list every item id exactly once ({detail})"))
    return out


def _text(q: dict) -> list[tuple[str, str]]:
    from .normalize import normalize_text

    out = []
    folds = tuple(q.get("fold", ()))
    for lang, variants in q["answer"].items():
        for index, variant in enumerate(variants):
            if not normalize_text(variant, folds):
                out.append((f"answer.{lang}[{index}]", "normalises to nothing (only "
                                                      "punctuation or spaces?)"))
    return out


def _likert(q: dict) -> list[tuple[str, str]]:
    out = []
    if "answer" in q:
        out.append(("answer", "a likert item has no correct answer; remove 'answer'"))
    labels = q.get("labels")
    if labels is not None and len(labels) != q.get("scale", 5):
        out.append(("labels", f"has {len(labels)} labels for a {q.get('scale', 5)}-point scale"))
    return out


def _truefalse(q: dict) -> list[tuple[str, str]]:
    return []


RULES = {"single": _choice, "multiple": _choice, "truefalse": _truefalse, "text": _text,
         "matching": _matching, "ordering": _ordering, "likert": _likert}

# fields only some kinds read: elsewhere they are a sign of a copy-paste slip
KIND_FIELDS = {
    "options": {"single", "multiple"}, "explain_true": {"truefalse"},
    "explain_false": {"truefalse"}, "fold": {"text"}, "left": {"matching"},
    "right": {"matching"}, "items": {"ordering"}, "scale": {"likert"}, "labels": {"likert"},
    "dimension": {"likert"},
    "form": {"single", "multiple", "truefalse", "text", "matching", "ordering"},
}


def check_question(q: dict) -> list[tuple[str, str]]:
    """(field, message) pairs for one schema-valid question."""
    out = [(field, f"a {q['kind']} question does not use '{field}' (only "
                   f"{'/'.join(sorted(kinds))})")
           for field, kinds in KIND_FIELDS.items() if field in q and q["kind"] not in kinds]
    return out + RULES[q["kind"]](q)


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


def duplicate_ids(banks: dict[str, dict]) -> list[Problem]:
    """Question ids used in more than one file (banks: display name -> validated bank)."""
    first: dict[str, str] = {}
    problems = []
    for name, bank in banks.items():
        for q in bank["questions"]:
            other = first.setdefault(q["id"], name)
            if other != name:
                problems.append(Problem(name, f"duplicate id: also defined in {other}",
                                        f"question {q['id']}", "id"))
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
    """The cross-file rules of question banks."""
    return duplicate_ids({name: bank for name, (_, bank) in files.items()}) \
        + course_map_problems(files)
