"""The nbgrader cycle on the class server, through the exchange, as real accounts:
release -> fetch/submit (a trainee in Chromium's Assignments tab, others by CLI) -> collect ->
autograde (gradebook in PostgreSQL) -> feedback -> fetch feedback; and who may see what."""

from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

import nbformat
import pytest
from hubclient import HubUser

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "nbgrader"))
import nbgrader_submissions as subs  # noqa: E402

AID = "a01_definition"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def released(hub):
    for cid in ("c1", "c2"):
        for step in (("nbgrader", "generate_assignment", AID, "--force"),
                     ("nbgrader", "release_assignment", AID, "--force")):
            done = hub.grader(cid, *step)
            assert done.returncode == 0, done.stderr[-2000:]
    return hub


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def browser_login(browser, hub, name):
    page = browser.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    return page


def test_formgrader_is_each_courses_own(released):
    hub = released
    for name, mine, other in (("ct-i1", "c1", "c2"), ("ct-i2", "c2", "c1")):
        me = HubUser(hub.url, name, hub.passwords[name])
        assert me.logged_in
        assert me.get(f"/services/{mine}/formgrader/api/assignments").status_code == 200
        assert me.get(f"/services/{other}/formgrader/api/assignments").status_code == 403
    trainee = HubUser(hub.url, "ct-t1", hub.passwords["ct-t1"])
    assert trainee.get("/services/c1/formgrader").status_code == 403
    assert trainee.api("GET", "/users/ct-t2").status_code in (403, 404)
    outsider = HubUser(hub.url, "ct-t1", "wrong password")
    assert not outsider.logged_in


def test_trainee_fetches_and_submits_in_the_assignments_tab(released, browser):
    hub = released
    page = browser_login(browser, hub, "ct-t1")
    page.wait_for_url("**/user/ct-t1/lab/tree/notebooks/00_welcome.ipynb**", timeout=120_000)
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_text("Assignment List").click()
    released_row = page.locator("#released_assignments_list .list_item", has_text=AID)
    released_row.get_by_role("button", name="Fetch").click()
    fetched = page.locator("#fetched_assignments_list .list_item", has_text=AID).first
    fetched.wait_for()
    home = Path(pwd.getpwnam("ct-t1").pw_dir)
    assert (home / AID / f"{AID}.ipynb").is_file()
    # the trainee's work: every item answered (as the solutions key would)
    nb, answers = subs.solution(hub.layout.course_root(hub.course("c1")), AID)
    nbformat.write(nb, home / AID / f"{AID}.ipynb")
    (home / AID / "answers.json").write_text(__import__("json").dumps(answers), "utf-8")
    user = pwd.getpwnam("ct-t1")
    for path in (home / AID).iterdir():
        os.chown(path, user.pw_uid, user.pw_gid)
    fetched.get_by_role("button", name="Submit").click()
    page.locator("#submitted_assignments_list .list_item", has_text=AID).first.wait_for()
    page.close()


def test_cli_trainees_and_a_forged_submission(released):
    hub = released
    for name, cid in (("ct-t2", "c1"), ("ct-t3", "c2")):
        for step in (("fetch_assignment", AID), ("submit", AID), ("submit", AID)):
            done = hub.as_user(name, "nbgrader", *step, "--course", cid)
            assert done.returncode == 0, done.stderr[-1500:]  # submitting twice is allowed
    forged = hub.as_user("ct-t2", "nbgrader", "submit", AID, "--course", "c1",
                         "--student", "ct-t1")
    assert forged.returncode == 0  # the exchange accepts it; collect must refuse it
    missing = hub.as_user("ct-t2", "nbgrader", "submit", "a99_none", "--course", "c1")
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_collect_autograde_gradebook_in_postgres(released):
    hub = released
    collect = hub.grader("c1", "nbgrader", "collect", AID)
    assert collect.returncode == 0, collect.stderr[-2000:]
    assert "cheating attempt" in collect.stderr  # ct-t2's --student=ct-t1 copy is skipped
    again = hub.grader("c1", "nbgrader", "collect", AID)  # collecting twice loses nothing
    assert again.returncode == 0, again.stderr[-2000:]
    for cid in ("c1", "c2"):
        if cid == "c2":
            assert hub.grader(cid, "nbgrader", "collect", AID).returncode == 0
        done = hub.grader(cid, "nbgrader", "autograde", AID)
        assert done.returncode == 0, done.stderr[-3000:]
    c1, c2 = hub.gradebook("c1"), hub.gradebook("c2")
    assert c1["url"].startswith("postgresql+psycopg2:///gradebook_c1?host=")
    assert set(c1["scores"]) >= {"ct-t1", "ct-t2"} and "ct-t3" not in c1["scores"]
    assert c1["scores"]["ct-t1"][AID] > c1["scores"]["ct-t2"][AID]  # answers vs untouched
    assert set(c2["scores"]) == {"ct-t3"}


def test_instructor_opens_formgrader_through_the_hub(released, browser):
    page = browser_login(browser, released, "ct-i1")
    page.goto(f"{released.url}/services/c1/formgrader/gradebook/{AID}/{AID}")
    page.get_by_text("ct-t1").first.wait_for()
    page.goto(f"{released.url}/services/c2/formgrader")
    assert "403" in page.content() or "Forbidden" in page.content()
    page.close()


def test_feedback_reaches_only_its_trainee(released):
    hub = released
    for step in ("generate_feedback", "release_feedback"):
        done = hub.grader("c1", "nbgrader", step, AID)
        assert done.returncode == 0, done.stderr[-2000:]
    got = hub.as_user("ct-t1", "nbgrader", "fetch_feedback", AID, "--course", "c1")
    assert got.returncode == 0, got.stderr[-1500:]
    pages = list((Path(pwd.getpwnam("ct-t1").pw_dir) / AID / "feedback").rglob("*.html"))
    assert pages, "ct-t1 fetched no feedback"


@pytest.mark.parametrize("target", [
    "/home/ct-t1", "/home/ct-grader-c1/course", "/home/ct-grader-c1/course/gradebook.url",
])
def test_a_trainee_cannot_read(released, target):
    done = released.as_user("ct-t2", "ls", target)
    assert done.returncode != 0, f"ct-t2 could read {target}"


def test_a_trainee_has_no_gradebook_role(released):
    code = ("import psycopg2, sys; lay = sys.argv[1:]; "
            "psycopg2.connect(dbname='gradebook_c1', host=lay[0], port=int(lay[1]))")
    lay = released.layout
    done = released.as_user("ct-t2", "python", "-c", code, lay.pg_socket, str(lay.pg_port))
    assert done.returncode != 0
    assert "Peer authentication failed" in done.stderr or "does not exist" in done.stderr


def test_trainee_kernel_runs_the_wheel_not_the_repository(released):
    done = released.as_user("ct-t1", "python", "-c",
                            "import course_lib; print(course_lib.__file__)")
    assert done.returncode == 0, done.stderr
    assert str(released.layout.venv()) in done.stdout
    assert not Path(done.stdout.strip()).is_relative_to(Path(__file__).resolve().parents[2])
