"""Stray keys cannot damage the course, and every notebook says how to start (issue 13, 3 and 6).

The browser tier proves JupyterLab honours these (tests/browser/test_trainee_route.py); here every
notebook is checked on disk, and the generated lab settings against the installed JupyterLab.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import polib
import pytest

from course_instructor.authoring import lab_settings, lock_cells, navigation

ROOT = Path(__file__).resolve().parents[1]
LAB_PO = (ROOT / "packages" / "jupyterlab-language-pack-mn-MN" / "jupyterlab_language_pack_mn_MN"
          / "locale" / "mn_MN" / "LC_MESSAGES" / "jupyterlab.po")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_course_cell_is_locked(path):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        assert cell.metadata.get("deletable") is False, f"cell {index} can be deleted"
        if cell.cell_type == "markdown" or lock_cells.is_library_call(cell.source):
            assert cell.metadata.get("editable") is False, f"cell {index} can be edited"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_cell_says_how_to_start(path):
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert navigation.HOW_TO_START in first.source
    assert "⏩" in navigation.HOW_TO_START
    # the menu and ⏩'s question named as the Mongolian language pack shows them
    lab = {e.msgid: e.msgstr for e in polib.pofile(str(LAB_PO)) if not e.msgctxt}
    menus = {e.msgid: e.msgstr for e in polib.pofile(str(LAB_PO)) if e.msgctxt == "menu"}
    assert f"{menus['Run']} ▸ {lab['Run All Cells']}" in navigation.HOW_TO_START
    assert lab["Restart Kernel?"] in navigation.HOW_TO_START
    assert lab["Restart"] in navigation.HOW_TO_START


def test_only_library_calls_count_as_library_calls():
    assert lock_cells.is_library_call('import course_lib as cl\ncl.setup("m01")')
    assert lock_cells.is_library_call('cl.quiz("m01.process")')
    assert not lock_cells.is_library_call("x = 1")
    assert not lock_cells.is_library_call('cl.quiz("a")\nprint(1)')
    assert not lock_cells.is_library_call("")


def test_locking_twice_changes_nothing(tmp_path):
    copy = tmp_path / "nb.ipynb"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell('cl.quiz("m01.x")'),
        nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(nb, copy)
    assert lock_cells.update(paths=[copy]) == ["nb.ipynb"]
    assert lock_cells.update(paths=[copy]) == []
    cells = nbformat.read(copy, as_version=4).cells
    assert [c.metadata.get("editable", True) for c in cells] == [False, False, True]


@pytest.mark.parametrize("task", ["navigation", "lab-settings", "voila-pages"])
def test_generated_files_are_up_to_date(task):
    result = subprocess.run([str(Path(sys.executable).parent / "course-author"), task, "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_trainee_mode_hides_instructor_tools_and_instructor_mode_keeps_them():
    def disabled(mode):
        page = json.loads((ROOT / "lab-config" / mode / "page_config.json").read_text())
        return {k for k, v in page["disabledExtensions"].items() if v}
    tools = {f"@jupyter/nbgrader:{p}" for p in
             ("formgrader", "create-assignment", "validate-assignment")}
    assert tools <= disabled("trainee") and tools <= disabled("classroom")
    assert "@jupyter/nbgrader:assignment-list" in disabled("trainee")
    assert "@jupyter/nbgrader:assignment-list" not in disabled("classroom")
    assert disabled("instructor") == set()


def test_every_command_mode_shortcut_is_moved_out_of_widgets():
    entries = lab_settings.overrides()["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    moved = [e for e in entries if not e.get("disabled")]
    assert {e["selector"] for e in moved} == {lab_settings.OUTSIDE_WIDGETS}
    keys = {tuple(e["keys"]) for e in moved}
    assert ("M",) in keys and ("D", "D") in keys and ("ArrowDown",) in keys


def test_every_override_is_a_setting_of_the_installed_jupyterlab():
    """A renamed or misspelt setting would be ignored by Lab without a word (the locked-markdown
    one, showEditorForReadOnlyMarkdown, among them)."""
    for plugin, values in lab_settings.overrides().items():
        package, name = plugin.split(":")
        schema = json.loads((lab_settings.SCHEMAS / package / f"{name}.json").read_text())
        assert set(values) <= set(schema["properties"]), plugin
    tracker = lab_settings.overrides()["@jupyterlab/notebook-extension:tracker"]
    assert tracker["showEditorForReadOnlyMarkdown"] is False
