"""The course map and prev/next links come from data/modules.yaml and are up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from course_instructor.authoring import navigation

ROOT = Path(__file__).resolve().parents[1]
from course_lib.content.course_map import modules  # noqa: E402


def test_ten_modules_in_deck_order():
    ids = [m.id for m in modules()]
    assert ids == [f"m{i:02d}" for i in range(10)]
    assert [m.notebook for m in modules()][:3] == [
        "00_welcome.ipynb", "01_definition.ipynb", "02_wave.ipynb"
    ]


def test_course_map_lists_every_module_with_a_link():
    text = navigation.course_map()
    for m in modules():
        assert f"]({m.notebook})" in text and m.title("mn") in text


def test_notebooks_are_up_to_date():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "course-author"), "navigation", "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_welcome_shows_the_generated_map():
    nb = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert navigation.course_map() in text


def test_update_is_idempotent_and_fills_markers(tmp_path, monkeypatch):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("<!-- nav:start -->\nstale\n<!-- nav:end -->"),
    ])
    monkeypatch.setattr(navigation, "NOTEBOOKS", tmp_path)
    nbformat.write(nb, tmp_path / "01_definition.ipynb")
    assert navigation.update() == ["01_definition.ipynb"]
    assert navigation.update() == []
    cell = nbformat.read(tmp_path / "01_definition.ipynb", as_version=4).cells[0].source
    assert "stale" not in cell and "02_wave.ipynb" in cell and "00_welcome.ipynb" in cell


def test_cl_modules_is_the_function_even_after_submodules_load():
    import course_lib as cl
    import course_lib.widgets.progress_overview  # noqa: F401  (imports the course map module)

    assert [m.id for m in cl.modules()][0] == "m00"
