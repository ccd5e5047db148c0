"""One class server for the whole hub tier: set up on loopback with its own PostgreSQL cluster,
three trainees and two instructors of two courses (accounts prefixed `ct-`), then torn down —
no process, account, group, cluster or folder left behind (checked)."""

from __future__ import annotations

import csv
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from course_instructor.hub import accounts
from course_instructor.hub.layout import load
from course_instructor.hub.privacy import kept_private

REPO = Path(__file__).resolve().parents[2]

# the README's command: the installed console script beside this Python
CLASSROOM = Path(sys.executable).parent / "course-hub"

TRAINEES = {"ct-t1": "c1", "ct-t2": "c1", "ct-t3": "c2"}
# twenty more in c1 who all submit in the same second (tests/hub/test_exchange_rules.py)
CROWD = [f"ct-s{n:02d}" for n in range(1, 21)]
TRAINEES.update({name: "c1" for name in CROWD})
INSTRUCTORS = {"ct-i1": "c1", "ct-i2": "c2"}
AID = "a01_definition"
# The servers' venv (course_lib wheel + jupyterhub) outlives a run: rebuilt only when the
# library or the pins change (setup_class.environment). Outside the repository, whose sources
# trainees must not reach; root-owned, read-only to others.
VENV_CACHE = "/var/cache/course-hub-test/venv"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def classroom(hub_dir: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`.venv/bin/course-hub ...` as the README gives it, HUB_DIR set."""
    done = subprocess.run([str(CLASSROOM), *args], capture_output=True,
                          text=True, check=False, env={**os.environ, "HUB_DIR": hub_dir})
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def descendants(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class Hub:
    def __init__(self, hub_dir: str, url: str, passwords: dict[str, str]):
        self.dir, self.url, self.passwords = hub_dir, url, passwords
        self.layout = load(hub_dir)

    def course(self, cid: str):
        return next(c for c in self.layout.courses if c.id == cid)

    def as_user(self, user: str, *args: str, cwd: str | None = None,
                extra_env: dict | None = None) -> subprocess.CompletedProcess:
        """A command as that account, in the environment its hub server has."""
        lay = self.layout
        env = {"HOME": pwd.getpwnam(user).pw_dir, "LANG": "C.UTF-8",
               "PATH": str(lay.venv("bin")) + ":/usr/bin:/bin",
               "JUPYTER_CONFIG_PATH": str(lay.path("etc", "jupyter")),
               "COURSE_DATA_DIR": str(lay.path("course", "data")), **(extra_env or {})}
        return subprocess.run(["runuser", "-u", user, "--", "env", "-i",
                               *(f"{k}={v}" for k, v in env.items()), *args],
                              cwd=cwd or env["HOME"], capture_output=True, text=True,
                              check=False, timeout=300)

    def grader(self, cid: str, *args: str) -> subprocess.CompletedProcess:
        c = self.course(cid)
        return self.as_user(c.grader(self.layout.prefix), *args,
                            cwd=str(self.layout.course_root(c)),
                            extra_env={"COURSE_HEADLESS": "1"})

    def query(self, cid: str, expr: str) -> str:
        """``expr`` printed with ``gb`` open on the course's PostgreSQL gradebook (``json``
        imported), run as its grader account: peer authentication, no password."""
        code = ("import json; from nbgrader.api import Gradebook;"
                "from course_instructor.grading.gradebook import gradebook_url;"
                f"gb = Gradebook(gradebook_url('.')); print({expr}); gb.close()")
        done = self.grader(cid, "python", "-c", code)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip().splitlines()[-1]

    def gradebook(self, cid: str) -> dict:
        """{'url': ..., 'scores': {student: {assignment: score}}}."""
        return json.loads(self.query(cid, (
            "json.dumps({'url': gradebook_url('.'), 'scores': {s.id: {a.name: "
            "gb.find_submission(a.name, s.id).score for a in gb.assignments if any("
            "x.student.id == s.id for x in a.submissions)} for s in gb.students}})")))


@pytest.fixture(scope="session")
def hub():
    if os.geteuid() != 0:
        pytest.fail("the hub tier makes real accounts and a PostgreSQL cluster: run it as root")
    hub_dir = tempfile.mkdtemp(prefix="cthub-", dir="/tmp")
    os.chmod(hub_dir, 0o755)
    cluster = f"cthub{os.getpid()}"
    port = free_port()
    # the README's command: `make hub ARGS='--course ... --instructors ...'` sets up, then runs
    args = ["--prefix", "ct-", "--course", "c1", "--instructors", "ct-i1", "--course", "c2",
            "--instructors", "ct-i2", "--pg-cluster", cluster, "--pg-port", str(free_port()),
            "--venv-dir", VENV_CACHE]
    log_path = Path(tempfile.mkstemp(prefix="cthub-log-", dir="/tmp")[1])
    passwords: dict[str, str] = {}
    proc = None
    # an instructor's terminal: Ctrl-C is SIGINT to the foreground group, stdin is a tty
    # (every server and service the hub starts inherits it unless told otherwise)
    terminal, tty = os.openpty()
    private = kept_private(REPO)  # docs/HUB.md: make hub runs from a private checkout
    private.__enter__()
    stopped: dict = {}
    try:
        with open(log_path, "w") as log:
            proc = subprocess.Popen(["make", "--no-print-directory", "hub", f"HUB_PORT={port}",
                                     "ARGS=" + " ".join(args)], cwd=REPO,
                                    env={**os.environ, "HUB_DIR": hub_dir}, stdout=log,
                                    stdin=tty, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 1200  # a first run builds the servers' venv
        while True:
            assert proc.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "the hub did not answer"
            try:
                if requests.get(f"{url}/hub/api", timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        for cid in ("c1", "c2"):
            roster = Path(hub_dir) / f"roster-{cid}.csv"
            rows = [f"{t},Сонсогч,{t[-1]},{t}@example.org" for t, c in TRAINEES.items()
                    if c == cid]
            roster.write_text("login,first_name,last_name,email\n" + "\n".join(rows) + "\n",
                              encoding="utf-8")
            classroom(hub_dir, "roster", "import", cid, str(roster))
        with open(Path(hub_dir) / "state" / "passwords.csv", encoding="utf-8") as f:
            passwords.update({r["login"]: r["password"] for r in csv.DictReader(f)})
        for name in INSTRUCTORS:
            passwords[name] = classroom(hub_dir, "roster", "reset-password",
                                        name).stdout.split(": ", 1)[1].strip()
        yield Hub(hub_dir, url, passwords)
    finally:
        subprocess.run(["umount", "-q", str(Path(hub_dir) / "exchange" / "c1" / "inbound")],
                       capture_output=True, check=False)  # if a disk-full test failed midway
        try:
            stopped = _tear_down(hub_dir, proc, cluster)
        finally:
            private.__exit__(None, None, None)
            os.close(terminal)
            os.close(tty)
        # the hub's own log, start to shutdown, for a reader of a failed run
        artifacts = REPO / "tests" / "artifacts"
        artifacts.mkdir(exist_ok=True)
        kept = Path(shutil.move(log_path, artifacts / "hub-server.log"))
        # what the instructor's terminal shows for the whole class, stopping included
        text = kept.read_text(encoding="utf-8", errors="replace")
        at = text.find("Traceback")
        context = text[max(0, at - 1500):at + 1500]
        assert at < 0, f"a traceback in the hub's log ({kept}):\n{context}"
        # Ctrl-C: the instructor is told what is waited for, and it ends within 15 s
        assert "Stopping:" in text and "Зогсоож байна" in text, text[-2000:]
        assert stopped.get("seconds", 99) <= 15 and not stopped.get("left"), stopped


def answered(hub: Hub, name: str, cid: str) -> None:
    """The trainee's fetched a01 with every item answered (as the solutions key would)."""
    import nbformat
    import nbgrader_submissions as subs

    home = Path(pwd.getpwnam(name).pw_dir) / AID
    nb, answers = subs.solution(hub.layout.course_root(hub.course(cid)), AID)
    nbformat.write(nb, home / f"{AID}.ipynb")
    (home / "answers.json").write_text(json.dumps(answers), "utf-8")
    user = pwd.getpwnam(name)
    for path in home.iterdir():
        os.chown(path, user.pw_uid, user.pw_gid)


@pytest.fixture(scope="session")
def released(hub):
    """a01 released in both courses through the exchange, by each course's grader account."""
    for cid in ("c1", "c2"):
        for step in (("nbgrader", "generate_assignment", AID, "--force"),
                     ("nbgrader", "release_assignment", AID, "--force")):
            done = hub.grader(cid, *step)
            assert done.returncode == 0, done.stderr[-2000:]
    return hub


def _tear_down(hub_dir: str, proc, cluster: str) -> dict:
    lay = load(hub_dir)
    names = [*TRAINEES, *INSTRUCTORS, *(c.grader(lay.prefix) for c in lay.courses)]
    uids = {pwd.getpwnam(n).pw_uid for n in names if accounts.exists(n)}
    family: list[int] = []
    stopped = {}
    if proc is not None:
        family = descendants(proc.pid)
        start = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: make and the hub it runs
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stopped["seconds"] = round(time.monotonic() - start, 1)
        # everything the hub started has stopped by then, not merely the hub
        stopped["left"] = [pid for pid in family if _alive(pid)]
        for pid in family:  # the proxy, the culler, services: only what this hub started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    done = classroom(hub_dir, "down", check=False)
    left_accounts = [n for n in names if accounts.exists(n)]
    left_groups = [g for g in ("ct-trainees", "ct-instructors") if accounts.group_exists(g)]
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert not left_accounts and not left_groups, (left_accounts, left_groups)
    assert cluster not in clusters.split(), clusters
    assert not Path(hub_dir).exists()
    assert hub_dir not in Path("/proc/mounts").read_text()
    # a process killed a moment ago may not be reaped yet: give the kernel a few seconds, and
    # count a zombie (exited, waiting for its parent to read its status) as not running
    deadline = time.monotonic() + 15
    while ((left := _running(uids)) or any(_alive(p) for p in family)) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not left, f"processes of the class's accounts still run: {left}"
    if proc is not None:
        assert not [pid for pid in family if _alive(pid)]
    return stopped


def _running(uids: set[int]) -> list[str]:
    """'pid command' of every live (not zombie) process owned by one of ``uids``."""
    return [f"{proc.name} {_command(proc)}" for proc in Path("/proc").glob("[0-9]*")
            if _uid(proc) in uids and _alive(int(proc.name))]


def _stat(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""  # gone


def _command(proc: Path) -> str:
    stat = _stat(int(proc.name))
    return stat[stat.find("(") + 1:stat.rfind(")")]


def _alive(pid: int) -> bool:
    """Running, or not yet exited: a zombie (exited, its status not yet read) is not."""
    stat = _stat(pid)
    return bool(stat) and stat[stat.rindex(")") + 2] != "Z"


def _uid(proc: Path) -> int | None:
    try:
        return proc.stat().st_uid
    except OSError:
        return None




@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """item.rep_call: a fixture's teardown knows whether its test failed (screenshots)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
