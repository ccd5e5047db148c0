"""learner-dist's cleaning and scan (course_instructor/learner_files.py), on notebooks built in
memory as an instructor's run leaves them: outputs, widget views, setup's line naming the
instructor's record, execution counts, saved widget state."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_instructor import learner_files

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
INSTRUCTOR_DB = "/home/bat/.course_innovation/progress.db"


def executed_notebook():
    """A module notebook after ⏩ and a save: what an instructor's working tree holds."""
    setup = new_code_cell("import course_lib as cl\ncl.setup()", execution_count=1,
                          metadata={"editable": False, "deletable": False,
                                    "execution": {"iopub.status.busy": "2026-12-07T10:00:00"}})
    setup.outputs = [new_output("display_data", data={
        "text/markdown": f"Бэлэн боллоо. Таны ахиц энд хадгалагдана: `{INSTRUCTOR_DB}`"})]
    quiz = new_code_cell('cl.quiz("m01")', execution_count=2,
                         metadata={"nbgrader": {"grade": False, "locked": True,
                                                "solution": False, "grade_id": "q",
                                                "schema_version": 3}})
    quiz.outputs = [new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "text/plain": "ModuleQuiz(...)"})]
    nb = new_notebook(cells=[new_markdown_cell("# Модуль 1"), setup, quiz])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "notebooks").mkdir()
    nbformat.write(executed_notebook(), tmp_path / "notebooks" / "01_definition.ipynb")
    (tmp_path / "README.md").write_text("# Суралцагчид\n", encoding="utf-8")
    return tmp_path


def test_the_scan_finds_every_trace_of_the_run(tree):
    problems = learner_files.instructor_traces(tree, [])
    text = "\n".join(problems)
    assert "metadata.widgets" in text
    assert "cell 2 has outputs" in text and "cell 3 has outputs" in text
    assert "cell 2 has an execution count" in text
    assert "absolute path '/home/bat'" in text


def test_stripping_leaves_a_notebook_the_scan_passes_and_keeps_the_course_metadata(tree):
    assert learner_files.strip_notebooks(tree) == 1
    assert learner_files.instructor_traces(tree, []) == []
    nb = nbformat.read(tree / "notebooks" / "01_definition.ipynb", as_version=4)
    setup, quiz = nb.cells[1], nb.cells[2]
    assert setup.metadata == {"editable": False, "deletable": False}  # the lock stays
    assert quiz.metadata["nbgrader"]["grade_id"] == "q"
    assert setup.source == "import course_lib as cl\ncl.setup()"
    assert learner_files.strip_notebooks(tree) == 0  # nothing left to change


@pytest.mark.parametrize("content", [
    "see /srv/course/notebooks for more",                       # an own path, as given
    json.dumps({"path": "/srv/course/assignments/release"}),   # JSON-escaped
    "progress: /Users/bat/Library/progress.db",                 # a macOS home
    json.dumps({"db": "C:\\Users\\bat\\progress.db"}),           # a Windows home, escaped
    "kept in /root/.course_innovation/progress.db",
])
def test_absolute_paths_are_found_in_any_text_file(tmp_path, content):
    (tmp_path / "course_lib").mkdir()
    (tmp_path / "course_lib" / "notes.txt").write_text(content, encoding="utf-8")
    problems = learner_files.instructor_traces(tmp_path, [Path("/srv/course")])
    assert len(problems) == 1 and problems[0].startswith("course_lib/notes.txt: absolute path")


@pytest.mark.parametrize("content", [
    "#!/usr/bin/env bash",                           # postBuild's shebang is no home
    "your record: ~/.course_innovation/progress.db",  # a learner's home, not a path of ours
    "http://localhost:8866/",
])
def test_ordinary_text_is_not_taken_for_an_instructor_path(tmp_path, content):
    (tmp_path / "x.txt").write_text(content, encoding="utf-8")
    assert learner_files.instructor_traces(tmp_path, [Path("/srv/course"), Path("/")]) == []


def test_binary_files_are_skipped(tmp_path):
    (tmp_path / "catalogue.mo").write_bytes(b"\xde\x12\x04\x95\xff\xfe/home/x/")
    assert learner_files.instructor_traces(tmp_path, []) == []
