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
