"""Hostile submissions graded in the same batch as honest ones (conftest `graded`)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import hostile_submissions as hostile
import nbformat
import nbgrader_submissions as subs
import pytest
from nbconvert.filters.markdown import markdown2html_mistune
from nbgrader_submissions import HOSTILE_ASSIGNMENT
from test_roundtrip import auto_scores

pytestmark = pytest.mark.nbgrader
GRADED = sorted(set(hostile.HOSTILE) - hostile.REFUSED - hostile.UNGRADABLE)


def test_at_least_twenty_attacks_in_the_batch():
    assert len(hostile.HOSTILE) + len(subs.HOSTILE) >= 20


@pytest.mark.parametrize("student", GRADED)
def test_attacker_scores_no_more_than_the_honest_wrong_control(graded, student):
    scores = auto_scores(graded["root"])
    control = scores["untouched"][HOSTILE_ASSIGNMENT][0]
    assert control == 0
    assert scores[student][HOSTILE_ASSIGNMENT][0] <= control


@pytest.mark.parametrize("student", sorted(hostile.REFUSED))
def test_refused_submission_is_not_graded_and_gets_no_feedback(graded, student):
    assert student not in auto_scores(graded["root"])
    assert not (graded["root"] / "autograded" / student).exists()
    assert not (graded["root"] / "feedback" / student).exists()


@pytest.mark.parametrize("student", sorted(hostile.UNGRADABLE))
def test_ungradable_submission_is_named_with_nbgrader_reason_and_gets_no_feedback(graded, student):
    lines = [line for line in graded["autograde"].stderr.splitlines()
             if line.startswith(f"  trainee {student}, assignment {HOSTILE_ASSIGNMENT}: ")]
    assert len(lines) == 1 and "nbgrader could not grade it (" in lines[0], lines
    assert not (graded["root"] / "autograded" / student).exists()
    assert not (graded["root"] / "feedback" / student).exists()


def test_gradebook_and_other_submissions_intact(graded):
    root = graded["root"]
    folder = root / "submitted" / "solution" / HOSTILE_ASSIGNMENT
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert answers == subs.keys.widget_keys(root / "source" / HOSTILE_ASSIGNMENT
                                            / f"{HOSTILE_ASSIGNMENT}.ipynb")
    assert auto_scores(root)["solution"][HOSTILE_ASSIGNMENT] == (6.0, 6.0)


def test_added_cells_are_kept_as_raw_and_never_run(graded):
    for student in ("x_replace_graded", "x_no_asserts", "x_wipe_others", "x_env_override"):
        path = graded["root"] / "autograded" / student / HOSTILE_ASSIGNMENT
        nb = nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)
        added = nb.cells[2]
        assert added.cell_type == "raw" and "not run" in added.source, student


def test_pasted_graded_cell_is_graded_once(graded):
    path = graded["root"] / "autograded" / "x_pasted_cell" / HOSTILE_ASSIGNMENT
    nb = nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert ids.count("a01-q1-test") == 1


def test_no_key_in_any_feedback_page(graded):
    root = graded["root"]
    secrets = subs.keys.secret_lines(root / "source" / HOSTILE_ASSIGNMENT
                                     / f"{HOSTILE_ASSIGNMENT}.ipynb", solutions=False)
    for page in (root / "feedback").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # the one trainee who typed markers and a guess sees exactly those, nothing more
        own = hostile.OWN_WORDS.get(page.parts[-3], set())
        assert ("BEGIN HIDDEN TESTS" in text) == bool(own), page
        assert set(subs.keys.find_leaks(subs.keys.html_text(text), secrets,
                                        subs.keys.HIDDEN_MARKERS)) == own, page


def test_a_marker_flood_answer_gets_feedback_with_the_rest_hidden(graded):
    """Issue 22: feedback on it took seconds per 100 kB, growing ~n^2.4; now one line scan."""
    page = graded["root"] / "feedback" / "x_marker_flood" / HOSTILE_ASSIGNMENT
    text = (page / f"{HOSTILE_ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS x" not in text


class _Fetches(HTMLParser):
    """What a browser loads by itself when the page opens: src and srcset of any tag."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [f"{tag} {name}={value}" for name, value in attrs
                       if name in ("src", "srcset")]


def fetches(page: str) -> list[str]:
    parser = _Fetches()
    parser.feed(page)
    return parser.found


def test_no_image_from_a_trainee_loads_in_feedback_or_formgrader(graded):
    """Same template, same loads: anything beyond the solution's page came from the trainee
    (issue 22: a reflection's remote image told its trainee when the instructor read it)."""
    root = graded["root"]
    name = f"{HOSTILE_ASSIGNMENT}.html"
    baseline = fetches((root / "feedback" / "solution" / HOSTILE_ASSIGNMENT / name).read_text())
    for student in GRADED:
        page = (root / "feedback" / student / HOSTILE_ASSIGNMENT / name).read_text()
        assert sorted(fetches(page)) == sorted(baseline), student
    page = (root / "feedback" / "x_remote_image" / HOSTILE_ASSIGNMENT / name).read_text()
    assert 'rel="noopener noreferrer nofollow"' in page  # the link stays, without a referrer
    path = root / "autograded" / "x_remote_image" / HOSTILE_ASSIGNMENT
    nb = nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)
    shown = [markdown2html_mistune(c.source) for c in nb.cells if c.cell_type == "markdown"]
    assert any("<img" in text for text in shown)  # the images are there, without a source
    assert [f for text in shown for f in fetches(text)] == []


class _Live(HTMLParser):
    """Collects what would run in a browser: script tags, on* attributes, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append("<script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if (value or "").strip().lower().replace("\x00", "").startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")


def live(page: str) -> list[str]:
    parser = _Live()
    parser.feed(page)
    return parser.found


def test_no_live_script_from_a_trainee_in_feedback(graded):
    """Same template, same count: anything beyond the solution's page came from the trainee."""
    root = graded["root"]
    name = f"{HOSTILE_ASSIGNMENT}.html"
    baseline = live((root / "feedback" / "solution" / HOSTILE_ASSIGNMENT / name).read_text())
    assert not any("javascript:" in bit for bit in baseline)
    for student in GRADED:
        page = (root / "feedback" / student / HOSTILE_ASSIGNMENT / name).read_text()
        assert sorted(live(page)) == sorted(baseline), student


def test_no_live_script_in_what_formgrader_renders(graded):
    path = graded["root"] / "autograded" / "x_live_script" / HOSTILE_ASSIGNMENT
    nb = nbformat.read(path / f"{HOSTILE_ASSIGNMENT}.ipynb", as_version=4)
    shown = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            shown.append(markdown2html_mistune(cell.source))
        elif cell.cell_type == "raw":
            shown.append(cell.source)
        for output in cell.get("outputs", []):
            shown += [output.get("data", {}).get("text/html", "")]
    assert any("alert(" in text for text in shown)  # the attack is there, as text
    assert [bit for text in shown for bit in live(text)] == []
