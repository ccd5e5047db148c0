"""How long nbgrader takes to autograde our assignments, against nbgrader's own floor.

In a temporary copy of the course root, N copies of each assignment's solution (with
its answers.json) are graded in one `nbgrader autograde` invocation; then N copies of a
trivial twin of each assignment (the same graded cells, each just `assert True`, no
imports) are graded the same way. Prints seconds per submission for both and their
ratio (aim: <= 1.2). Run: python bench/autograde.py [--copies N] [--class-size N]

Then, on a class of --class-size solution submissions (40) in fresh copies: one serial
`nbgrader autograde "*"` against `make autograde`'s parallel per-submission runs (aim >= 1.8x on
2 cores, same scores), and the sandboxed kernel against a plain ipykernel (aim <= 1.3x).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import assignment_keys as keys  # noqa: E402


def trivial_twin(source: Path):
    """A notebook with the same nbgrader cells as ``source``, each doing nothing."""
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade"):
            cell.source = "assert True"
        elif meta.get("solution"):
            cell.source = "### BEGIN SOLUTION\nanswer = 'x'\n### END SOLUTION"
        else:
            cell.source = "pass"
    return nb


def nbgrader(root: Path, *args: str) -> float:
    # the environment tools/instructor.py gives nbgrader (make autograde)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=root, env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - start


def course_copy(root: Path) -> Path:
    root.mkdir(parents=True)
    for path in (REPO / "assignments").glob("*.py"):
        shutil.copy2(path, root / path.name)
    shutil.copytree(REPO / "assignments" / "kernels", root / "kernels")
    shutil.copytree(REPO / "assignments" / "source", root / "source",
                    ignore=shutil.ignore_patterns("answers.json"))
    return root


def class_of(root: Path, size: int) -> Path:
    """A released course with ``size`` solution submissions spread over the assignments."""
    nbgrader(root, "generate_assignment", "*", "--force")
    sources = keys.source_notebooks(root)
    for i in range(size):
        source = sources[i % len(sources)]
        folder = root / "submitted" / f"s{i:03d}" / source.parent.name
        folder.mkdir(parents=True)
        shutil.copy2(source, folder / source.name)
        (folder / "answers.json").write_text(json.dumps(keys.widget_keys(source)), "utf-8")
    return root


def scores(root: Path) -> dict:
    from nbgrader.api import Gradebook

    from course_lib.grading.gradebook import gradebook_url

    with Gradebook(gradebook_url(root)) as gb:
        return {(s.student.id, a.name): s.code_score for a in gb.assignments for s in a.submissions}


def class_ratios(size: int) -> None:
    plain = ["--Execute.kernel_name=python3",
             "--Execute.kernel_manager_class=jupyter_client.manager.AsyncKernelManager"]
    with tempfile.TemporaryDirectory() as tmp:
        serial = class_of(course_copy(Path(tmp) / "serial" / "assignments"), size)
        t_serial = nbgrader(serial, "autograde", "*")
        parallel = class_of(course_copy(Path(tmp) / "parallel" / "assignments"), size)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "tools" / "instructor.py"), "autograde",
                        "--root", str(parallel)], check=True, capture_output=True)
        t_parallel = time.perf_counter() - start
        bare = class_of(course_copy(Path(tmp) / "bare" / "assignments"), size)
        t_bare = nbgrader(bare, "autograde", "*", *plain)
        same = scores(serial) == scores(parallel) == scores(bare)
    print(f"class of {size}: serial nbgrader {t_serial:.1f} s, make autograde {t_parallel:.1f} s"
          f" on {os.cpu_count()} cores, unsandboxed serial {t_bare:.1f} s; same scores: {same}")
    print(f"ratio serial/parallel: {t_serial / t_parallel:.2f}  (aim >= 1.8 on 2 cores)")
    print(f"ratio sandboxed/unsandboxed per submission: {t_serial / t_bare:.2f}  (aim <= 1.3)")


def hand_in(root: Path, prefix: str, copies: int, build) -> int:
    count = 0
    for source in keys.source_notebooks(root):
        aid = source.parent.name
        if not aid.startswith(prefix):
            continue
        notebook, answers = build(source)
        for i in range(copies):
            folder = root / "submitted" / f"s{i:03d}" / aid
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / f"{aid}.ipynb")
            if answers is not None:
                (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=4, help="submissions per assignment")
    parser.add_argument("--class-size", type=int, default=40, help="submissions in the class run")
    args = parser.parse_args()
    copies = args.copies
    with tempfile.TemporaryDirectory() as tmp:
        root = course_copy(Path(tmp) / "assignments")
        for source in keys.source_notebooks(root):
            twin = root / "source" / f"t{source.parent.name[1:]}"
            twin.mkdir()
            nbformat.write(trivial_twin(source), twin / f"{twin.name}.ipynb")
        nbgrader(root, "generate_assignment", "*", "--force")
        ours = hand_in(root, "a", copies,
                       lambda s: (nbformat.read(s, as_version=4), keys.widget_keys(s)))
        floor = hand_in(root, "t", copies, lambda s: (nbformat.read(s, as_version=4), None))
        t_floor = nbgrader(root, "autograde", "t*")
        t_ours = nbgrader(root, "autograde", "a*")
    per_ours, per_floor = t_ours / ours, t_floor / floor
    print(f"autograde, ours:    {ours} submissions in {t_ours:.1f} s = {per_ours:.2f} s each")
    print(f"autograde, trivial: {floor} submissions in {t_floor:.1f} s = {per_floor:.2f} s each")
    print(f"ratio ours/trivial: {per_ours / per_floor:.2f}  (aim <= 1.2)")
    class_ratios(args.class_size)


if __name__ == "__main__":
    main()
