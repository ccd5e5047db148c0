"""How long grading a class takes: in parallel vs nbgrader's serial run, sandboxed vs not.

1. On a class of --class-size solution submissions (40) in three fresh course copies: one
   serial `nbgrader autograde "*"`, `make autograde` (course_instructor/commands.py: grading
   workers, 2
   per core, each one nbgrader process for many submissions) and the serial run again with a
   plain ipykernel instead of the sandboxed one; in the order A B C, then C B A (--class-rounds
   2), so that load drifting during the bench hits all three alike. Prints ratio serial/parallel
   (aim >= 1.8 on 2 cores, same scores) and sandboxed/unsandboxed per submission (aim <= 1.3),
   with CPU seconds and the load average: other work on the machine slows the parallel run most.
2. Where a sandboxed kernel start goes (bench/kernel_start.py, medians): the sandbox alone
   (timeout + bwrap + setpriv + prlimit running `true`), `import ipykernel.kernelapp` inside and
   outside it, and a whole kernel start + one cell + shutdown through nbclient, plain vs
   sandboxed.
3. Unless --class-only: N copies of each assignment's solution graded in one `nbgrader
   autograde`, against N copies of a trivial twin of each assignment (the same graded cells,
   each just `assert True`, no imports): seconds per submission and their ratio (aim <= 1.2).
4. One fork bomb (issue 22; run first): `make autograde` on a class of --bomb-class-size solution
   submissions, and on the same class with one fork bomb added that holds every process it
   may, in course copies whose config runs trainee code as written (read as data taken away:
   the cage alone must hold), A B then B A. Prints the ratio with/without (aim <= 1.2) and
   whether every honest submission got the same score in both. --fork-bomb-only runs just this.

    python bench/autograde.py [--copies 4] [--class-size 40] [--class-rounds 2] [--rounds 7]
                              [--class-only] [--bomb-class-size 20] [--fork-bomb-only]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from course_instructor.grading import keys

REPO = Path(__file__).resolve().parent.parent
from kernel_start import kernel_start_profile  # noqa: E402 (bench/, beside this file)


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
    # the environment course_instructor/commands.py gives nbgrader (make autograde)
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

    from course_instructor.grading.gradebook import gradebook_url

    with Gradebook(gradebook_url(root)) as gb:
        return {(s.student.id, a.name): s.code_score for a in gb.assignments for s in a.submissions}


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and the children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def class_ratios(size: int, rounds: int) -> bool:
    """The three runs of the same class, in the order A B C, then C B A, ... (load that drifts
    during the bench then hits all three alike); times summed over the rounds."""
    plain = ["--Execute.kernel_name=python3",
             "--Execute.kernel_manager_class=jupyter_client.manager.AsyncKernelManager"]
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    cli = str(Path(sys.executable).parent / "nbgrader")
    names = ("serial nbgrader autograde", "make autograde (parallel)", "serial, unsandboxed kernel")
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        roots = [class_of(course_copy(Path(tmp) / f"run{i}" / "assignments"), size)
                 for i in range(3)]
        commands = [[cli, "autograde", "*"],
                    [str(Path(sys.executable).parent / "course-instructor"), "autograde",
                     "--root", str(roots[1])],
                    [cli, "autograde", "*", *plain]]
        totals = [[0.0, 0.0] for _ in names]
        for done in range(rounds):
            order = range(3) if done % 2 == 0 else reversed(range(3))
            for i in order:  # --force: a later round grades the same class again
                wall, cpu = timed(commands[i] + (["--force"] if done else []), roots[i], env)
                totals[i][0] += wall
                totals[i][1] += cpu
                loads.append(os.getloadavg()[0])
        same = scores(roots[0]) == scores(roots[1]) == scores(roots[2])
    print(f"class of {size} on {os.cpu_count()} cores, {rounds} round(s) (load average "
          f"{min(loads):.1f} to {max(loads):.1f}: other work on the machine); same scores in "
          f"all three: {same}")
    for name, (wall, cpu) in zip(names, totals, strict=True):
        print(f"  {name:<28}{wall:7.1f} s wall  {cpu:7.1f} s CPU (kernels in bwrap not counted)")
    (serial, _), (parallel, _), (bare, _) = totals
    print(f"ratio serial/parallel: {serial / parallel:.2f}  (aim >= 1.8 on 2 cores)")
    print(f"ratio sandboxed/unsandboxed per submission: {serial / bare:.2f}  (aim <= 1.3)")
    return same and serial / parallel >= 1.8 and serial / bare <= 1.3


RUN_AS_WRITTEN = """
# bench/autograde.py: trainee code runs as written, so the fork bomb does run
c.Autograde.sanitize_preprocessors = [p for p in c.Autograde.sanitize_preprocessors
                                      if p is not ReadAsData]
"""
FORK_BOMB = ("import os, time\nwhile True:\n    try:\n        if os.fork() == 0:\n"
             "            time.sleep(600); os._exit(0)\n    except OSError:\n"
             "        time.sleep(0.01)\nanswer = 'x'\n")


def fork_bomb_ratio(size: int, rounds: int) -> bool:
    """A class graded with and without one fork bomb in it: wall seconds and their ratio."""
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    cli = str(Path(sys.executable).parent / "course-instructor")
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        for name in ("without", "with"):
            root = course_copy(Path(tmp) / name / "assignments")
            with (root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
                config.write(RUN_AS_WRITTEN)
            roots.append(class_of(root, size))
        source = keys.source_notebooks(roots[1])[0]
        aid = source.parent.name
        bomb = nbformat.read(roots[1] / "release" / aid / source.name, as_version=4)
        for cell in bomb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == f"{aid[:3]}-t1-answer":
                cell.source = FORK_BOMB
        folder = roots[1] / "submitted" / "a_fork_bomb" / aid  # graded first, beside the class
        folder.mkdir(parents=True)
        nbformat.write(bomb, folder / source.name)
        walls = [0.0, 0.0]
        for done in range(rounds):
            for i in (0, 1) if done % 2 == 0 else (1, 0):
                cmd = [cli, "autograde", "--root", str(roots[i])] + (["--force"] if done else [])
                walls[i] += timed(cmd, roots[i], env)[0]
        honest = [{k: v for k, v in scores(root).items() if k[0] != "a_fork_bomb"}
                  for root in roots]
    print(f"class of {size} on {os.cpu_count()} cores, {rounds} round(s), trainee code run as "
          f"written; honest scores the same with the fork bomb: {honest[0] == honest[1]}")
    print(f"  without a fork bomb  {walls[0]:7.1f} s wall")
    print(f"  with one fork bomb   {walls[1]:7.1f} s wall")
    print(f"ratio with/without one fork bomb: {walls[1] / walls[0]:.2f}  (aim <= 1.2)")
    return walls[1] / walls[0] <= 1.2 and honest[0] == honest[1]


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


def main() -> int:
    """0 when every aim printed was met, else 1 (make bench names the bench that missed)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=4, help="submissions per assignment")
    parser.add_argument("--class-size", type=int, default=40, help="submissions in the class run")
    parser.add_argument("--class-rounds", type=int, default=2,
                        help="runs of each class variant (ABC CBA ...)")
    parser.add_argument("--rounds", type=int, default=7, help="samples of each kernel start")
    parser.add_argument("--class-only", action="store_true", help="skip ours vs trivial")
    parser.add_argument("--bomb-class-size", type=int, default=20,
                        help="submissions in the fork bomb run")
    parser.add_argument("--fork-bomb-only", action="store_true", help="only the fork bomb run")
    args = parser.parse_args()
    copies = args.copies
    met = fork_bomb_ratio(args.bomb_class_size, args.class_rounds)
    if args.fork_bomb_only:
        return 0 if met else 1
    met &= class_ratios(args.class_size, args.class_rounds)
    kernel_start_profile(args.rounds)
    if args.class_only:
        return 0 if met else 1
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
    met &= per_ours / per_floor <= 1.2
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
