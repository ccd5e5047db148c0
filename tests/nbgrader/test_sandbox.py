"""The grading kernel's sandbox, tried from inside: a real kernel started by the course's
kernel manager (bubblewrap + the course-sandbox account), run the way nbgrader's Execute does."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from course_instructor.grading.sandbox_kernel import SandboxKernelManager

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("sandboxed") / "assignments"
    (root / "source" / "a01").mkdir(parents=True)
    (root / "source" / "a01" / "a01.ipynb").write_text("KEY: assert chosen == 2")
    (root / "submitted" / "victim" / "a01").mkdir(parents=True)
    (root / "submitted" / "victim" / "a01" / "answers.json").write_text('{"a01.q1": 2}')
    (root / "gradebook.db").write_text("grades")
    here = root / "autograded" / "attacker" / "a01"
    here.mkdir(parents=True)
    (here / "answers.json").write_text('{"a01.q1": 1}')
    (here / "course_lib.py").write_text("SHADOWED = True\n")
    return root, here


def run(folder: Path, *sources: str, timeout: int = 30) -> list[str]:
    """Each cell's text output (stdout, or the error's name and value)."""
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    config = Config()  # as nbgrader_config.py sets it: the course root's kernels/
    config.SandboxKernelManager.kernels_dir = str(REPO / "assignments" / "kernels")
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, config=config,
                            kernel_manager_class=SandboxKernelManager,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    texts = []
    for cell in nb.cells:
        parts = [o.get("text", "") for o in cell.outputs if o.output_type == "stream"]
        parts += [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
        texts.append("".join(parts).strip())
    return texts


def test_kernel_runs_unprivileged_and_imports_the_real_library(course, monkeypatch):
    monkeypatch.setenv("COURSE_ANSWERS_FILE", "/etc/passwd")  # the instructor's shell
    _, here = course
    uid, lib, env, answer = run(
        here,
        "import os; print(os.getuid(), os.geteuid())",
        "import course_lib; print(hasattr(course_lib, 'SHADOWED'), course_lib.__file__)",
        "import os; print(os.environ.get('COURSE_ANSWERS_FILE'), os.environ['COURSE_HEADLESS'])",
        "import course_lib as cl; print(cl.graded_answer('a01.q1', n_options=4))",
    )
    assert int(uid.split()[0]) != 0 and uid.split()[0] == uid.split()[1]
    assert lib.startswith("False ") and lib.endswith("course_lib/__init__.py")
    assert env == "None 1"
    assert answer == "1"


def test_source_gradebook_and_other_submissions_do_not_exist(course):
    root, here = course
    found = run(here, *(f"import os; print(os.path.exists({str(p)!r}))" for p in (
        root / "source" / "a01" / "a01.ipynb", root / "gradebook.db",
        root / "submitted" / "victim" / "a01" / "answers.json", root / "source",
        REPO / "assignments" / "source", "../../../source")))
    assert found == ["False"] * 6


def test_writes_outside_tmp_fail_and_nothing_is_deleted(course):
    root, here = course
    out = run(here,
              "import os; os.system('mount -o remount,bind,rw / 2>/dev/null'); "
              "open('answers.json', 'w')",
              "import os; print(os.system('mount -o remount,rw /usr 2>/dev/null') != 0)",
              "open('/usr/planted', 'w')")
    assert out[0].startswith("OSError") or "Read-only" in out[0], out[0]
    assert out[1] == "True"
    assert "Read-only" in out[2] or "Permission" in out[2]
    assert (here / "answers.json").read_text() == '{"a01.q1": 1}'
    assert (root / "gradebook.db").read_text() == "grades"


def test_network_fails(course):
    _, here = course
    out = run(here, "import socket\ns = socket.create_connection(('1.1.1.1', 80), timeout=3)")
    assert out[0].startswith(("OSError", "TimeoutError", "gaierror", "ConnectionRefused")), out


def test_fork_bomb_is_stopped_and_the_kernel_answers_after(course):
    _, here = course
    out = run(here,
              "import os\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
              "            import time; time.sleep(2); os._exit(0)\n        n += 1\n"
              "except OSError:\n    print('stopped', n < 300)\n"
              "while True:\n    try:\n        os.wait()\n    except ChildProcessError:\n"
              "        break",
              "print('alive')", timeout=60)
    assert out == ["stopped True", "alive"]


# many files of 8 MiB (prlimit --fsize caps one file at 64 MiB, not the folder), up to 1 GiB
FILL = ("import os\nfolder, n = {path}, 0\nos.makedirs(folder, exist_ok=True)\ntry:\n"
        "    while n < 1024:\n        with open(os.path.join(folder, str(n)), 'wb') as f:\n"
        "            f.write(b'x' * (8 << 20))\n        n += 8\n"
        "except OSError as e:\n    print('full', e.errno, n)\nelse:\n    print('wrote', n)\n"
        "import shutil; shutil.rmtree(folder)")


def test_tmp_and_the_private_folder_are_small_and_the_kernel_answers_after(course):
    """A disk fill stops at the kernel's own sized tmpfs (issue 22: 1.5 GB to host RAM
    through /tmp, 1 GB to the host disk through the private folder)."""
    _, here = course
    private = ("os.path.join(os.path.dirname(__import__('sys').argv"
               "[__import__('sys').argv.index('-f') + 1]), 'fill')")
    tmp, own, after = run(here, FILL.format(path="'/tmp/fill'"), FILL.format(path=private),
                          "print('alive')", timeout=60)
    assert tmp.startswith("full 28 ") and int(tmp.split()[2]) <= 64, tmp  # ENOSPC, MiB
    assert own.startswith("full 28 ") and int(own.split()[2]) <= 1, own
    assert after == "alive"


def test_a_memory_hog_dies_alone_at_its_own_cap(course):
    """Every process of a kernel together (issue 22: 4.2 GB held across processes)."""
    _, here = course
    # four processes of 1.2 GB each: each under prlimit's per-process --as, 4.8 GB together
    hog = ("import os, time\nkids = []\nfor _ in range(3):\n    pid = os.fork()\n"
           "    if pid == 0:\n        kids = None\n        break\n    kids.append(pid)\n"
           "held = [b'x' * (50 << 20) for _ in range(24)]\n"
           "if kids is None:\n    time.sleep(3); os._exit(0)\n"
           "ok = all(os.waitpid(k, 0)[1] == 0 for k in kids)\nprint('held' if ok else 'killed')")
    try:
        out = run(here, hog, timeout=60)
    except Exception as exc:  # noqa: BLE001 (the kernel killed by its cgroup: the expected end)
        out = [type(exc).__name__]
    assert out[0] != "held", out


@pytest.mark.parametrize("cage", ["cgroup", "accounts"])
def test_one_kernels_fork_bomb_leaves_another_kernel_its_processes(course, cage, monkeypatch):
    """Issue 22: one account for every kernel made --nproc a class-wide limit; a kernel holding
    245 processes killed the others. Two kernels at once: the bomb holds all it may, then the
    other starts 60 processes of its own. "accounts" is the fallback where no cgroup can be
    made (a Kubernetes pod): an account per kernel slot, so --nproc is per kernel."""
    import asyncio

    monkeypatch.setenv("COURSE_SANDBOX_CAGE", cage)
    _, here = course
    bomb = ("import os, time\nheld = 0\nwhile held < 1000:\n    try:\n"
            "        if os.fork() == 0:\n            time.sleep(40); os._exit(0)\n"
            "        held += 1\n    except OSError:\n        break\n"
            "print('holding', held, os.getuid(), flush=True)\ntime.sleep(25)")
    honest = ("import os, subprocess\nps = [subprocess.Popen(['sleep', '1']) for _ in range(60)]\n"
              "print(sum(p.wait() == 0 for p in ps), os.getuid())")

    async def both():
        from nbclient import NotebookClient

        async def one(source, delay):
            await asyncio.sleep(delay)
            nb = new_notebook(cells=[new_code_cell(source)])
            config = Config()
            config.SandboxKernelManager.kernels_dir = str(REPO / "assignments" / "kernels")
            client = NotebookClient(nb, timeout=60, allow_errors=True, config=config,
                                    kernel_manager_class=SandboxKernelManager,
                                    resources={"metadata": {"path": str(here)}})
            await client.async_execute()
            return "".join(o.get("text", "") for o in nb.cells[0].outputs).strip()

        return await asyncio.gather(one(bomb, 0), one(honest, 10))

    held, started = asyncio.run(both())
    assert held.startswith("holding ") and int(held.split()[1]) < 200, held
    assert started.split()[0] == "60", started
    uids = {held.split()[2], started.split()[1]}
    assert len(uids) == (2 if cage == "accounts" else 1), uids
