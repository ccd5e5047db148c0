"""Short answers the hidden tests did not accept, and accepting one for a whole class.

A short-answer item aNN.tK has an answer cell (grade id aNN-tK-answer, `answer = "..."`) and
a test cell (aNN-tK-test) whose hidden part calls `cl.graded_text(answer, [accepted, ...])`.
The accepted list lives there and nowhere else (keys.py reads keys the same way), so

    course-instructor accept aNN.tK "answer"

adds the answer to that list in source/, generates the assignment again (the gradebook keeps
the test cells' source, which autograde puts back), grades again every submission whose answer
to the item was not accepted, and writes their feedback again. Formgrader's manual score for
one trainee stays as it is: autograde writes only the automatic score.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat

from course_instructor.grading import keys

ITEM = re.compile(r"(a\d\d)\.(t\d+)")
TEST = re.compile(r"(a\d\d)-(t\d+)-test")
CALL = "cl.graded_text("


class AcceptError(Exception):
    """The item or its accepted list cannot be found or changed; said in one line."""


def item_of(grade_id: str) -> str | None:
    """a01-t1-test -> a01.t1; None for any other cell."""
    found = TEST.fullmatch(grade_id)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def written(root: Path, student: str, aid: str, item: str) -> str | None:
    """The answer a trainee wrote to ``item``, read as data from the autograded notebook."""
    path = root / "autograded" / student / aid / f"{aid}.ipynb"
    answer_id = item.replace(".", "-") + "-answer"
    try:
        cells = nbformat.read(path, as_version=4).cells
    except (OSError, ValueError):
        return None
    for cell in cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") != answer_id:
            continue
        try:
            tree = ast.parse(cell.source)
        except (SyntaxError, ValueError):
            return None
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "answer"
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                return node.value.value
    return None


def shown(text: str) -> str:
    """One form per answer: spacing collapsed, case folded (what a reader counts as the same)."""
    return " ".join(text.split()).casefold()


def unaccepted(root: Path, failed) -> list[dict]:
    """``failed``: (assignment, student, grade id) of test cells below full marks. One row per
    item and distinct non-empty answer: item, answer, count, students; most written first."""
    groups: dict[tuple[str, str], dict] = {}
    for aid, student, grade_id in failed:
        item = item_of(grade_id)
        text = written(root, student, aid, item) if item else None
        if not text or not text.strip():
            continue  # unanswered: nothing to accept
        row = groups.setdefault((item, shown(text)), {
            "item": item, "assignment": aid, "answer": " ".join(text.split()), "students": []})
        row["students"].append(student)
    rows = [dict(r, count=len(r["students"])) for r in groups.values()]
    return sorted(rows, key=lambda r: (r["item"], -r["count"], r["answer"]))


def failed_cells(gb) -> list[tuple[str, str, str]]:
    """(assignment, student, grade id) of every short-answer test cell below full marks, read
    through nbgrader's Gradebook API (a manual score set in formgrader counts, as in nbgrader)."""
    out = []
    for a in gb.assignments:
        for nb in a.notebooks:
            for sub in gb.notebook_submissions(nb.name, a.name):
                for grade in sub.grades:
                    if item_of(grade.name) and grade.score < grade.max_score:
                        out.append((a.name, sub.student.id, grade.name))
    return out


def add_accepted(root: Path, item: str, answer: str) -> tuple[str, bool]:
    """Add ``answer`` to ``item``'s accepted list in source/; (assignment, added?)."""
    found = ITEM.fullmatch(item)
    if not found:
        raise AcceptError(f"{item!r} is not a short-answer item (aNN.tK, e.g. a01.t1)")
    if not answer.strip():
        raise AcceptError("an empty answer cannot be accepted")
    test_id = f"{found.group(1)}-{found.group(2)}-test"
    for path in keys.source_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") != test_id:
                continue
            source, added = _with_answer(cell.source, answer, item)
            if added:
                cell.source = source
                nbformat.write(nb, path)
            return path.parent.name, added
    raise AcceptError(f"no autograder cell {test_id} in {root / 'source'}")


def _with_answer(source: str, answer: str, item: str) -> tuple[str, bool]:
    hidden = keys.HIDDEN.search(source)
    lines = source.split("\n")
    start = source[: hidden.start(1)].count("\n") if hidden else len(lines)
    for n in range(start, len(lines)):
        line = lines[n]
        if CALL not in line:
            continue
        indent = len(line) - len(line.lstrip())
        try:
            call = next(c for c in ast.walk(ast.parse(line.strip()))
                        if isinstance(c, ast.Call) and ast.unparse(c.func) == "cl.graded_text")
        except (SyntaxError, StopIteration):
            break
        listed = call.args[1] if len(call.args) > 1 else None
        if not isinstance(listed, ast.List) or listed.end_lineno != 1:
            break
        accepted = ast.literal_eval(listed)
        if answer in accepted:
            return source, False
        # ast's columns count UTF-8 bytes: splice the line as bytes, before its closing bracket
        raw, at = line.encode("utf-8"), indent + listed.end_col_offset - 1
        text = json.dumps(answer, ensure_ascii=False)  # a valid Python string literal too
        lines[n] = (raw[:at] + ((", " if accepted else "") + text).encode("utf-8")
                    + raw[at:]).decode("utf-8")
        return "\n".join(lines), True
    raise AcceptError(f"the hidden test of {item} has no one-line "
                      f"`cl.graded_text(answer, [...])` list to add to")
