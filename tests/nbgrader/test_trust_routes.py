"""The by-hand route as assignments/README.md gives it, with submissions a trainee's JupyterLab
really leaves: answers.json written by the course's own code (course_lib.grading.answers_file)
under the default umask and under 077, whole folders copied with `cp -r` (checkpoints
included), the demo class (make demo-class), ids and folders a hostile trainee could plant,
and a short answer accepted for the whole class with one command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgrader_submissions import HOSTILE_ASSIGNMENT as AID
from nbgrader_submissions import course_copy, instructor
from test_roundtrip import auto_scores

from course_instructor.grading import demo_class, keys

pytestmark = pytest.mark.nbgrader


def trainee_work(root: Path, home: Path, umask: int) -> Path:
    """A trainee's a01 folder, every item right, saved under ``umask`` by the course's code."""
    source = root / "source" / AID / f"{AID}.ipynb"
    old = os.umask(umask)
    try:
        folder = home / AID
        demo_class.work(root, folder, keys.widget_keys(source), demo_class.text_keys(source),
                        reflect=True)
        demo_class.litter(folder, owner_only=False)  # checkpoints; answers.json as written
    finally:
        os.umask(old)
    return folder


def copy_in(folder: Path, submitted: Path, student: str, umask: int) -> None:
    """`cp -r` of the whole folder, as the guide says, under the instructor's umask."""
    (submitted / student).mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-r", str(folder), str(submitted / student / AID)], check=True,
                   umask=umask)


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("trust") / "assignments")
    done = instructor(root, "release")
    assert done.returncode == 0, done.stdout + done.stderr
    demo = instructor(root, "demo-class")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    submitted, home = root / "submitted", tmp_path_factory.mktemp("home")
    modes = {}
    for student, umask in (("umask022", 0o022), ("umask077", 0o077)):
        folder = trainee_work(root, home / student, umask)
        modes[student] = os.stat(folder / "answers.json").st_mode & 0o777
        copy_in(folder, submitted, student, umask)
    # what an older writer or a trainee's chmod leaves: 0600 in a 0700 folder
    shutil.copytree(submitted / "demo_right", submitted / "mode0600")
    os.chmod(submitted / "mode0600" / AID / "answers.json", 0o600)
    os.chmod(submitted / "mode0600" / AID, 0o700)
    # hostile names and folders
    (submitted / "thief").symlink_to(submitted / "demo_right")
    shutil.copytree(submitted / "demo_blank", submitted / "*")
    shutil.copytree(submitted / "demo_blank", submitted / ".sneaky")
    forged = submitted / "forger" / AID
    shutil.copytree(submitted / "demo_late" / AID, forged)
    (forged / "timestamp.txt").write_text("2020-01-01 00:00:00.000000 UTC", encoding="utf-8")
    autograde = instructor(root, "autograde")
    report = instructor(root, "report")
    return {"root": root, "autograde": autograde, "report": report, "modes": modes}


def test_the_course_writes_answers_readable_whatever_the_umask(routes):
    assert routes["modes"] == {"umask022": 0o644, "umask077": 0o644}


@pytest.mark.parametrize("student", ["demo_right", "demo_litter", "umask022", "umask077",
                                     "mode0600"])
def test_honest_right_work_gets_every_automatic_mark(routes, student):
    scores = auto_scores(routes["root"])
    assert scores[student][AID] == (6.0, 6.0), routes["autograde"].stdout


def test_partly_right_and_blank_score_as_they_should(routes):
    scores = auto_scores(routes["root"])
    assert 0 < scores["demo_partly"][AID][0] < 6
    assert scores["demo_blank"][AID][0] == 0


def test_jupyter_litter_is_neither_graded_nor_refused_nor_in_feedback(routes):
    root = routes["root"]
    assert "demo_litter" not in routes["autograde"].stderr
    for step in ("autograded", "feedback"):
        folder = root / step / "demo_litter" / AID
        if folder.is_dir():
            assert not any(p.name.startswith((".ipynb", ".virtual", "__py"))
                           for p in folder.rglob("*")), step


@pytest.mark.parametrize("student", ["thief", "*", ".sneaky"])
def test_planted_ids_and_linked_folders_are_refused_by_name_and_never_graded(routes, student):
    err = routes["autograde"].stderr
    assert f"trainee {student}, assignment {AID}: " in err
    assert student not in auto_scores(routes["root"])
    assert not (routes["root"] / "autograded" / student).exists()
    assert routes["autograde"].returncode == 1  # named, never silent


def test_a_forged_timestamp_does_not_dodge_the_late_penalty(routes):
    from nbgrader.api import Gradebook

    root = routes["root"]
    assert "forger/a01_definition its timestamp.txt" in routes["autograde"].stdout
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        penalties = {s.student.id: s.late_submission_penalty
                     for s in gb.assignment_submissions(AID)}
    assert penalties["demo_late"] > 0 and penalties["forger"] > 0
    assert penalties["demo_right"] == 0 and penalties["umask077"] > 0  # copied in after the due


def test_the_report_lists_answers_not_accepted_with_counts(routes):
    out = routes["report"].stdout
    assert "Short answers not accepted" in out
    rows = out.split("Short answers not accepted", 1)[1]
    assert "a01.t2" in rows and "мэдэхгүй" in rows  # demo_partly's wrong answer
    variant = demo_class.VARIANT["a01.t1"]
    if auto_scores(routes["root"])["demo_variant"][AID][0] < 6:  # the matcher may know it
        assert variant in rows


def test_the_dashboard_lists_them_too(routes):
    root = routes["root"]
    done = instructor(root, "dashboard")
    assert done.returncode == 0, done.stdout + done.stderr
    for page, heading in (("en.html", "Short answers not accepted"),
                          ("index.html", "Хүлээн аваагүй богино хариултууд")):
        html = (root / "dashboard" / page).read_text(encoding="utf-8")
        section = html.split(heading, 1)[1].split("</section>", 1)[0]
        assert "<td>a01.t2</td><td>мэдэхгүй</td>" in section, section[:2000]
    anon = instructor(root, "dashboard", "--anonymise")
    assert anon.returncode == 0, anon.stdout + anon.stderr
    html = (root / "dashboard-anon" / "en.html").read_text(encoding="utf-8")
    assert "мэдэхгүй" in html and "demo_partly" not in html  # counts, never names


def test_a_natural_variant_listed_is_accepted_with_one_command(routes):
    root, variant = routes["root"], demo_class.VARIANT["a01.t1"]
    if auto_scores(root)["demo_variant"][AID][0] < 6:
        done = instructor(root, "accept", "a01.t1", variant)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "grading again" in done.stdout
    assert auto_scores(root)["demo_variant"][AID] == (6.0, 6.0)


def manual(root: Path, student: str, grade_id: str, score: float | None = None):
    """A hand-graded score as formgrader sets it (Grade.manual_score), or read back."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        grade = gb.find_grade(grade_id, AID, AID, student)
        if score is not None:
            grade.manual_score = score
            gb.db.commit()
        return grade.manual_score


def test_accepting_an_answer_regrades_who_wrote_it_and_rewrites_their_feedback(routes):
    root = routes["root"]
    page = root / "feedback" / "demo_partly" / AID / f"{AID}.html"
    assert instructor(root, "feedback").returncode in (0, 1)  # refused folders are named
    before = auto_scores(root)["demo_partly"][AID][0]
    stamp = page.stat().st_mtime_ns
    manual(root, "demo_partly", "a01-r1-answer", 4.0)  # formgrader's hand grade, kept
    done = instructor(root, "accept", "a01.t2", "мэдэхгүй")
    assert done.returncode == 0, done.stdout + done.stderr
    assert auto_scores(root)["demo_partly"][AID][0] == before + 1
    assert manual(root, "demo_partly", "a01-r1-answer") == 4.0
    assert page.stat().st_mtime_ns > stamp
    assert auto_scores(root)["demo_right"][AID] == (6.0, 6.0)  # untouched
    source = nbformat.read(root / "source" / AID / f"{AID}.ipynb", as_version=4)
    assert "мэдэхгүй" in json.dumps([c.source for c in source.cells], ensure_ascii=False)
    assert "мэдэхгүй" not in instructor(root, "report").stdout.split("not accepted")[-1]


def test_formgraders_own_autograde_reads_a_0600_answers_file(routes):
    """Formgrader's Autograde button runs nbgrader's Autograde on submitted/ itself (no staged
    copy): ReadableCopy makes nbgrader's copy readable before the sandboxed kernel starts."""
    import sys

    root = routes["root"]
    folder = root / "submitted" / "direct0600" / AID
    shutil.copytree(root / "submitted" / "demo_right" / AID, folder)
    os.chmod(folder / "answers.json", 0o600)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run([str(bin_dir / "nbgrader"), "autograde", AID, "--student",
                           "direct0600"], cwd=root, env=env, capture_output=True, text=True,
                          umask=0o077)
    assert done.returncode == 0, done.stderr[-2000:]
    assert auto_scores(root)["direct0600"][AID] == (6.0, 6.0)
