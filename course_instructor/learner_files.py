"""dist/learner as a trainee opens it: notebooks without the instructor's run, and a check.

The notebooks learner-dist copies come from the instructor's working tree, where they have
usually been run: their outputs hold widget views (on Binder each shows "Error displaying
widget: model not found") and setup's line naming the instructor's own record
(``/home/<instructor>/.course_innovation/progress.db``). Git holds them stripped
(``make strip``), but the copy is made from the files on disk, so the copy is stripped here,
with nbformat alone (a class server's instructor environment may lack nbstripout).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

# per-cell records of a run (nbstripout's defaults); nbgrader's and the lock's metadata stay
RUN_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")
# a home folder on Linux, macOS or Windows, in a path or a JSON-escaped path
HOME_PATH = re.compile(r"(?<![\w.~])(?:/home/[^/\s\"'\\]+|/Users/[^/\s\"'\\]+|/root)(?=/)"
                       r"|\b[A-Za-z]:\\{1,2}Users\\{1,2}")


def strip_notebook(nb) -> None:
    """Remove outputs, execution counts and widget state from ``nb`` (nbformat 4), in place."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in RUN_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def strip_notebooks(tree: Path) -> int:
    """Strip every notebook under ``tree``; returns how many were changed."""
    changed = 0
    for path in sorted(tree.rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        strip_notebook(nb)
        after = nbformat.writes(nb)
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed += 1
    return changed


def run_traces(path: Path, rel: str) -> list[str]:
    """What in one notebook file is left of a run."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [f"{rel}: not a readable notebook"]
    problems = []
    if "widgets" in nb.get("metadata", {}):
        problems.append(f"{rel}: saved widget state (metadata.widgets)")
    for n, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("outputs"):
            problems.append(f"{rel}: cell {n} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{rel}: cell {n} has an execution count")
    return problems


def instructor_traces(tree: Path, own_paths: list[Path]) -> list[str]:
    """Every executed output and every absolute path of the instructor's machine under
    ``tree``: ``own_paths`` (the repository, the course root, the home folder) and any home
    folder at all. Binary files (compiled catalogues, images) are not read."""
    needles = sorted({str(p) for p in own_paths if len(Path(p).parts) > 2}, key=len,
                     reverse=True)
    problems = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        rel = str(path.relative_to(tree))
        if path.suffix == ".ipynb":
            problems += run_traces(path, rel)
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        unescaped = text.replace("\\\\", "\\").replace("\\/", "/")  # as JSON writes paths
        found = [n for n in needles if n in text or n in unescaped]
        found += [m.group(0) for m in HOME_PATH.finditer(text)]
        if found:
            problems.append(f"{rel}: absolute path {found[0]!r}")
    return problems
