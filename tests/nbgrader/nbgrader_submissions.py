"""Submissions built in memory, one factory per scenario (named for what the trainee did).

Each factory returns (notebook, answers): answers is a dict written as answers.json,
a str written as-is (a broken file), or None (no file at all).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from course_instructor.grading import keys
from course_lib.grading import answers_file

REPO = Path(__file__).resolve().parents[2]

HOSTILE_ASSIGNMENT = "a01_definition"


def instructor(root: Path, *args: str) -> subprocess.CompletedProcess:
    """course_instructor/commands.py as an instructor runs it, on the course copy at ``root``."""
    cmd = [str(Path(sys.executable).parent / "course-instructor"), *args, "--root", str(root)]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def course_copy(root: Path) -> Path:
    """A fresh course root at ``root``: the config and the sources, nothing generated yet."""
    root.mkdir(parents=True)
    for path in (REPO / "assignments").glob("*.py"):  # the config and its modules
        shutil.copy2(path, root / path.name)
    shutil.copytree(REPO / "assignments" / "kernels", root / "kernels")
    shutil.copytree(REPO / "assignments" / "source", root / "source",
                    ignore=shutil.ignore_patterns("answers.json", ".ipynb_checkpoints"))
    return root


def _source(root: Path, aid: str) -> Path:
    return root / "source" / aid / f"{aid}.ipynb"


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _short(aid: str) -> str:
    return aid.split("_")[0]


def solution(root: Path, aid: str):
    """The source notebook (solutions filled in) with every widget item answered correctly."""
    return nbformat.read(_source(root, aid), as_version=4), keys.widget_keys(_source(root, aid))


def untouched_release(root: Path, aid: str):
    """The released notebook handed in as it came, nothing answered."""
    return nbformat.read(root / "release" / aid / f"{aid}.ipynb", as_version=4), None


def test_cell_edited_to_pass(root: Path, aid: str):
    """Item 1 answered wrongly and its autograder cell replaced by `pass`."""
    nb, answers = solution(root, aid)
    a = _short(aid)
    answers[f"{a}.q1"] = 0 if answers[f"{a}.q1"] != 0 else 1
    _cell(nb, f"{a}-q1-test").source = "pass"
    return nb, answers


def cells_deleted(root: Path, aid: str):
    """The autograder cell of item 2 and the first short-answer cell deleted."""
    nb, answers = solution(root, aid)
    a = _short(aid)
    gone = {f"{a}-q2-test", f"{a}-t1-answer"}
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in gone]
    return nb, answers


def infinite_loop_in_answer(root: Path, aid: str):
    """The first short-answer cell never finishes (the loop runs before the answer is set)."""
    nb, answers = solution(root, aid)
    cell = _cell(nb, f"{_short(aid)}-t1-answer")
    cell.source = "while True:\n    pass\n" + cell.source
    return nb, answers


def output_flood(root: Path, aid: str):
    """The first short-answer cell prints 50,000 lines before answering."""
    nb, answers = solution(root, aid)
    cell = _cell(nb, f"{_short(aid)}-t1-answer")
    cell.source = "for i in range(50000):\n    print('flood', i)\n" + cell.source
    return nb, answers


def invalid_answers_json(root: Path, aid: str):
    """answers.json is not JSON (hand-edited, truncated)."""
    nb, _ = solution(root, aid)
    return nb, '{"a01.q1": 1, '


def missing_answers_file(root: Path, aid: str):
    """The notebook handed in without its answers.json."""
    nb, _ = solution(root, aid)
    return nb, None


def answer_of_wrong_type(root: Path, aid: str):
    """answers.json edited by hand: item 1 (an option index) set to true."""
    nb, answers = solution(root, aid)
    answers[f"{_short(aid)}.q1"] = True
    return nb, answers


HOSTILE = {
    "edited_to_pass": test_cell_edited_to_pass,
    "cells_deleted": cells_deleted,
    "infinite_loop": infinite_loop_in_answer,
    "output_flood": output_flood,
    "invalid_json": invalid_answers_json,
    "missing_answers": missing_answers_file,
    "wrong_type": answer_of_wrong_type,
}


def hand_in(root: Path, student: str, aid: str, notebook, answers) -> Path:
    """Place a submission where nbgrader looks: submitted/<student>/<assignment>/, as a
    trainee's JupyterLab leaves it: click answers saved one at a time by the course's own code
    (course_lib.grading.answers_file, under this process's umask), and the checkpoint folder
    JupyterLab keeps beside every notebook it saved (the guide's copy brings it along)."""
    folder = root / "submitted" / student / aid
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{aid}.ipynb")
    checkpoints = folder / ".ipynb_checkpoints"
    checkpoints.mkdir(exist_ok=True)
    nbformat.write(notebook, checkpoints / f"{aid}-checkpoint.ipynb")
    if isinstance(answers, dict) and answers:
        for item, value in answers.items():
            answers_file.save(item, value, folder / answers_file.FILE_NAME)
    elif isinstance(answers, dict):  # nothing clicked yet: what an emptied file holds
        (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    elif isinstance(answers, str):
        (folder / "answers.json").write_text(answers, encoding="utf-8")
    elif callable(answers):  # links, pipes, folders, planted files (hostile_submissions.py)
        answers(folder)
    return folder
