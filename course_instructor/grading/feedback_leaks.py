"""Feedback step, last before a page is written: no hidden-test text in what the instructor wrote.

The check reads only instructor-derived cells: those whose id names a *locked* cell of the
gradebook's source notebook. OverwriteCells and ReadAsData have put the instructor's text back in
those at autograde, and their outputs come from instructor code run on answers read as data. Each
cell's source and outputs are read in every view a leak could hide in (plain, JSON-unescaped,
base64, hex, zlib: leak_decode.py).

A trainee's own cells (short answers, reflections, cells they added) are not read. Quoting
``### BEGIN HIDDEN TESTS`` or a guessed ``assert chosen == 2`` there only shows the trainee what
they typed, so their words cannot withhold a page or fail ``make feedback`` for the class
(issue 22).

The secrets come from the gradebook's own source cells (the hidden tests as the instructor wrote
them, for every assignment), so the check is the same on every route: ``make feedback``,
formgrader's Generate feedback and the class server. A leak raises FeedbackLeak: nbgrader then
writes no page for that submission, names it in its log and goes on with the others.
"""

from __future__ import annotations

import json

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from course_instructor.grading import keys, leak_decode


class FeedbackLeak(RuntimeError):
    """An instructor-derived cell of a feedback page still holds hidden-test text."""


def course_secrets(gb: Gradebook) -> set[str]:
    """Every hidden-test line of every source cell the gradebook holds, all assignments."""
    found: set[str] = set()
    for assignment in gb.assignments:
        for notebook in assignment.notebooks:
            for cell in notebook.source_cells:
                found |= keys.region_lines(cell.source or "")
    return found


def locked_ids(gb: Gradebook, notebook: str, assignment: str) -> set[str]:
    """The ids of the source notebook's locked cells: text the trainee cannot change."""
    try:
        source = gb.find_notebook(notebook, assignment)
    except MissingEntry:
        return set()
    return {cell.name for cell in source.source_cells if cell.locked}


def instructor_cells(nb, locked: set[str]):
    """(index, cell) of every cell whose id is a locked source cell's."""
    for index, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in locked:
            yield index, cell


def leaks(nb, locked: set[str], secrets: set[str]) -> list[str]:
    """"cell <id>: <what>" for every marker or secret line in an instructor-derived cell."""
    found = []
    for index, cell in instructor_cells(nb, locked):
        outputs = json.dumps(cell.get("outputs", []), ensure_ascii=False)
        text = (cell.get("source", "") + "\n" + outputs).encode("utf-8")
        hits = {hit for view in leak_decode.views(text)
                for hit in keys.find_leaks(view, secrets, keys.HIDDEN_MARKERS)}
        grade_id = cell.metadata.nbgrader["grade_id"]
        found += [f"cell {index + 1} ({grade_id}): {hit!r}" for hit in sorted(hits)]
    return found


class FeedbackLeakCheck(NbGraderPreprocessor):
    """Refuse to write a feedback page whose instructor-derived cells hold hidden-test text."""

    # nbconvert registers a preprocessor only when it is enabled; stock ones default to off
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            secrets = course_secrets(gb)
            locked = locked_ids(gb, info["notebook"], info["assignment"])
        problems = leaks(nb, locked, secrets)
        if problems:
            raise FeedbackLeak(
                f"feedback withheld for trainee {info['student']}, assignment "
                f"{info['assignment']}, notebook {info['notebook']}: hidden-test text in "
                + "; ".join(problems))
        return nb, resources
