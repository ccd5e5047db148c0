"""The class server keeps keys and people apart (issue 22, point 7), as real accounts: the
checkout `make hub` runs from is private or the hub does not start; a trainee's kernel can
neither read it nor see anyone else's processes; the gradebook cluster has no TCP port; a
roster comes in whole or not at all; a submission made by hand stops nobody's feedback; and
the spawn page tells a waiting trainee, in Mongolian, what is happening."""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import aiohttp
from conftest import AID, CLASSROOM, REPO, classroom
from hubclient import HubUser
from hubload.trainee import Trainee

from course_instructor.hub import pgcluster, privacy
from course_instructor.hub.accounts import exists

KEY = REPO / "assignments" / "source" / AID / f"{AID}.ipynb"


def test_make_hub_refuses_a_checkout_trainees_could_read():
    checkout = Path(tempfile.mkdtemp(prefix="ct-checkout-", dir="/tmp"))
    hub_dir = Path(tempfile.mkdtemp(prefix="ct-refused-", dir="/tmp")) / "hub"
    try:
        key = checkout / "assignments" / "source" / AID / f"{AID}.ipynb"
        key.parent.mkdir(parents=True)
        key.write_text("the key", encoding="utf-8")
        for path in (checkout, *checkout.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)  # a clone in a shared folder
        done = subprocess.run([str(CLASSROOM), "--hub-dir", str(hub_dir), "up", "--prefix",
                               "ct-", "--course", "c9"], capture_output=True, text=True,
                              env={**os.environ, "COURSE_REPO": str(checkout)}, timeout=120)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert f"Trainees could read this checkout ({checkout})" in done.stderr
        assert "сонсогч уншиж чадна" in done.stderr and f"chmod 700 {checkout}" in done.stderr
        assert not hub_dir.exists()  # refused before anything was made
    finally:
        shutil.rmtree(checkout)
        shutil.rmtree(hub_dir.parent)


PROBE = f"""
import os
def tries(path):
    try:
        with open(path, 'rb') as f:
            f.read(1)
        return 'read'
    except OSError as err:
        return type(err).__name__
owners = set()
for pid in os.listdir('/proc'):
    if pid.isdigit():
        try:
            owners.add(os.stat('/proc/' + pid).st_uid)
        except OSError:
            pass
(tries({str(KEY)!r}), tries({str(REPO / "README.md")!r}), sorted(owners))
"""


async def _in_kernel(hub, name: str, code: str) -> str:
    """``code`` run in the trainee's own kernel on the hub (log in, start, open module 01, as
    a browser does: bench/hubload), its result as text."""
    trainee = Trainee(hub.url, name, hub.passwords[name], {}, lambda t: None, None)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar,
                                     timeout=aiohttp.ClientTimeout(total=300)) as trainee.http:
        await trainee._login()
        await trainee._start_server()
        await trainee._open_module()
        try:
            _, request = await trainee.channel.execute(code)
        finally:
            await trainee.channel.close()
    assert not request.errors, request.errors
    return request.outputs[-1]["text/plain"]


def test_a_trainees_kernel_reads_no_key_and_sees_only_its_own_processes(released):
    assert KEY.is_file()  # the rule is about a key that is there
    result = asyncio.run(_in_kernel(released, "ct-t2", PROBE))
    uid = pwd.getpwnam("ct-t2").pw_uid
    assert privacy.proc_hidepid() in privacy.HIDDEN  # set-up could on this machine
    assert result == f"('PermissionError', 'PermissionError', [{uid}])", result


def test_the_gradebook_cluster_listens_on_no_tcp_port(hub):
    lay = hub.layout
    assert pgcluster.listening_tcp(lay.pg_port) == []
    assert pgcluster.sql(lay.pg_port, lay.pg_socket, "SHOW listen_addresses") == ""


def test_a_bad_roster_makes_no_account(hub):
    roster = Path(hub.dir) / "roster-bad.csv"
    roster.write_text("login,first_name,last_name,email\nct-new1,Шинэ,Сонсогч,n@example.org\n"
                      "\nct-trainees,Бүлэг,Нэр,g@example.org\n"
                      "ct-grader-c1,Дүн,Тавигч,d@example.org\n", encoding="utf-8")
    done = classroom(hub.dir, "roster", "import", "c1", str(roster), check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [
        "мөр/line 4: «ct-trainees» нэртэй бүлэг системд байна / is the name of an existing "
        "group",
        "мөр/line 5: «ct-grader-c1» бол хичээлийн дүн тавих бүртгэл, сонсогч болохгүй / is the "
        "course's grader account, not a trainee"]
    assert not exists("ct-new1")  # checked whole: nothing was made


def test_a_hand_made_submission_stops_nobodys_feedback(released):
    hub = released
    assert hub.as_user("ct-s01", "nbgrader", "fetch_assignment", AID, "--course",
                       "c1").returncode == 0
    inbound = hub.layout.path("exchange", "c1", "inbound")
    by_hand = inbound / f"ct-s01+{AID}+2026-12-07 09:00:00.000000 UTC8+byhand"
    made = hub.as_user("ct-s01", "cp", "-r", f"{pwd.getpwnam('ct-s01').pw_dir}/{AID}",
                       str(by_hand))
    assert made.returncode == 0, made.stderr
    collect = hub.grader("c1", "nbgrader", "collect", AID)
    assert collect.returncode == 0, collect.stderr[-2000:]
    assert "QUARANTINED: ct-s01's submission has no submission_secret.txt" in collect.stderr
    for step in ("autograde", "generate_feedback", "release_feedback"):  # the whole class
        done = hub.grader("c1", "nbgrader", step, AID)
        assert done.returncode == 0, done.stderr[-2000:]
    submitted = hub.layout.course_root(hub.course("c1")) / "submitted"
    assert not (submitted / "ct-s01" / AID).exists()


def test_the_spawn_page_says_in_mongolian_what_is_happening(hub):
    me = HubUser(hub.url, "ct-s02", hub.passwords["ct-s02"])
    # the hub answers at once (slow_spawn_timeout 0), so the page shows from the first second
    assert me.api("POST", "/users/ct-s02/server").status_code == 202
    page = me.get("/hub/spawn-pending/ct-s02", allow_redirects=False)
    try:
        assert page.status_code == 200, page.status_code  # still starting: the page shows
        # decoded as what it is: the hub's text/html names no charset, and requests would
        # read it as Latin-1
        text = page.content.decode("utf-8")
        assert "Таны JupyterLab ачаалж байна" in text
        assert 'id="progress-bar"' in text  # the stock page, extended
    finally:
        me.start_server()
        me.api("DELETE", "/users/ct-s02/server")
