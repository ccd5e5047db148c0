"""The nbgrader cycle on the class server, through the exchange, as real accounts:
release -> fetch/submit (a trainee in Chromium's Assignments tab, others by CLI) -> collect ->
autograde (gradebook in PostgreSQL) -> feedback -> fetch feedback; and who may see what."""

from __future__ import annotations

import pwd
import time
from pathlib import Path

import polib
import pytest
from chromium import launched
from conftest import AID, REPO, answered
from hubclient import HubUser

# nbgrader's texts as the course's language pack gives them (its nbgrader domain)
NBGRADER_MN = {entry.msgid: entry.msgstr for entry in polib.pofile(
    REPO / "packages" / "jupyterlab-language-pack-mn-MN" / "jupyterlab_language_pack_mn_MN"
    / "locale" / "mn_MN" / "LC_MESSAGES" / "nbgrader.po")}

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    with launched() as chromium:
        yield chromium


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


@pytest.fixture
def page_of(browser, request):
    """Pages to log in with; a failed test leaves a screenshot in tests/artifacts/."""
    pages = []

    def login(hub, name):
        pages.append(browser_login(browser, hub, name))
        return pages[-1]

    yield login
    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    for n, page in enumerate(pages):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"hub-{request.node.name}-{n}.png"))
        page.close()


def test_trainee_fetches_and_submits_in_the_assignments_tab(released, page_of):
    hub = released
    page = page_of(hub, "ct-t1")
    page.wait_for_url("**/user/ct-t1/lab/tree/notebooks/00_welcome.ipynb**", timeout=120_000)
    page.locator(".jp-Notebook").first.wait_for()  # else it takes the focus from the list
    # the classroom settings: the Assignments tab, none of nbgrader's instructor tools
    assert page.get_by_text("Create Assignment").count() == 0
    assert page.get_by_role("button", name="Validate").count() == 0
    # the trainee's Lab is Mongolian, nbgrader's tab included (packages/jupyterlab-course)
    page.get_by_role("menuitem", name=NBGRADER_MN["Nbgrader"], exact=True).click()
    page.get_by_text(NBGRADER_MN["Assignment List"], exact=True).click()
    for heading in ("Released assignments", "Downloaded assignments", "Submitted assignments"):
        page.get_by_text(NBGRADER_MN[heading], exact=True).wait_for()
    released_row = page.locator("#released_assignments_list .list_item", has_text=AID)
    released_row.get_by_role("button", name=NBGRADER_MN["Fetch"], exact=True).click()
    fetched = page.locator("#fetched_assignments_list .list_item", has_text=AID).first
    fetched.wait_for()
    home = Path(pwd.getpwnam("ct-t1").pw_dir)
    assert (home / AID / f"{AID}.ipynb").is_file()
    answered(hub, "ct-t1", "c1")  # the trainee's work: every item answered
    page.get_by_role("tab", name=NBGRADER_MN["Assignments"]).click()
    fetched.get_by_role("button", name=NBGRADER_MN["Submit"], exact=True).click()
    page.locator("#submitted_assignments_list .list_item", has_text=AID).first.wait_for()


def test_cli_trainees_and_a_forged_submission(released):
    hub = released
    for name, cid in (("ct-t2", "c1"), ("ct-t3", "c2")):
        for step in (("fetch_assignment", AID), ("submit", AID), ("submit", AID)):
            done = hub.as_user(name, "nbgrader", *step, "--course", cid)
            assert done.returncode == 0, done.stderr[-1500:]  # submitting twice is allowed
    # ct-t2 hands in their own (unanswered) notebook in ct-t1's name, after ct-t1's real one:
    # the stock collect would take it as ct-t1's newest submission
    forged = hub.as_user("ct-t2", "nbgrader", "submit", AID, "--course", "c1",
                         "--student", "ct-t1")
    assert forged.returncode == 0  # the exchange cannot tell; collect must
    # a forgery made by hand, then made read-only so it cannot be moved out of inbound
    inbound = hub.layout.path("exchange", "c1", "inbound")
    by_hand = inbound / f"ct-t1+{AID}+2026-01-01 09:00:00.000000 UTC8+handmade"
    made = hub.as_user("ct-t2", "sh", "-c", f'cp -r "$HOME/{AID}" "{by_hand}" && '
                       f'echo "2026-01-01 09:00:00.000000 UTC8" > "{by_hand}/timestamp.txt" && '
                       f'chmod 0555 "{by_hand}"')
    assert made.returncode == 0, made.stderr


def test_collect_quarantines_the_forgery_autograde_gradebook_in_postgres(released):
    hub = released
    root = hub.layout.course_root(hub.course("c1"))
    collect = hub.grader("c1", "nbgrader", "collect", AID)
    assert collect.returncode == 0, collect.stderr[-2000:]
    assert "QUARANTINED: a submission naming ct-t1 belongs to ct-t2" in collect.stderr
    assert "ct-t2 хэрэглэгчийнх" in collect.stderr  # Mongolian first
    assert collect.stderr.count("QUARANTINED") == 2, collect.stderr[-2000:]
    aside = list((root / "quarantine" / AID).iterdir())
    assert [p.name.split("+")[0] for p in aside] == ["ct-t1"]
    assert aside[0].stat().st_uid == pwd.getpwnam("ct-t2").pw_uid  # kept, as evidence
    inbound = hub.layout.path("exchange", "c1", "inbound")
    # the read-only one could not change folder: it is hidden in place under a dot name
    hidden = [p.name for p in inbound.iterdir() if p.name.startswith(".quarantine-ct-t1+")]
    assert len(hidden) == 1 and hidden[0].endswith("+handmade")
    assert not [p for p in inbound.iterdir() if p.stat().st_uid == pwd.getpwnam("ct-t2").pw_uid
                and p.name.startswith("ct-t1+")]
    again = hub.grader("c1", "nbgrader", "collect", AID)  # collecting twice loses nothing
    assert again.returncode == 0, again.stderr[-2000:]
    assert "QUARANTINED" not in again.stderr
    assert {p.name for p in (root / "submitted").iterdir()} == {"ct-t1", "ct-t2"}
    assert hub.grader("c2", "nbgrader", "collect", AID).returncode == 0
    for cid in ("c1", "c2"):
        done = hub.grader(cid, "nbgrader", "autograde", AID)
        assert done.returncode == 0, done.stderr[-3000:]
    c1, c2 = hub.gradebook("c1"), hub.gradebook("c2")
    assert c1["url"].startswith("postgresql+psycopg2:///gradebook_c1?host=")
    assert set(c1["scores"]) >= {"ct-t1", "ct-t2"} and "ct-t3" not in c1["scores"]
    # ct-t1's own answered notebook was graded, not ct-t2's unanswered forgery
    assert c1["scores"]["ct-t1"][AID] > c1["scores"]["ct-t2"][AID]
    assert set(c2["scores"]) == {"ct-t3"}


def test_instructor_grades_a_reflection_in_formgrader_through_the_hub(released, page_of):
    hub, reflection = released, "a01-r1-answer"
    score = f"gb.find_grade({reflection!r}, {AID!r}, {AID!r}, 'ct-t1').manual_score"
    assert hub.query("c1", score) == "None"
    notebook = hub.query("c1", f"gb.find_submission_notebook({AID!r}, {AID!r}, 'ct-t1').id")
    page = page_of(hub, "ct-i1")
    page.goto(f"{hub.url}/services/c1/formgrader/submissions/{notebook}")
    typed = page.locator(f"input#{reflection}")
    typed.wait_for(timeout=90_000)
    page.wait_for_load_state("networkidle")  # formgrader's models loaded and bound
    deadline = time.monotonic() + 300  # a bound for a hung save, not a speed requirement
    typed_at = None
    while hub.query("c1", score) != "4.0":
        assert time.monotonic() < deadline, "the score never reached PostgreSQL"
        # under load the page may still re-render the field over a first entry: type again,
        # as an instructor would on seeing it empty (formgrader saves a score on change)
        if typed_at is None or time.monotonic() - typed_at > 15:
            typed.fill("")
            typed.fill("4")
            typed.press("Tab")
            typed_at = time.monotonic()
        time.sleep(0.5)
    page.goto(f"{hub.url}/services/c2/formgrader")
    assert "403" in page.content() or "Forbidden" in page.content()


def test_feedback_reaches_only_its_trainee(released):
    hub = released
    for step in ("generate_feedback", "release_feedback"):
        done = hub.grader("c1", "nbgrader", step, AID)
        assert done.returncode == 0, done.stderr[-2000:]
    got = hub.as_user("ct-t1", "nbgrader", "fetch_feedback", AID, "--course", "c1")
    assert got.returncode == 0, got.stderr[-1500:]
    pages = list((Path(pwd.getpwnam("ct-t1").pw_dir) / AID / "feedback").rglob("*.html"))
    assert pages, "ct-t1 fetched no feedback"


# what ct-t2 (a trainee of c1) must not read; {hub} is the class server's folder
@pytest.mark.parametrize("target", [
    "/home/ct-t1",  # another trainee's home: their work, their learner record
    f"/home/ct-t1/{AID}/feedback",  # another trainee's feedback, once fetched
    "/home/ct-grader-c1/course",  # the course root: sources, submissions, gradebook.url
    "/home/ct-grader-c1/course/source",
    "/home/ct-grader-c1/course/gradebook.url",
    f"/home/ct-grader-c1/course/quarantine/{AID}",
    "{hub}/exchange/c1/inbound",  # everyone's submissions: only one's own, by its secret name
    "{hub}/exchange/c1/feedback",
    "{hub}/state",  # the hub's database, cookie secret, the roster's passwords
])
def test_a_trainee_cannot_read(released, target):
    target = target.format(hub=released.dir)
    assert Path(target).exists(), target  # the rule is about something that is there
    done = released.as_user("ct-t2", "ls", target)
    assert done.returncode != 0 and "Permission denied" in done.stderr, \
        f"ct-t2 could read {target}"


def test_an_instructor_cannot_read_the_other_course(released):
    done = released.as_user("ct-i1", "ls", "/home/ct-grader-c2/course")
    assert done.returncode != 0 and "Permission denied" in done.stderr


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
