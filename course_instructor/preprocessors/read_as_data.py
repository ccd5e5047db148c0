"""Autograde step: a submission is read as data, never run as the trainee wrote it.

Runs in nbgrader's sanitize pass, after OverwriteCells (configured in nbgrader_config.py, so
`make autograde`, `nbgrader autograde` and formgrader all use it). Every code cell that will
run afterwards is instructor code from the gradebook's copy of the source notebook:
- a short-answer cell keeps only the string literal of ``answer = "..."``, read with ``ast``;
  anything else there is graded as an empty answer, and the trainee's text stays visible as
  comments with a note saying why;
- cells the trainee added (or pasted copies of a graded cell, whose id DeduplicateIds cleared)
  become raw cells: kept for the grader to read, never executed;
- every other code cell gets the source notebook's text back.
Widget answers stay in answers.json, which the kernel reads as JSON.
"""

from __future__ import annotations

import ast

from nbformat.v4 import new_raw_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from course_lib.i18n import t


def _both(key: str) -> str:
    return f"{t(key, 'mn')} / {t(key, 'en')}"


def answer_literal(source: str) -> str | None:
    """The string of a cell that is exactly ``answer = "<text>"`` (comments allowed), else None."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return None
    node = tree.body[0]
    if (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "answer" and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)):
        return node.value.value
    return None


def as_comment(text: str) -> str:
    # splitlines breaks on every character Python treats as a line end (and more), so no
    # trainee line can escape its comment
    return "\n".join("# " + line for line in text.splitlines())


class ReadAsData(NbGraderPreprocessor):
    """Replace trainee code by instructor code plus the trainee's answers as literals."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
            source = {c.name: (c.cell_type, c.source) for c in notebook.source_cells}
            solutions = {c.name for c in notebook.solution_cells}
        seen: set[str] = set()
        cells = []
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id not in source or grade_id in seen:
                cells.append(self._not_run(cell))
                continue
            seen.add(grade_id)
            kind, text = source[grade_id]
            if kind == "code" and cell.cell_type == "code":
                cell.source = self._answer(cell.source) if grade_id in solutions else text
            elif cell.cell_type == "code":  # a markdown cell's id on code (OverwriteCells turns
                cell = self._not_run(cell)  # it back first): never run here either
            cells.append(cell)
        nb.cells = cells
        return nb, resources

    @staticmethod
    def _answer(source: str) -> str:
        literal = answer_literal(source)
        if literal is not None:
            return f"answer = {literal!r}"
        return (f"{as_comment(source)}\n# ({_both('graded.not_literal')})\n"
                f'answer = ""')

    @staticmethod
    def _not_run(cell):
        if cell.cell_type == "markdown":
            cell.metadata.pop("nbgrader", None)
            return cell
        note = _both("graded.cell_not_run")
        # text/plain: no exporter renders it as HTML (an empty raw_mimetype would be)
        return new_raw_cell(f"# ({note})\n{cell.get('source', '')}",
                            metadata={"raw_mimetype": "text/plain"})
