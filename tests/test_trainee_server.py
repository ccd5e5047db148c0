"""How a trainee's server starts (course_instructor/hub/trainee_server.py): the start-up line
skips what a trainee's server never uses, and leaves the server's environment as it was."""

from __future__ import annotations

import os
import subprocess
import sys

from course_instructor.hub import trainee_server

# what the start-up line runs before the server, then a report of what it left behind
REPORT = ("print(os.environ['PATH']); print('rfc3987_syntax' in sys.modules and "
          "sys.modules['rfc3987_syntax'] is None); print('jupyterlab.labapp' in sys.modules)")


def fake_node(tmp_path):
    """A `node` first on PATH that leaves a mark when JupyterLab asks it anything."""
    folder = tmp_path / "bin"
    folder.mkdir()
    node = folder / "node"
    mark = tmp_path / "node-was-asked"
    node.write_text(f"#!/bin/sh\ntouch {mark}\nexit 1\n")
    node.chmod(0o755)
    return folder, mark


def run(code: str, path: str) -> list[str]:
    env = {**os.environ, "PATH": path}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout.splitlines()


def test_jupyterlab_does_not_ask_node_and_path_comes_back(tmp_path):
    folder, mark = fake_node(tmp_path)
    path = f"{folder}{os.pathsep}{os.environ['PATH']}"
    assert run(trainee_server.PREFIX + REPORT, path) == [path, "True", "True"]
    assert not mark.exists()


def test_without_the_prefix_jupyterlab_does_ask_node(tmp_path):
    """The look-up the prefix skips is real: a plain import of JupyterLab runs `node`."""
    folder, mark = fake_node(tmp_path)
    run("import jupyterlab.labapp", f"{folder}{os.pathsep}{os.environ['PATH']}")
    assert mark.exists()


def test_the_server_command_is_the_prefix_then_jupyterhub_singleuser():
    python, flag, code = trainee_server.command("/venv/bin/python")
    assert (python, flag) == ("/venv/bin/python", "-c")
    assert code.startswith(trainee_server.PREFIX)
    assert code.endswith("from jupyterhub.singleuser import main; sys.exit(main())")
