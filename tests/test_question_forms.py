"""Better questions (issue 16, point 7): every self-check of modules 01–09 says whether it is a
scenario or a recall item, and at least half of each module's self-checks are scenarios.

Module 00 is the practice quiz on using the notebook and is left out; likert self-ratings are
recorded, not graded, and carry no form.
"""

from pathlib import Path

import pytest
import yaml

from course_lib.content.bank_checks import check_question

ROOT = Path(__file__).resolve().parent.parent
BANKS = sorted((ROOT / "data" / "questions").glob("0[1-9]_*.yaml"))


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
