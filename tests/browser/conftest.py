"""A real JupyterLab server and a real headless Chromium for the browser tier.

The server runs on a free localhost port over a temporary copy of the notebooks (Lab autosaves
what it runs: the repository's notebooks must stay clean), with its own settings, workspace
and learner record. No `playwright install`: Debian's /usr/bin/chromium is launched directly.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _lab_settings(settings_dir: Path) -> None:
    # Render every cell (no windowing) so selectors see the whole notebook.
    tracker = settings_dir / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    # No "get notified about Jupyter news?" toast over the notebook.
    notes = settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make sysdeps` (installs Debian's chromium)")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    for sub in ("settings", "workspaces", "runtime"):
        (root / f".{sub}").mkdir()
    _lab_settings(root / ".settings")
    env = dict(
        os.environ,
        COURSE_PROGRESS_DB=str(root / "progress.db"),
        JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
        JUPYTER_RUNTIME_DIR=str(root / ".runtime"),
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    )
    port = _free_port()
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--allow-root", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         # window.jupyterapp lets tests read the notebook model (which cells have run)
         "--LabApp.expose_app_in_browser=True",
         f"--ServerApp.root_dir={root}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited early:\n{(root / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("JupyterLab did not answer /api/status within 90 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="mn-MN")
    # Offline by construction: anything but the local server is refused, so a figure that
    # needs a CDN would show up as missing, not silently load.
    context.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(lab_url) or route.request.url.startswith("data:")
        else route.abort(),
    )
    pg = context.new_page()
    yield pg
    context.close()
    _shut_down_kernels(lab_url)


def _shut_down_kernels(lab_url: str) -> None:
    # Each test opens its own notebook; idle kernels left behind would crowd two cores.
    try:
        with urllib.request.urlopen(f"{lab_url}/api/sessions", timeout=10) as resp:
            sessions = json.load(resp)
        for session in sessions:
            req = urllib.request.Request(f"{lab_url}/api/sessions/{session['id']}", method="DELETE")
            urllib.request.urlopen(req, timeout=10).close()
    except OSError:
        pass  # the server is going away anyway
