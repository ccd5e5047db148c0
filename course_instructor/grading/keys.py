"""What the source notebooks of the assignments hold that learners must never see.

Read by course_instructor/commands.py (leak checks on release, feedback and learner-dist), by
tests/nbgrader and by bench/autograde.py (to answer the widget items correctly).
The keys are read out of the hidden tests themselves, so there is no second copy.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat

HIDDEN = re.compile(r"BEGIN HIDDEN TESTS\s*\n(.*?)\n[^\n]*END HIDDEN TESTS", re.DOTALL)
SOLUTION = re.compile(r"BEGIN SOLUTION\s*\n(.*?)\n[^\n]*END SOLUTION", re.DOTALL)
ITEM = re.compile(r'cl\.graded_answer\(\s*"([^"]+)"')
KEY = re.compile(r"^\s*assert chosen == (.+?)\s*$", re.MULTILINE)
HIDDEN_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
MARKERS = (*HIDDEN_MARKERS, "BEGIN SOLUTION", "END SOLUTION")


def source_notebooks(course_root: Path) -> list[Path]:
    """assignments/source/aNN_slug/aNN_slug.ipynb, sorted."""
    return sorted(Path(course_root, "source").glob("*/*.ipynb"))


def widget_keys(notebook: Path) -> dict:
    """item id -> correct answer, read from each autograder cell's hidden test."""
    keys = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        item, hidden = ITEM.search(cell.source), HIDDEN.search(cell.source)
        if item and hidden:
            key = KEY.search(hidden.group(1))
            if key:
                keys[item.group(1)] = ast.literal_eval(key.group(1))
    return keys


def secret_lines(notebook: Path, solutions: bool = True, min_chars: int = 12) -> set[str]:
    """Every line of a hidden test (and solution) region, long enough to be a telling match.

    Feedback checks leave solutions out: a trainee who typed the right answer sees it again.
    """
    lines = set()
    for cell in nbformat.read(notebook, as_version=4).cells:
        lines |= region_lines(cell.source, HIDDEN, min_chars)
        if solutions:
            lines |= region_lines(cell.source, SOLUTION, min_chars)
    return lines


def region_lines(source: str, region=HIDDEN, min_chars: int = 12) -> set[str]:
    """The lines of one cell's hidden-test (or solution) regions, long enough to be telling."""
    return {line.strip() for found in region.findall(source)
            for line in found.splitlines() if len(line.strip()) >= min_chars}


def html_text(page: str) -> str:
    """The visible text of an HTML page: syntax highlighting splits code into many tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def find_leaks(text: str, secrets: set[str], markers: tuple[str, ...] = MARKERS) -> list[str]:
    """The nbgrader markers and secret lines that occur in ``text``."""
    return [m for m in markers if m in text] + sorted(line for line in secrets if line in text)


def graded_prompts(notebook: Path) -> dict[str, dict]:
    """item id -> {"mn", "en"} prompt of every autograded item (choice widgets and short text).

    Choice prompts are read from the ``cl.graded_item`` call; a short-text prompt is the
    markdown cell just above its answer cell, its English part in *italics*.
    """
    prompts, cells = {}, nbformat.read(notebook, as_version=4).cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and "cl.graded_item(" in cell.source:
            call = ast.parse(cell.source).body[0].value
            item, prompt = (ast.literal_eval(a) for a in call.args[:2])
            prompts[item] = prompt if isinstance(prompt, dict) else {"mn": prompt, "en": prompt}
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if re.fullmatch(r"a\d\d-t\d+-answer", grade_id) and i > 0:
            first = cells[i - 1].source.split("\n\n")[0]
            body = re.sub(r"^\*\*[^*]*\*\*\s*", "", first)
            en = " ".join(re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", body))
            mn = re.sub(r"(?<!\*)\*[^*]+\*(?!\*)", "", body)
            item = grade_id[:3] + "." + grade_id.split("-")[1]
            prompts[item] = {"mn": mn.strip(), "en": en.strip()}
    return prompts
