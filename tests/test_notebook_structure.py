"""Every module notebook opens and closes the same way and holds no logic.

Checked for every notebooks/NN_*.ipynb that exists (00-09): a title cell (# NN. Title,
a purpose, 3-5 numbered objectives, the time), then the setup call with its module id; code
cells that are one-line library calls; the prev/next marker cell at the end. Modules 01-04
are also checked for the parts their issue asks for.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TITLES = {m["id"]: m["title"]["mn"] for m in
          yaml.safe_load((ROOT / "data" / "modules.yaml").read_text(encoding="utf-8"))["modules"]}
CALL = re.compile(r"^cl\.[a-z_]+\((\"[^\"\n]*\"(, *[a-z_]+=[^,()\n]+)*)?\)$")


def cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [{**c, "text": "".join(c["source"]) if isinstance(c["source"], list) else c["source"]}
            for c in nb["cells"]]


def module_id(path: Path) -> str:
    return "m" + path.name[:2]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_title_purpose_objectives_time(path):
    first = cells(path)[0]
    assert first["cell_type"] == "markdown"
    lines = [line.strip() for line in first["text"].splitlines() if line.strip()]
    number = path.name[:2]
    assert lines[0] == f"# {number}. {TITLES[module_id(path)]}", "title: '# NN. <modules.yaml>'"
    objectives = [line for line in lines if re.match(r"^\d+\.\s", line)]
    assert 3 <= len(objectives) <= 5, f"{len(objectives)} objectives"
    first_objective = lines.index(objectives[0])
    assert any(not line.startswith("#") for line in lines[1:first_objective]), "no purpose line"
    assert re.search(r"\d+\s*минут", first["text"]), "no estimated time in minutes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_second_cell_is_the_setup_call(path):
    setup = cells(path)[1]
    assert setup["cell_type"] == "code"
    assert setup["text"].strip() == f'import course_lib as cl\ncl.setup("{module_id(path)}")'


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_one_line_library_calls(path):
    for index, cell in enumerate(cells(path)[2:], start=2):
        if cell["cell_type"] != "code":
            continue
        source = cell["text"].strip()
        assert "\n" not in source, f"cell {index} has more than one line: {source!r}"
        assert CALL.match(source), f"cell {index} is not a library call: {source!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ends_with_the_navigation_marker(path):
    last = cells(path)[-1]
    assert last["cell_type"] == "markdown"
    text = last["text"].strip()
    assert text.startswith("<!-- nav:start -->") and text.endswith("<!-- nav:end -->")


MODULES_01_09 = [p for p in NOTEBOOKS if p.name[:2] != "00"]


@pytest.mark.parametrize("path", MODULES_01_09, ids=lambda p: p.name)
def test_modules_01_09_have_every_part(path):
    all_cells = cells(path)
    calls = [c["text"].strip() for c in all_cells[2:] if c["cell_type"] == "code"]
    mid = module_id(path)
    assert any(c.startswith("cl.explore(") for c in calls)
    assert any(c.startswith(f'cl.case("{mid}.') for c in calls)
    assert f'cl.plan_form("{mid}")' in calls
    from course_lib.content.bank import load_questions

    bank = [q.id for q in load_questions() if q.module == mid]
    asked = [re.search(r'"([^"]+)"', c).group(1) for c in calls if c.startswith("cl.quiz(")]
    shown = set(bank) if mid in asked else {a for a in asked if a in bank}
    assert len(shown) >= 6 and len(set(asked) - set(bank) - {mid}) == 0
    kinds = {q.kind for q in load_questions() if q.id in shown}
    assert len(kinds) >= 3, f"the self-check mixes kinds: {kinds}"
    hidden = [c for c in all_cells[2:] if c["cell_type"] == "code"
              and not c["metadata"].get("jupyter", {}).get("source_hidden")]
    assert hidden == [], "library calls after setup are collapsed"
    prose = "\n".join(c["text"] for c in all_cells if c["cell_type"] == "markdown")
    assert "2019 оны илтгэлийн" in prose and "\n> " in prose, "deck quotes, labelled"
    assert re.search(r"^##.*[Дд]үгнэлт", prose, re.M), "a summary section"
