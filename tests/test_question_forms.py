"""Better questions (issue 16, point 7): every self-check of modules 01–09 and every graded item
of assignments a01–a09 says whether it is a scenario or a recall item, and at least half are
scenarios: per module bank, per assignment, and for a module's self-checks and its assignment
together.

Self-checks carry ``form:`` in data/questions; graded items are nbgrader cells, so their forms are
data in data/graded_objectives.yaml (``forms``, keyed by grade_id like ``items``). Module 00 is
the practice quiz on using the notebook and is left out; likert self-ratings are recorded, not
graded, and carry no form.
"""

from pathlib import Path

import pytest
import yaml

from course_lib.content import objectives as obj
from course_lib.content.bank_checks import check_question

ROOT = Path(__file__).resolve().parent.parent
BANKS = sorted((ROOT / "data" / "questions").glob("0[1-9]_*.yaml"))
ASSIGNMENTS = [f"a{n:02d}" for n in range(1, 10)]


def _items(path: Path) -> list[dict]:
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [q for q in bank["questions"] if q["kind"] != "likert"]


def test_nine_module_banks_are_checked():
    assert [p.name[:2] for p in BANKS] == [f"{n:02d}" for n in range(1, 10)]


@pytest.mark.parametrize("path", BANKS, ids=[p.stem for p in BANKS])
def test_every_self_check_declares_its_form(path):
    missing = [q["id"] for q in _items(path) if q.get("form") not in ("scenario", "recall")]
    assert missing == [], f"{path.name}: say 'form: scenario' or 'form: recall' for {missing}"


@pytest.mark.parametrize("path", BANKS, ids=[p.stem for p in BANKS])
def test_at_least_half_are_scenarios(path):
    items = _items(path)
    scenarios = [q["id"] for q in items if q.get("form") == "scenario"]
    assert 2 * len(scenarios) >= len(items), (
        f"{path.name}: {len(scenarios)} of {len(items)} self-checks are scenarios; "
        "turn a recall item into a short workplace scenario")


def test_a_likert_item_with_a_form_is_a_slip():
    likert = {"id": "m97.rate", "kind": "likert", "scale": 5, "form": "scenario",
              "prompt": {"mn": "Үнэлнэ үү.", "en": "Rate it."}}
    assert [field for field, _ in check_question(likert)] == ["form"]


def _graded(assignment: str) -> list[str]:
    """grade_id of every graded item of one assignment (the objective map lists them all)."""
    return sorted(g for g in obj.graded_objectives() if g.startswith(assignment + "-"))


def test_nine_assignments_have_graded_items():
    assert all(_graded(a) for a in ASSIGNMENTS)
    assert {g[:3] for g in obj.graded_objectives()} == set(ASSIGNMENTS)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_item_declares_its_form(assignment):
    forms = obj.graded_forms()
    missing = [g for g in _graded(assignment) if forms.get(g) not in ("scenario", "recall")]
    assert missing == [], (f"{assignment}: give {missing} a form (scenario or recall) under "
                           "forms: in data/graded_objectives.yaml")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_at_least_half_of_graded_items_are_scenarios(assignment):
    items, forms = _graded(assignment), obj.graded_forms()
    scenarios = [g for g in items if forms.get(g) == "scenario"]
    assert 2 * len(scenarios) >= len(items), (
        f"{assignment}: {len(scenarios)} of {len(items)} graded items are scenarios "
        f"({len(items) - len(scenarios)} recall); turn a recall item into a short workplace "
        "scenario")


@pytest.mark.parametrize("path", BANKS, ids=[p.stem for p in BANKS])
def test_at_least_half_of_a_module_with_its_assignment_are_scenarios(path):
    assignment = "a" + path.name[:2]
    forms = obj.graded_forms()
    checks = [q.get("form") for q in _items(path)]
    graded = [forms.get(g) for g in _graded(assignment)]
    together = checks + graded
    scenarios = together.count("scenario")
    assert 2 * scenarios >= len(together), (
        f"module {path.name[:2]} with {assignment}: {scenarios} of {len(together)} items are "
        f"scenarios (self-checks {checks.count('scenario')} of {len(checks)}, graded "
        f"{graded.count('scenario')} of {len(graded)})")


def _bank(module: str, forms: list[str | None]) -> dict:
    questions = []
    for n, form in enumerate(forms):
        q = {"id": f"{module}.q{n}", "kind": "truefalse", "answer": True,
             "prompt": {"mn": "Асуулт", "en": "Question"}}
        if form:
            q["form"] = form
        questions.append(q)
    questions.append({"id": f"{module}.rate", "kind": "likert", "scale": 5,
                      "prompt": {"mn": "Үнэлнэ үү.", "en": "Rate it."}})
    return {"schema_version": 1, "module": module, "questions": questions}


def test_validate_reports_the_scenario_share_per_module():
    from course_lib.content.question_forms import form_report

    lines, problems = form_report({"01.yaml": _bank("m01", ["scenario", "recall"]),
                                   "02.yaml": _bank("m02", ["scenario", "recall", "recall"]),
                                   "00.yaml": _bank("m00", [None])})
    assert lines == ["m01: 1 of 2 self-checks are scenarios (50%)",
                     "m02: 1 of 3 self-checks are scenarios (33%)"]
    assert [p.file for p in problems] == ["02.yaml"] and "33%" in problems[0].message


def test_the_share_is_not_enforced_until_every_self_check_has_a_form(monkeypatch):
    from course_lib.content import question_forms

    banks = {"01.yaml": _bank("m01", ["recall", None]), "02.yaml": _bank("m02", ["recall"])}
    lines, problems = question_forms.form_report(banks)
    assert problems == [] and "1 without a form" in lines[0] and "not enforced" in lines[-1]
    monkeypatch.setattr(question_forms, "FORM_REQUIRED", True)  # the switch after the merge
    lines, problems = question_forms.form_report(banks)
    assert sorted((p.file, p.field) for p in problems) == [
        ("01.yaml", "form"), ("01.yaml", "form"), ("02.yaml", "form")]


def test_make_validate_prints_the_share(capsys):
    from course_lib.content.validate import run

    run()
    out = capsys.readouterr().out
    assert all(f"validate: m0{n}: " in out for n in range(1, 10))


def test_the_schema_describes_form_as_the_content_branches_do():
    import json

    schema = json.loads((ROOT / "course_lib" / "content" / "schemas" / "question-bank.v1.json")
                        .read_text(encoding="utf-8"))
    assert schema["$defs"]["question"]["properties"]["form"] == {
        "description": "scenario: the trainee decides in a workplace situation; recall: the "
                       "trainee remembers a fact", "enum": ["scenario", "recall"]}
