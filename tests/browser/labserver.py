"""Starting a real JupyterLab server and a page that may reach only it (the browser tier).

The server runs on a free localhost port over a temporary folder, with its own settings,
workspace, runtime dir and learner record. No `playwright install`: Debian's
/usr/bin/chromium is launched directly (conftest.py).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chromium import CHROMIUM

from course_instructor.hub import serving
from course_instructor.hub.layout import free_port

ROOT = Path(__file__).resolve().parents[2]


def _lab_settings(settings_dir: Path) -> None:
    # Render every cell (no windowing) so selectors see the whole notebook.
    tracker = settings_dir / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    # No "get notified about Jupyter news?" toast over the notebook.
    notes = settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Lab in Mongolian, as trainees start it (lab-config/trainee/overrides.json): the tier runs
    # with the course's language pack, so no test may find its way by an English label.
    lang = settings_dir / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    lang.parent.mkdir(parents=True, exist_ok=True)
    lang.write_text(json.dumps({"locale": "mn_MN"}))


@contextlib.contextmanager
def serve_lab(root: Path, env_extra: dict | None = None):
    """A JupyterLab server over ``root`` (also its working directory, where nbgrader looks
    for nbgrader_config.py), on a free port; yields its URL and stops it afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make sysdeps` (installs Debian's chromium)")
    for sub in ("settings", "workspaces", "runtime"):
        (root / f".{sub}").mkdir(exist_ok=True)
    _lab_settings(root / ".settings")
    env = dict(
        os.environ,
        COURSE_PROGRESS_DB=str(root / "progress.db"),
        JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
        JUPYTER_RUNTIME_DIR=str(root / ".runtime"),
        PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        **(env_extra or {}),
    )
    port = free_port()
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
    try:
        try:
            serving.wait_until_serving(f"{url}/api/status", proc, 90, ask_timeout=2)
        except serving.NotServing as exc:
            pytest.fail(f"JupyterLab: {exc}:\n{(root / 'lab.log').read_text()[-3000:]}")
        yield url
    finally:
        serving.stop(proc, 20)
        log.close()


@contextlib.contextmanager
def open_page(browser, url: str):
    """A fresh browser page that may reach ``url`` and nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="mn-MN")
    # Offline by construction: anything but the local server is refused, so a figure that
    # needs a CDN would show up as missing, not silently load.
    context.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(url) or route.request.url.startswith("data:")
        else route.abort(),
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def stop_kernels(base: str) -> None:
    """Shut every session's kernel down as the page itself does: with the server's XSRF cookie
    and its X-XSRFToken header (a bare DELETE gets 403). Fails loudly if one stays up."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/lab", timeout=60).close()  # the page sets the _xsrf cookie
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), None)
    if not xsrf:
        pytest.fail(f"{base}/lab set no _xsrf cookie: cannot stop kernels")

    def sessions() -> list[dict]:
        with opener.open(f"{base}/api/sessions", timeout=30) as resp:
            return json.load(resp)

    # a page closed while Lab was still starting its session can leave one appearing late:
    # delete until none is left, then fail naming what would not stop
    deadline = time.monotonic() + 60
    while left := sessions():
        if time.monotonic() > deadline:
            pytest.fail(f"kernels still running after shutdown: {[s.get('path') for s in left]}")
        for session in left:
            req = urllib.request.Request(f"{base}/api/sessions/{session['id']}",
                                         method="DELETE", headers={"X-XSRFToken": xsrf})
            try:
                opener.open(req, timeout=60).close()
            except urllib.error.HTTPError as exc:
                if exc.code != 404:  # 404: it stopped by itself meanwhile (its tab was closed)
                    pytest.fail(f"stopping kernel of {session.get('path')}: HTTP {exc.code} "
                                f"{exc.read()[:300]!r}")
        time.sleep(1)
