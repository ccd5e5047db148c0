"""How long nbgrader takes to autograde our assignments, against nbgrader's own floor.

In a temporary copy of the course root, N copies of each assignment's solution (with
its answers.json) are graded in one `nbgrader autograde` invocation; then N copies of a
trivial twin of each assignment (the same graded cells, each just `assert True`, no
imports) are graded the same way. Prints seconds per submission for both and their
ratio (aim: <= 1.2). Run: python bench/autograde.py [--copies N] [--class-size N]

Then, on a class of --class-size solution submissions (40) in fresh copies: one serial
`nbgrader autograde "*"` against `make autograde` (its workers, 2 per core, each one nbgrader
process for many submissions; aim >= 1.8x on 2 cores, same scores), and the same serial run
with the sandboxed kernel against a plain ipykernel (aim <= 1.3x per submission). CPU seconds
and the load average are printed too: other work on the machine slows the parallel run most.

Last, where a sandboxed kernel's start goes (medians, the variants alternating): the sandbox
alone (timeout + bwrap + setpriv + prlimit running `true`), `import ipykernel.kernelapp` inside
and outside it, and a whole kernel start + one cell + shutdown through nbclient, plain vs
sandboxed.

    python bench/autograde.py [--copies 4] [--class-size 40] [--rounds 7] [--class-only]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
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

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {(s.student.id, a.name): s.code_score for a in gb.assignments for s in a.submissions}


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and the children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def class_ratios(size: int) -> None:
    plain = ["--Execute.kernel_name=python3",
             "--Execute.kernel_manager_class=jupyter_client.manager.AsyncKernelManager"]
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    cli = str(Path(sys.executable).parent / "nbgrader")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        roots = {name: class_of(course_copy(Path(tmp) / name / "assignments"), size)
                 for name in ("serial", "parallel", "bare")}
        serial = timed([cli, "autograde", "*"], roots["serial"], env)
        parallel = timed([sys.executable, str(REPO / "tools" / "instructor.py"), "autograde",
                          "--root", str(roots["parallel"])], roots["parallel"], env)
        bare = timed([cli, "autograde", "*", *plain], roots["bare"], env)
        same = scores(roots["serial"]) == scores(roots["parallel"]) == scores(roots["bare"])
    load = max(load, os.getloadavg()[0])
    print(f"class of {size} on {os.cpu_count()} cores (load average up to {load:.1f} from other "
          f"work); same scores in all three runs: {same}")
    for name, (wall, cpu) in (("serial nbgrader autograde", serial),
                              ("make autograde (parallel)", parallel),
                              ("serial, unsandboxed kernel", bare)):
        print(f"  {name:<28}{wall:7.1f} s wall  {cpu:7.1f} s CPU (kernels in bwrap not counted)")
    print(f"ratio serial/parallel: {serial[0] / parallel[0]:.2f}  (aim >= 1.8 on 2 cores)")
    print(f"ratio sandboxed/unsandboxed per submission: {serial[0] / bare[0]:.2f}  (aim <= 1.3)")


def launch_module():
    path = REPO / "assignments" / "kernels" / "course-sandbox" / "launch.py"
    spec = importlib.util.spec_from_file_location("course_sandbox_launch", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kernel_start_profile(rounds: int) -> None:
    """Medians of what a sandboxed kernel start costs, each variant alternating with the rest."""
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    sys.path.insert(0, str(REPO / "assignments"))
    from sandbox_kernel import SandboxKernelManager

    launch = launch_module()
    ids = launch.ensure_account()
    folder = Path(tempfile.mkdtemp(prefix="bench-kernel-"))
    folder.chmod(0o755)
    private = Path(tempfile.mkdtemp(prefix="course-kernel-"))
    connection = private / "kernel.json"
    connection.write_text("{}")
    if ids:
        for path in (private, connection):
            os.chown(path, *ids)
    sandbox = launch.command(str(connection), str(folder), ids)
    cut = sandbox.index("ipykernel_launcher") - 2  # [..., prlimit, LIMITS, --, python, -m, ...]
    python = sandbox[cut]
    importing = [python, "-c", "import ipykernel.kernelapp"]

    def run(cmd):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=folder)
        return time.perf_counter() - start

    def kernel(manager, name):
        nb = new_notebook(cells=[new_code_cell("x = 1")])
        start = time.perf_counter()
        NotebookClient(nb, timeout=60, kernel_manager_class=manager, kernel_name=name,
                       resources={"metadata": {"path": str(folder)}}).execute(
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the kernel's banner
        return time.perf_counter() - start

    variants = {
        "sandbox alone (bwrap, setpriv, prlimit; `true`)": lambda: run(sandbox[:cut] + ["true"]),
        "import ipykernel, plain": lambda: run(importing),
        "import ipykernel, in the sandbox": lambda: run(sandbox[:cut] + importing),
        "kernel start + 1 cell + shutdown, plain": lambda: kernel(AsyncKernelManager, "python3"),
        "the same, sandboxed": lambda: kernel(SandboxKernelManager, "course-sandbox"),
    }
    times = {name: [] for name in variants}
    try:
        for _ in range(rounds):
            for name, variant in variants.items():
                times[name].append(variant())
    finally:
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"where a sandboxed kernel start goes (median of {rounds}):")
    for name, values in times.items():
        print(f"  {name:<50}{statistics.median(values):6.2f} s")


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
    parser.add_argument("--rounds", type=int, default=7, help="samples of each kernel start")
    parser.add_argument("--class-only", action="store_true", help="skip ours vs trivial")
    args = parser.parse_args()
    copies = args.copies
    class_ratios(args.class_size)
    kernel_start_profile(args.rounds)
    if args.class_only:
        return
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


if __name__ == "__main__":
    main()
