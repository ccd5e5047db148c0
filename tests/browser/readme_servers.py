"""The README's own commands, started as a trainee or instructor would: `make lab`,
`make lab-instructor`, `make app` (with the README's `ARGS=...` for a server without a screen).

They run in a copy of the repository's tracked files (a fresh clone, in effect), because
`make lab` serves the repository root and JupyterLab autosaves what it runs; the copy shares
the worktree's `.venv` (timestamps kept, so make does not reinstall). User-level Lab settings,
workspaces and the learner record are isolated per server.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from labserver import ROOT

from course_instructor.hub import serving
from course_instructor.hub.layout import free_port


def repo_copy(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


@contextlib.contextmanager
def make_server(root: Path, target: str, ready_path: str, args: str = ""):
    """`make -s TARGET ARGS="--no-browser --port P ..."` in ``root``; yields (base URL, the
    URL the server printed), stops the whole process group afterwards."""
    port = free_port()
    state = root.parent / f"{root.name}-{target}-state"
    for sub in ("settings", "workspaces", "runtime"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, COURSE_PROGRESS_DB=str(state / "progress.db"),
               JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(state / "runtime"))
    log_path = state / "server.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        ["make", "-s", target, f"ARGS=--no-browser --port {port} {args}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            serving.wait_until_serving(base + ready_path, proc, 120)
        except serving.NotServing as exc:
            pytest.fail(f"`make {target}` did not serve {ready_path} ({exc}):\n"
                        + log_path.read_text()[-3000:])
        printed = re.findall(r"https?://(?:127\.0\.0\.1|localhost):\d+/\S*",
                             log_path.read_text())
        yield base, printed, log_path
    finally:
        serving.stop(proc, 30, group=True)
        log.close()


# Test-only options on top of the README's: no token and the app object for reading the model.
# XSRF stays checked, as for a trainee (labserver.stop_kernels sends the cookie and header).
LAB_ARGS = "--ServerApp.ip=127.0.0.1 --IdentityProvider.token= --LabApp.expose_app_in_browser=True"
