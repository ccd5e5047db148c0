"""Module objectives, data/objectives.yaml (schema objectives.v1.json), and which item checks which.

Self-check questions name their objective in the bank (``objective: m05.o3``); graded items are
mapped by nbgrader grade_id in data/graded_objectives.yaml (``items``), which also says whether
each is a scenario or a recall item (``forms``). The class dashboard reads the objectives.
"""

from __future__ import annotations

from functools import lru_cache

from ..paths import data_dir
from .loading import ContentError, Kind, Problem, load_content


def _known() -> dict[str, dict] | None:
    # a missing or broken objectives file is reported on its own, not once per item
    try:
        return objectives()
    except (ContentError, OSError):
        return None


def semantic_problems(name: str, data: dict) -> list[Problem]:
    """Ids unique and each id starts with its module."""
    problems, seen = [], set()
    for item in data["objectives"]:
        where = f"objective {item['id']}"
        if item["id"] in seen:
            problems.append(Problem(name, "duplicate objective id", where, "id"))
        seen.add(item["id"])
        if not item["id"].startswith(item["module"] + "."):
            problems.append(Problem(name, f"id must start with {item['module']}.", where, "id"))
    return problems


@lru_cache(maxsize=1)
def objectives() -> dict[str, dict]:
    """Every objective by id, in module order."""
    data = load_content(data_dir() / "objectives.yaml", OBJECTIVES)
    return {item["id"]: item for item in data["objectives"]}


@lru_cache(maxsize=1)
def graded_objectives() -> dict[str, str]:
    """nbgrader grade_id -> objective id, for every graded cell in assignments/source."""
    return dict(load_content(data_dir() / "graded_objectives.yaml", GRADED_OBJECTIVES)["items"])


@lru_cache(maxsize=1)
def graded_forms() -> dict[str, str]:
    """nbgrader grade_id -> "scenario" or "recall"; empty when the file declares no forms."""
    data = load_content(data_dir() / "graded_objectives.yaml", GRADED_OBJECTIVES)
    return dict(data.get("forms") or {})


def _form_problems(name: str, data: dict) -> list[Problem]:
    # forms is optional; once present it covers exactly the items, so no item goes unjudged
    if "forms" not in data:
        return []
    items, forms = data["items"], data["forms"]
    return ([Problem(name, "has a form but is not in items", f"item {grade_id}", "forms")
             for grade_id in forms if grade_id not in items]
            + [Problem(name, "has no form (scenario or recall)", f"item {grade_id}", "forms")
               for grade_id in items if grade_id not in forms])


def graded_problems(name: str, data: dict) -> list[Problem]:
    """Every mapped item names an objective that exists; forms, if given, match the items."""
    problems = _form_problems(name, data)
    known = _known()
    if known is None:
        return problems
    return problems + [
        Problem(name, f"no objective {target!r} in data/objectives.yaml", f"item {grade_id}")
        for grade_id, target in data["items"].items() if target not in known]


def question_problems(name: str, bank: dict) -> list[Problem]:
    """A course bank: every question names an existing objective of its own module."""
    known = _known()
    if known is None:
        return []
    problems = []
    for question in bank["questions"]:
        target = question.get("objective")
        where = f"question {question['id']}"
        if target is None:
            problems.append(Problem(name, "names no objective (objective: mNN.oK)", where,
                                    "objective"))
        elif target not in known:
            problems.append(Problem(name, f"no objective {target!r} in data/objectives.yaml",
                                    where, "objective"))
        elif not question["id"].startswith(target.split(".")[0] + ".") and bank["module"] != "m09":
            problems.append(Problem(name, f"objective {target} is another module's", where,
                                    "objective"))
    return problems


OBJECTIVES = Kind("objectives", "objectives.v1.json", "objectives.yaml", "objectives",
                  rules=semantic_problems, load=objectives)
GRADED_OBJECTIVES = Kind("graded_objectives", "graded-objectives.v1.json",
                         "graded_objectives.yaml", "items", rules=graded_problems,
                         load=graded_objectives)
