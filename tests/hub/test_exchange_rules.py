"""Bad input and concurrency at the exchange, as real accounts (issue 14, point 8), and
deadlines typed in Ulaanbaatar time (point 1): each gets a clear message, nothing is lost."""

from __future__ import annotations

import datetime
import json
import os
import pwd
import shutil
import subprocess
from pathlib import Path

import nbgrader_submissions as subs
import pytest
from conftest import AID, CROWD, answered
from hubclient import HubUser

UB = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Ulaanbaatar, no DST since 2017
CROWD_AID = "a02_wave"


def test_submitting_to_an_assignment_that_does_not_exist(released):
    done = released.as_user("ct-t2", "nbgrader", "submit", "a99_none", "--course", "c1")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "Ийм даалгавар алга" in done.stderr, done.stderr[-800:]
    # a folder of the right name, but the instructor has not released that assignment
    assert released.as_user("ct-t2", "mkdir", "a03_approaches").returncode == 0
    early = released.as_user("ct-t2", "nbgrader", "submit", "a03_approaches", "--course", "c1")
    assert early.returncode != 0 and "Traceback" not in early.stderr
    assert "Ийм даалгавар энэ хичээлд алга" in early.stderr, early.stderr[-800:]


def _gradebook_row(hub, cid: str, student: str) -> dict:
    return json.loads(hub.query(cid, (
        f"(lambda s: json.dumps({{'due': str(s.assignment.duedate), 'at': str(s.timestamp), "
        "'late': s.total_seconds_late, 'penalty': s.late_submission_penalty, "
        f"'nb_score': sum(n.score for n in s.notebooks)}}))(gb.find_submission({AID!r}, "
        f"{student!r}))")))


def test_a_late_submission_in_ulaanbaatar_time(released):
    """ct-i2 types a deadline in formgrader as local time; ct-t3 submits after it."""
    hub = released
    me = HubUser(hub.url, "ct-i2", hub.passwords["ct-i2"])
    api = f"/services/c2/formgrader/api/assignment/{AID}"
    assert me.get("/services/c2/formgrader/manage_assignments").status_code == 200
    model = me.get(api).json()
    assert model["duedate_timezone"] == "+0800"  # formgrader pre-fills Ulaanbaatar's offset
    due_local = (datetime.datetime.now(UB) - datetime.timedelta(hours=2)).replace(
        second=0, microsecond=0, tzinfo=None)
    xsrf = next(c.value for c in me.s.cookies if c.name == "_xsrf"
                and c.path.startswith("/services/c2"))
    put = me.s.put(hub.url + api, timeout=60, headers={"X-XSRFToken": xsrf},
                   data=json.dumps({"duedate_notimezone": due_local.isoformat(timespec="minutes"),
                                    "duedate_timezone": model["duedate_timezone"]}))
    assert put.status_code == 200, put.text[:500]

    answered(hub, "ct-t3", "c2")  # a score to take the penalty from
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    done = hub.as_user("ct-t3", "nbgrader", "submit", AID, "--course", "c2")
    after = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    assert done.returncode == 0, done.stderr[-1500:]
    inbound = hub.layout.path("exchange", "c2", "inbound")
    newest = max((p for p in inbound.iterdir() if p.name.startswith("ct-t3+")),
                 key=lambda p: p.stat().st_mtime)
    stamp = (newest / "timestamp.txt").read_text()
    assert stamp.endswith(" UTC8") and "+" not in stamp  # local wall time, named as such

    collect = hub.grader("c2", "nbgrader", "collect", "--update", AID)
    assert collect.returncode == 0, collect.stderr[-1500:]
    assert "LATE: ct-t3 submitted 2 h" in collect.stderr, collect.stderr[-1500:]
    grade = hub.grader("c2", "nbgrader", "autograde", AID, "--force", "--student", "ct-t3")
    assert grade.returncode == 0, grade.stderr[-2000:]

    row = _gradebook_row(hub, "c2", "ct-t3")
    due_utc = due_local - datetime.timedelta(hours=8)
    assert row["due"] == str(due_utc)  # what the instructor typed, in Ulaanbaatar time
    at = datetime.datetime.fromisoformat(row["at"])
    assert before <= at <= after  # the exact instant of the submit, kept in the gradebook
    assert local_of(stamp) == at + datetime.timedelta(hours=8)
    assert row["late"] == pytest.approx((at - due_utc).total_seconds())
    # the course policy: 10 % of the score per started day late
    assert row["penalty"] == pytest.approx(round(0.1 * row["nb_score"], 2))
    assert row["nb_score"] > 0


def local_of(stamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stamp.rsplit(" ", 1)[0])


def test_twenty_trainees_submit_in_the_same_second(released):
    """nbgrader #919 lost submissions when many arrived at once: every one must be collected,
    each the trainee's own."""
    hub = released
    for step in (("generate_assignment", CROWD_AID, "--force"),
                 ("release_assignment", CROWD_AID, "--force")):
        done = hub.grader("c1", "nbgrader", *step)
        assert done.returncode == 0, done.stderr[-1500:]
    outbound = hub.layout.path("exchange", "c1", "outbound", CROWD_AID)
    for name in CROWD:  # as fetched (fetch is tested elsewhere), with a mark of whose it is
        user = pwd.getpwnam(name)
        target = Path(user.pw_dir) / CROWD_AID
        shutil.copytree(outbound, target, dirs_exist_ok=True)
        (target / "mark.txt").write_text(name, encoding="utf-8")
        for path in [target, *target.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)
    # each process loads nbgrader first, says "ready", then submits when the line arrives
    code = ("import sys; from nbgrader.apps import NbGraderApp; print('ready', flush=True);"
            "sys.stdin.readline(); sys.argv = ['nbgrader', 'submit', sys.argv[1], '--course', "
            "'c1']; NbGraderApp.launch_instance()")
    procs = [popen_as(hub, name, "python", "-c", code, CROWD_AID) for name in CROWD]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for name, p in zip(CROWD, procs, strict=True):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, (name, err[-1500:])
    inbound = hub.layout.path("exchange", "c1", "inbound")
    mine = [p for p in inbound.iterdir() if f"+{CROWD_AID}+" in p.name]
    assert len(mine) == 20
    seconds = {(p / "timestamp.txt").read_text()[:19] for p in mine}
    print(f"20 submissions over {len(seconds)} distinct second(s)")

    collect = hub.grader("c1", "nbgrader", "collect", CROWD_AID)
    assert collect.returncode == 0, collect.stderr[-1500:]
    root = hub.layout.course_root(hub.course("c1"))
    for name in CROWD:
        mark = root / "submitted" / name / CROWD_AID / "mark.txt"
        assert mark.read_text(encoding="utf-8") == name


def popen_as(hub, user: str, *args: str) -> subprocess.Popen:
    lay = hub.layout
    env = {"HOME": pwd.getpwnam(user).pw_dir, "LANG": "C.UTF-8",
           "PATH": str(lay.venv("bin")) + ":/usr/bin:/bin",
           "JUPYTER_CONFIG_PATH": str(lay.path("etc", "jupyter"))}
    return subprocess.Popen(["runuser", "-u", user, "--", "env", "-i",
                             *(f"{k}={v}" for k, v in env.items()), *args],
                            cwd=env["HOME"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_the_exchange_disk_full(released):
    """A submit that cannot be written says so, leaves no half copy, and the work is safe."""
    hub = released
    grader = pwd.getpwnam(hub.course("c1").grader(hub.layout.prefix))
    inbound = hub.layout.path("exchange", "c1", "inbound")
    mode = inbound.stat().st_mode & 0o7777
    subprocess.run(["mount", "-t", "tmpfs", "-o",
                    f"size=64k,mode={mode:o},uid={grader.pw_uid},gid={grader.pw_gid}",
                    "tmpfs", str(inbound)], check=True)
    try:
        filler = inbound / "filler"
        with open(filler, "wb", buffering=0) as f, pytest.raises(OSError):
            while True:
                f.write(b"\0" * 4096)
        done = hub.as_user("ct-t2", "nbgrader", "submit", AID, "--course", "c1")
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert "Илгээж чадсангүй" in done.stderr and "your work is safe" in done.stderr
        assert sorted(p.name for p in inbound.iterdir()) == ["filler"]  # no half copy
    finally:
        subprocess.run(["umount", str(inbound)], check=True)
    home = Path(pwd.getpwnam("ct-t2").pw_dir) / AID
    assert (home / f"{AID}.ipynb").is_file()
    again = hub.as_user("ct-t2", "nbgrader", "submit", AID, "--course", "c1")
    assert again.returncode == 0, again.stderr[-1500:]


def test_what_a_trainee_plants_in_inbound_is_not_collected(released):
    """Inbound is writable by every trainee. A trainee plants a newer "submission" holding a
    link to the grader's own source notebook (the grader can read it; nbgrader's copy follows
    links) and a pipe (nbgrader's copy would wait on it forever): collect finishes, takes no
    key and no pipe, and says what it left out."""
    hub, trainee = released, CROWD[0]
    from course_instructor.exchange import local_timestamp

    root = hub.layout.course_root(hub.course("c1"))
    key = root / "source" / CROWD_AID / f"{CROWD_AID}.ipynb"
    planted = (hub.layout.path("exchange", "c1", "inbound")
               / f"{trainee}+{CROWD_AID}+{local_timestamp('Asia/Ulaanbaatar')}+planted")
    # with a secret of its own making (collect sets aside a folder without one: test_keys_apart)
    script = (f'set -e; d="{planted}"; mkdir "$d"; echo "{{}}" > "$d/{CROWD_AID}.ipynb"; '
              f'echo planted > "$d/submission_secret.txt"; '
              f'ln -s "{key}" "$d/answers.json"; mkfifo "$d/pipe"')
    done = hub.as_user(trainee, "sh", "-c", script)
    assert done.returncode == 0, done.stderr
    collect = hub.grader("c1", "nbgrader", "collect", "--update", CROWD_AID)
    assert collect.returncode == 0, collect.stderr[-1500:]
    assert "LEFT OUT" in collect.stderr and "answers.json" in collect.stderr
    taken = root / "submitted" / trainee / CROWD_AID
    assert sorted(p.name for p in taken.iterdir()) == [f"{CROWD_AID}.ipynb",
                                                       "submission_secret.txt", "timestamp.txt"]
    secrets = subs.keys.secret_lines(key)  # what a released copy never holds
    assert secrets
    texts = [p.read_text(errors="replace") for p in taken.iterdir()]
    assert not [line for line in secrets for text in texts if line in text]

