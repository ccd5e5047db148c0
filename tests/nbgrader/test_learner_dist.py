"""dist/learner: what learners get carries no solutions, hidden tests or keys to graded items."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbgrader_submissions as subs
import pytest
from nbgrader_submissions import REPO, instructor

pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def dist(course, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "learner"
    done = instructor(course, "learner-dist", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def visible_text(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
    return text


def test_tree_has_what_learners_need(dist, assignments):
    for aid in assignments:
        assert (dist / "assignments" / aid / f"{aid}.ipynb").is_file()
    assert (dist / "course_lib" / "grading" / "items.py").is_file()
    assert (dist / "data" / "locale" / "graded.yaml").is_file()
    assert (dist / "pyproject.toml").is_file()
    if (REPO / "data" / "questions").is_dir():  # self-check banks exist for learning: they ship
        assert any((dist / "data" / "questions").iterdir())
    for absent in ("tests", "tools", "bench", "source", "assignments/source"):
        assert not (dist / absent).exists(), absent


def test_tree_carries_no_solution_hidden_test_or_key(course, dist):
    secrets = set()
    for nb in subs.keys.source_notebooks(course):
        secrets |= subs.keys.secret_lines(nb)
    assert secrets
    files = [p for p in dist.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name == "answers.json" or p.suffix == ".db"]
    leaks = {}
    for path in files:
        try:
            text = visible_text(path)
        except (UnicodeDecodeError, ValueError):
            continue
        found = subs.keys.find_leaks(text, secrets)
        if found:
            leaks[str(path.relative_to(dist))] = found
    assert leaks == {}


def test_refuses_a_non_empty_folder_it_did_not_make(course, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    done = instructor(course, "learner-dist", "--out", str(out))
    assert done.returncode == 1 and "nothing deleted" in done.stderr
    assert (out / "thesis.docx").read_text() == "years of work"


def test_replaces_its_own_earlier_copy(dist, course):
    (dist / "stale.txt").write_text("old")
    done = instructor(course, "learner-dist", "--out", str(dist))
    assert done.returncode == 0, done.stderr
    assert not (dist / "stale.txt").exists()


def test_binder_finds_the_environment_of_dist_learner(dist):
    """repo2docker (what Binder runs) reads dist/learner's own environment files; no Docker."""
    r2d = Path(sys.executable).parent / "jupyter-repo2docker"
    done = subprocess.run([str(r2d), "--no-build", "--debug", str(dist)], capture_output=True,
                          text=True, timeout=300)
    dockerfile = done.stdout + done.stderr
    assert "environment.yml" in dockerfile and "./postBuild" in dockerfile, dockerfile[-2000:]
    apt = [line.strip() for line in (dist / "apt.txt").read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    assert apt and all(package in dockerfile for package in apt)
