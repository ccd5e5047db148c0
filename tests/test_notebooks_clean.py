"""Git holds clean notebooks: no outputs, no execution counts, no saved widget state."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked_notebooks() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in out.stdout.splitlines() if line]


def _committed(path: str) -> dict:
    # what git holds, not the working copy: the filter may clean the file on the way in
    blob = subprocess.run(
        ["git", "show", f"HEAD:{path}"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return json.loads(blob)


def problems(nb: dict) -> list[str]:
    found = []
    if "widgets" in nb.get("metadata", {}):
        found.append("saved widget state in notebook metadata")
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {i} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i} has an execution count")
    return found


def test_some_notebooks_are_tracked():
    assert "notebooks/00_welcome.ipynb" in _tracked_notebooks()


@pytest.mark.parametrize("path", _tracked_notebooks())
def test_committed_notebook_is_clean(path):
    assert problems(_committed(path)) == []


def test_the_check_catches_outputs_and_widget_state():
    dirty = {
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {}}},
        "cells": [
            {"cell_type": "code", "execution_count": 3, "outputs": [{"output_type": "stream"}]}
        ],
    }
    assert len(problems(dirty)) == 3


def test_nbgrader_metadata_survives_stripping(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    cell = new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "q1", "solution": True}})
    cell.outputs = [new_output("stream", text="noise")]
    cell.execution_count = 1
    path = tmp_path / "a.ipynb"
    nbformat.write(new_notebook(cells=[cell]), path)
    subprocess.run(["nbstripout", str(path)], check=True)
    stripped = json.loads(path.read_text())
    assert problems(stripped) == []
    assert stripped["cells"][0]["metadata"]["nbgrader"]["grade_id"] == "q1"


@pytest.mark.parametrize("path", _tracked_notebooks())
def test_notebook_names_its_kernel(path):
    # without a kernelspec JupyterLab greets the trainee with a "Select Kernel" dialog
    spec = _committed(path).get("metadata", {}).get("kernelspec", {})
    assert spec.get("name") == "python3", f"{path}: kernelspec {spec!r}"
