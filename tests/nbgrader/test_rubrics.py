"""Every hand-graded reflection carries its rubric: criteria with points per level.

The trainee sees it in the released notebook (the locked prompt cell above the answer, and
the answer cell's first line); the grader sees it in the graded cell itself in formgrader.
The rubric's top points must add up to the points nbgrader gives the cell.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbgrader_submissions import REPO

pytestmark = pytest.mark.nbgrader

LEVEL = re.compile(r"^(\d+) оноо$")
SUMMARY = re.compile(r"^\*\*Үнэлгээ / rubric \((\d+) оноо\):\*\*(.*?)Дэлгэрэнгүйг", re.MULTILINE)
SUMMARY_PART = re.compile(r"^(.+?) (\d+)–(\d+)$")
EMPTY = {"", "—", "-"}


def manual_cells(nb) -> list[tuple[int, dict]]:
    """(index, cell) of every manually graded answer or task cell."""
    found = []
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("task") or (meta.get("grade") and meta.get("solution")
                                and cell.cell_type == "markdown"):
            found.append((i, cell))
    return found


def rubric_table(markdown: str) -> dict[str, int]:
    """criterion (its bold Mongolian name) -> top points, from the markdown rubric table."""
    lines = [line.strip() for line in markdown.splitlines() if line.strip().startswith("|")]
    assert len(lines) >= 3, "no rubric table"
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    levels = [int(LEVEL.match(c)[1]) for c in header[1:]]
    assert levels == sorted(levels) and levels[0] == 0 and len(levels) >= 2, header
    rows = {}
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        name = re.match(r"\*\*(.+?)\*\*", cells[0])
        assert name and len(cells) == len(header), line
        described = [lvl for lvl, text in zip(levels, cells[1:], strict=True) if text not in EMPTY]
        assert described == levels[: len(described)] and len(described) >= 2, line
        rows[name[1]] = described[-1]
    return rows


def rubric_summary(source: str) -> tuple[int, dict[str, int]]:
    """(total, criterion -> top points) from the answer cell's first-line rubric summary."""
    found = SUMMARY.search(source)
    assert found, "no rubric summary line"
    parts = {}
    for part in found[2].strip().rstrip(".").split("·"):
        m = SUMMARY_PART.match(part.strip())
        assert m and m[2] == "0", part
        parts[m[1].strip().strip('"')] = int(m[3])
    return int(found[1]), parts


def check_rubrics(nb, where: str) -> int:
    checked = 0
    for i, cell in manual_cells(nb):
        points = cell.metadata["nbgrader"]["points"]
        gid = cell.metadata["nbgrader"]["grade_id"]
        prompt = nb.cells[i - 1]
        assert prompt.cell_type == "markdown" and prompt.metadata["nbgrader"].get("locked"), gid
        table = rubric_table(prompt.source)
        assert sum(table.values()) == points, f"{where} {gid}: table tops {table} != {points}"
        total, summary = rubric_summary(cell.source)
        assert total == points, f"{where} {gid}: summary says {total}, cell has {points}"
        assert summary == {name.strip('"'): top for name, top in table.items()}, (where, gid)
        checked += 1
    return checked


def test_parser_rejects_a_table_without_levels():
    with pytest.raises((AssertionError, TypeError)):
        rubric_table("| Шалгуур | сайн | муу |\n|---|---|---|\n| **А** | x | y |")


@pytest.mark.parametrize("notebook", sorted((REPO / "assignments" / "source").glob("*/*.ipynb")),
                         ids=lambda p: p.stem)
def test_source_rubrics_match_points(notebook):
    """For the grader: the graded cell itself states the rubric that adds up to its points."""
    assert check_rubrics(nbformat.read(notebook, as_version=4), notebook.stem) >= 1


def test_released_rubrics_visible_to_trainee(course, assignments):
    for aid in assignments:
        released = nbformat.read(course / "release" / aid / f"{aid}.ipynb", as_version=4)
        assert check_rubrics(released, f"release/{aid}") >= 1, aid
        for _, cell in manual_cells(released):
            assert "BEGIN SOLUTION" not in cell.source and "Үнэлэгчид" not in cell.source
