"""Where a sandboxed grading kernel's start goes (medians, the variants alternating).

The sandbox alone (timeout + bwrap + setpriv + prlimit running `true`), `import
ipykernel.kernelapp` inside and outside it, and a whole kernel start + one cell + shutdown
through nbclient, plain ipykernel vs the course kernel (assignments/kernels/course-sandbox).
bench/autograde.py prints it after the class ratios.

    python bench/kernel_start.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


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
    from traitlets.config import Config

    from course_instructor.grading.sandbox_kernel import SandboxKernelManager

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
        config = Config()  # the course root's kernels/, as nbgrader_config.py sets it
        config.SandboxKernelManager.kernels_dir = str(REPO / "assignments" / "kernels")
        NotebookClient(nb, timeout=60, kernel_manager_class=manager, kernel_name=name,
                       config=config,
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="samples of each variant")
    kernel_start_profile(parser.parse_args().rounds)
