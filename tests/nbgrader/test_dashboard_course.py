"""`make dashboard` on the real course after a real autograde run, and `make learner-dist`
never carrying it (instructor tooling and trainee names stay with the instructor)."""

from __future__ import annotations

import json
import re

import pytest
from nbgrader_submissions import instructor

pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def dashboard(graded):
    root = graded["root"]
    done = instructor(root, "dashboard")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "dashboard"


def figures(page):
    found = re.search(r'<script type="application/json" id="figures">(.*?)</script>',
                      page.read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_dashboard_shows_every_autograded_item_of_the_gradebook(graded, dashboard, assignments):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded['root'] / 'gradebook.db'}") as gb:
        code = sorted(c.name for a in gb.assignments for nb in a.notebooks
                      for c in nb.grade_cells if c.cell_type == "code")
        submitted = [len(gb.find_assignment(a).submissions) for a in assignments]
    figs = figures(dashboard / "index.html")
    assert figs["completion"]["data"][0]["x"] == assignments
    assert figs["completion"]["data"][0]["y"] == submitted
    assert sorted(figs["items"]["data"][0]["text"]) == code
    for name in ("index.html", "en.html", "plotly.min.js", "trainees.csv"):
        assert (dashboard / name).is_file(), name
    trainees = (dashboard / "trainees.csv").read_text(encoding="utf-8")
    assert "solution" in trainees and "untouched" in trainees


def test_learner_dist_never_carries_the_dashboard(graded, dashboard, tmp_path):
    out = tmp_path / "learner"
    done = instructor(graded["root"], "learner-dist", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    shipped = [p.relative_to(out) for p in out.rglob("*")]
    assert shipped
    assert not [p for p in shipped if "dashboard" in str(p) or p.name in
                ("plotly.min.js", "trainees.csv", "strings.yaml")]
    assert not (out / "tools").exists()
