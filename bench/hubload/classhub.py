"""A class server for one bench run, booted the way `make hub` boots one
(course_instructor/hub/classroom.py
setup, roster import, up) on loopback, with its own accounts (prefix `lt-`), PostgreSQL cluster
and folder — all removed afterwards by `classroom.py down`."""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from course_instructor.hub.layout import free_port
from course_instructor.hub.privacy import kept_private

REPO = Path(__file__).resolve().parents[2]
# the README's command: the installed console script beside this Python
CLASSROOM = Path(sys.executable).parent / "course-hub"

PREFIX = "lt-"
COURSE = "load"
# the servers' venv (course_lib wheel + jupyterhub) outlives a run, rebuilt only when the
# library changes (course_instructor/hub/setup_class.py): the bench measures the class, not pip
VENV_CACHE = "/var/cache/course-hub-bench/venv"


def classroom(hub_dir: str, *args: str) -> str:
    done = subprocess.run([str(CLASSROOM), "--hub-dir", hub_dir, *args],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"classroom.py {args[0]}: {(done.stdout + done.stderr)[-1500:]}")
    return done.stdout


def _wait_for_api(url: str, proc: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the hub exited:\n" + log.read_text()[-3000:])
        with contextlib.suppress(urllib.error.URLError, ConnectionError):
            with urllib.request.urlopen(f"{url}/hub/api", timeout=5):
                return
        time.sleep(0.5)
    raise RuntimeError(f"the hub did not answer within {seconds} s")


@contextlib.contextmanager
def class_server(trainees: list[str]):
    """Yield (url, {login: password}, hub pid) for a hub whose roster is ``trainees``, run
    from this checkout made private (make hub refuses a checkout trainees could read)."""
    hub_dir = tempfile.mkdtemp(prefix="lthub-", dir="/tmp")
    os.chmod(hub_dir, 0o755)
    with kept_private(REPO), _class_server(hub_dir, trainees) as running:
        yield running


@contextlib.contextmanager
def _class_server(hub_dir: str, trainees: list[str]):
    proc = None
    try:
        classroom(hub_dir, "setup", "--prefix", PREFIX, "--course", COURSE,
                  "--pg-cluster", f"lthub{os.getpid()}", "--pg-port", str(free_port()),
                  "--venv-dir", VENV_CACHE)
        roster = Path(hub_dir) / "roster.csv"
        roster.write_text("login,first_name,last_name,email\n" + "".join(
            f"{name},Сонсогч,{n},{name}@example.org\n" for n, name in enumerate(trainees)),
            encoding="utf-8")
        classroom(hub_dir, "roster", "import", COURSE, str(roster))
        with open(Path(hub_dir) / "state" / "passwords.csv", encoding="utf-8") as f:
            passwords = {row["login"]: row["password"] for row in csv.DictReader(f)}
        port = free_port()
        log = Path(hub_dir) / "state" / "hub.log"
        with open(log, "w") as out:
            proc = subprocess.Popen([str(CLASSROOM), "--hub-dir", hub_dir, "up",
                                     "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait_for_api(url, proc, log)
        yield url, passwords, proc.pid
    finally:
        if proc is not None:
            _stop(proc)
        if (Path(hub_dir) / "hub.json").exists():
            classroom(hub_dir, "down")  # accounts, groups, cluster and folder
        else:
            os.rmdir(hub_dir)


def _stop(proc: subprocess.Popen) -> None:
    """The hub, then whatever it started that outlived it (proxy, servers): by pid only."""
    try:
        family = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for child in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
