"""Protect the course cells from stray keys: nbformat's `deletable` and `editable` metadata.

Every cell a notebook ships with is `deletable: false` (JupyterLab's delete-cells command skips
it, so `d d` on a focused question removes nothing). Markdown cells and the one-line library
calls (`cl.quiz(...)`, `import course_lib as cl`) are also `editable: false`: a trainee answers
in the widgets, never in the code. Cells a trainee adds stay free. Running it twice changes
nothing; `--check` exits 1 when a notebook is out of date (a test runs it).
"""

from __future__ import annotations

import re

from course_instructor.authoring import (
    notebook_cli,  # tools/ is on the path when a tool runs as a script
)
from course_instructor.repo import REPO as ROOT

NOTEBOOKS = ROOT / "notebooks"
# Only course_lib calls and its import: anything else is left editable.
LIBRARY_LINE = re.compile(r"^\s*(import course_lib as cl|cl\.\w+\(.*\))\s*$")


def is_library_call(source: str) -> bool:
    lines = [line for line in source.splitlines() if line.strip()]
    return bool(lines) and all(LIBRARY_LINE.match(line) for line in lines)


def wanted(cell) -> dict:
    editable = not (cell.cell_type == "markdown" or
                    (cell.cell_type == "code" and is_library_call(cell.source)))
    return {"deletable": False, "editable": editable}


def _lock(nb, _path) -> bool:
    dirty = False
    for cell in nb.cells:
        for key, value in wanted(cell).items():
            if cell.metadata.get(key, True) != value:
                cell.metadata[key] = value
                dirty = True
            elif value is True and key in cell.metadata:
                del cell.metadata[key]  # true is nbformat's default: keep the file clean
                dirty = True
    return dirty


def update(check: bool = False, paths=None) -> list[str]:
    return notebook_cli.rewrite(paths or sorted(NOTEBOOKS.glob("*.ipynb")), _lock, check)


if __name__ == "__main__":
    notebook_cli.run(update, "cell locks")
