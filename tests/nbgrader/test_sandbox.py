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
