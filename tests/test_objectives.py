"""Objectives as data: every self-check question and every graded item names an existing
objective (data/objectives.yaml), and every objective has at least one item."""

import json
from pathlib import Path

import yaml

from course_lib.content import objectives as obj
from course_lib.content.kinds import load_content

ROOT = Path(__file__).resolve().parent.parent


def _graded_cells() -> dict[str, str]:
    """grade_id -> notebook, for every graded cell in assignments/source."""
    found = {}
    for path in sorted((ROOT / "assignments" / "source").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                found[meta["grade_id"]] = path.name
    return found


def _questions() -> dict[str, str | None]:
    found = {}
    for path in sorted((ROOT / "data" / "questions").glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            found[q["id"]] = q.get("objective")
    return found


def test_objectives_file_has_the_dashboard_format():
    data = load_content(ROOT / "data" / "objectives.yaml", "objectives")
    assert data["schema_version"] == 1
    first = data["objectives"][0]
    assert set(first) == {"id", "module", "text"} and set(first["text"]) == {"mn", "en"}
    modules = {m["id"] for m in load_content(ROOT / "data" / "modules.yaml", "modules")["modules"]}
    assert {o["module"] for o in data["objectives"]} == modules


def test_every_objective_is_stated_in_its_notebook():
    counts: dict[str, int] = {}
    for o in obj.objectives().values():
        counts[o["module"]] = counts.get(o["module"], 0) + 1
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        head = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        numbered = [line for line in head.splitlines() if line[:2].rstrip(".").isdigit()
                    and line[1:3] == ". "]
        assert len(numbered) == counts[f"m{path.name[:2]}"], path.name


def test_every_question_maps_to_an_existing_objective():
    known = obj.objectives()
    bad = {qid: target for qid, target in _questions().items() if target not in known}
    assert not bad, f"questions with no or an unknown objective: {bad}"


def test_every_graded_item_maps_to_an_existing_objective():
    graded, mapped, known = _graded_cells(), obj.graded_objectives(), obj.objectives()
    assert len(graded) > 50
    assert sorted(set(graded) - set(mapped)) == [], "graded cells missing from graded_objectives"
    assert sorted(set(mapped) - set(graded)) == [], "graded_objectives names cells that are gone"
    assert {g: o for g, o in mapped.items() if o not in known} == {}
    # an assignment checks its own module's objectives
    assert {g: o for g, o in mapped.items() if o[1:3] != g[1:3]} == {}


def test_every_objective_has_items():
    used = set(_questions().values()) | set(obj.graded_objectives().values())
    assert sorted(set(obj.objectives()) - used) == []


def test_validate_names_a_question_without_objective():
    bank = {"module": "m01", "questions": [{"id": "m01.x"}, {"id": "m01.y", "objective": "m01.o9"},
                                           {"id": "m01.z", "objective": "m02.o1"}]}
    problems = [str(p) for p in obj.question_problems("01_x.yaml", bank)]
    assert len(problems) == 3
    assert "m01.x" in problems[0] and "names no objective" in problems[0]
    assert "m01.o9" in problems[1] and "another module" in problems[2]


def test_validate_names_forms_that_do_not_match_the_items():
    data = {"schema_version": 1, "items": {"a01-q1-test": "m01.o1", "a01-q2-test": "m01.o1"},
            "forms": {"a01-q1-test": "scenario", "a01-zz-test": "recall"}}
    problems = [str(p) for p in obj.graded_problems("graded_objectives.yaml", data)]
    assert len(problems) == 2
    assert "item a01-zz-test" in problems[0] and "not in items" in problems[0]
    assert "item a01-q2-test" in problems[1] and "has no form" in problems[1]
    # forms is optional: without it there is nothing to match
    del data["forms"]
    assert obj.graded_problems("graded_objectives.yaml", data) == []


def test_a_form_outside_the_two_values_fails_the_schema():
    from course_lib.content.loading import schema_problems
    from course_lib.content.objectives import GRADED_OBJECTIVES

    data = {"schema_version": 1, "items": {"a01-q1-test": "m01.o1"},
            "forms": {"a01-q1-test": "application"}}
    problems = [str(p) for p in schema_problems("graded_objectives.yaml", GRADED_OBJECTIVES,
                                                data)]
    assert len(problems) == 1 and "forms" in problems[0]
