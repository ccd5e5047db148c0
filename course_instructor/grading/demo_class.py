"""`make demo-class`: a handful of example submissions of a01_definition, so an instructor can
try release -> autograde -> manual grading -> feedback -> dashboard on one machine in minutes.

Each trainee's folder is made the way a trainee's JupyterLab makes it: the released notebook
with the short answers typed in, answers.json written by the course's own answer-saving code
(course_lib.grading.answers_file), then copied into submitted/<student>/a01_definition/ as
assignments/README.md says (a whole-folder copy, JupyterLab's .ipynb_checkpoints/ included).

    demo_right    every item right, both reflections written
    demo_partly   half the choice items and one short answer right
    demo_blank    the release handed in untouched
    demo_late     right, but handed in after the due date demo-class sets
    demo_litter   right, in a folder full of Jupyter's litter, answers.json readable only by
                  its owner (what a umask of 077 or an older copy leaves)
    demo_variant  right, with a natural variant of a short answer the list may not hold
                  (then `make report` lists it and `make accept` accepts it)
"""

from __future__ import annotations

import ast
import datetime
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from course_instructor.grading import keys
from course_lib.grading import answers_file

AID = "a01_definition"
PREFIX = "demo_"
# the dative «үр нөлөөнд» («алинд нь ...?»): a right answer in the form the question asks for
VARIANT = {"a01.t1": "үр нөлөөнд"}
REFLECTION = ("Манай аймгийн ЗДТГ иргэдийн санал хүлээн авах цахим хуудсыг нэвтрүүлсэн. "
              "Энэ нь шинэлэг, хэрэгжсэн, үр нөлөө нь хүлээгдэж буй өөрчлөлт юм.")


def text_keys(source: Path) -> dict[str, str]:
    """item -> the first accepted answer of each short answer, from its hidden test."""
    found = {}
    for cell in nbformat.read(source, as_version=4).cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        hidden = keys.HIDDEN.search(cell.source)
        if not (grade_id.endswith("-test") and hidden and "cl.graded_text(" in hidden.group(1)):
            continue
        for node in ast.walk(ast.parse(hidden.group(1))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "cl.graded_text":
                found[grade_id[:3] + "." + grade_id.split("-")[1]] = \
                    ast.literal_eval(node.args[1])[0]
    return found


def _wrong(value, n: int = 4):
    if isinstance(value, bool):
        return not value
    if isinstance(value, list):
        return [i for i in range(n) if i not in value][:1] or [0]
    return (value + 1) % n


def work(root: Path, folder: Path, choices: dict, texts: dict, reflect: bool) -> None:
    """What a trainee's JupyterLab leaves in ``folder``: the released notebook with the short
    answers typed in, answers.json saved one click at a time by the course's own code."""
    nb = nbformat.read(root / "release" / AID / f"{AID}.ipynb", as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        item = grade_id[:3] + "." + grade_id.split("-")[1] if grade_id.count("-") == 2 else ""
        if grade_id.endswith("-answer") and cell.cell_type == "code" and item in texts:
            cell.source = f"answer = {texts[item]!r}"
        elif grade_id.endswith("-answer") and cell.cell_type == "markdown" and reflect:
            cell.source = cell.source.split("\n")[0] + "\n\n" + REFLECTION
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{AID}.ipynb")
    for item, value in choices.items():
        answers_file.save(item, value, folder / answers_file.FILE_NAME)


def trainees(root: Path) -> dict[str, tuple[dict, dict, bool]]:
    source = root / "source" / AID / f"{AID}.ipynb"
    right, texts = keys.widget_keys(source), text_keys(source)
    half = {k: (v if i % 2 == 0 else _wrong(v)) for i, (k, v) in enumerate(sorted(right.items()))}
    first = dict(list(texts.items())[:1])
    partly_texts = {**{k: "мэдэхгүй" for k in texts}, **first}
    return {
        "demo_right": (right, texts, True),
        "demo_partly": (half, partly_texts, True),
        "demo_blank": ({}, {}, False),
        "demo_litter": (right, texts, True),
        "demo_variant": (right, {**texts, **VARIANT}, True),
        "demo_late": (right, texts, True),
    }


def litter(folder: Path, owner_only: bool = True) -> None:
    """JupyterLab's checkpoint and LSP folders, Python's cache; with ``owner_only`` an
    answers.json only its owner can read (a umask of 077 with an older writer, a chmod)."""
    checkpoints = folder / ".ipynb_checkpoints"
    checkpoints.mkdir()
    shutil.copy(folder / f"{AID}.ipynb", checkpoints / f"{AID}-checkpoint.ipynb")
    (folder / ".virtual_documents").mkdir()
    (folder / "__pycache__").mkdir()
    if owner_only:
        os.chmod(folder / answers_file.FILE_NAME, 0o600)


def demo_class(root: Path, release) -> None:
    """``release(root)``: the commands' release with its leak checks (passed in, since grading
    sits below the commands)."""
    from nbgrader.api import Gradebook

    from course_instructor.grading.gradebook import gradebook_url

    if not (root / "release" / AID).is_dir():
        release(root)
    with Gradebook(gradebook_url(root)) as gb:
        others = sorted(s.id for s in gb.students if not s.id.startswith(PREFIX))
    if others:
        shown = ", ".join(others[:5]) + ("…" if len(others) > 5 else "")
        raise SystemExit(f"demo-class: this gradebook already holds a class ({shown}); try "
                         "the demo in a copy: course-instructor demo-class --root COPY")
    submitted = root / "submitted"
    with tempfile.TemporaryDirectory() as home:
        made = {}
        for student, (choices, texts, reflect) in trainees(root).items():
            folder = Path(home) / student / AID
            work(root, folder, choices, texts, reflect)
            if student == "demo_litter":
                litter(folder)
            made[student] = folder
        for student, folder in made.items():
            if student == "demo_late":
                continue
            shutil.rmtree(submitted / student, ignore_errors=True)
            shutil.copytree(folder, submitted / student / AID)  # the guide's copy, litter and all
        # the due date falls between the others and the late one: on this route the time that
        # counts is when a folder arrives in submitted/ (intake.py)
        time.sleep(1.1)
        due = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        with Gradebook(gradebook_url(root)) as gb:
            gb.update_or_create_assignment(AID, duedate=due)
        time.sleep(1.1)
        shutil.rmtree(submitted / "demo_late", ignore_errors=True)
        shutil.copytree(made["demo_late"], submitted / "demo_late" / AID)
    print(f"demo-class: {len(made)} example submissions of {AID} in {submitted} "
          f"({', '.join(made)}); due date set to {due:%Y-%m-%d %H:%M:%S} UTC.\n"
          "Next: make autograde, then Formgrader (make lab-instructor) for the reflections, "
          "make feedback, make report, make dashboard (assignments/README.md).")
