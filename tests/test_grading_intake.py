"""What `make autograde` takes from submitted/ (course_instructor/grading/intake.py): vetted ids
and folders, Jupyter's litter skipped, the grader's own readable copy, the grader's time."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course_instructor.exchange import safe_exchange
from course_instructor.grading import intake
from course_lib.grading import answers_file

AID = "a01_definition"
request_cleanup: list[Path] = []


@pytest.fixture(autouse=True)
def _cleanup():
    yield
    while request_cleanup:
        shutil.rmtree(request_cleanup.pop(), ignore_errors=True)


@pytest.fixture
def umask077():
    old = os.umask(0o077)
    yield
    os.umask(old)


def trainee_folder(path: Path) -> Path:
    """A folder as a trainee leaves it: the notebook, answers.json written by the course's own
    code, and JupyterLab's checkpoints."""
    path.mkdir(parents=True)
    (path / f"{AID}.ipynb").write_text("{}", encoding="utf-8")
    answers_file.save("a01.q1", 2, path / "answers.json")
    checkpoints = path / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / f"{AID}-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    (path / ".virtual_documents").mkdir()
    (path / "__pycache__").mkdir()
    return path


def test_the_answers_file_is_readable_by_all_whatever_the_umask(tmp_path, umask077):
    path = answers_file.save("a01.q1", 1, tmp_path / "answers.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    answers_file.save("a01.q2", [0], path)  # a second save replaces the file: same mode
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_jupyter_litter_is_skipped_and_the_copy_is_readable(tmp_path, umask077):
    submitted = tmp_path / "submitted"
    sub = trainee_folder(submitted / "bat" / AID)
    os.chmod(sub / "answers.json", 0o600)  # what the old writer left: mkstemp's 0600
    os.chmod(sub, 0o700)
    assert intake.refusal(sub, submitted) is None
    why, note = intake.stage(tmp_path, sub)
    assert why is None and note is None
    staged = tmp_path / intake.STAGED / "bat" / AID
    assert sorted(p.name for p in staged.iterdir()) == ["a01_definition.ipynb", "answers.json",
                                                        "timestamp.txt"]
    assert json.loads((staged / "answers.json").read_text()) == {"a01.q1": 2}
    for path in staged.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    for folder in (staged, staged.parent, staged.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder


@pytest.mark.parametrize("plant, says", [
    (lambda p: p.symlink_to("/etc/passwd"), "is a link"),
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.mkdir(), "not a regular file"),
    (lambda p: p.write_bytes(b" " * 300_000), "larger than"),
])
def test_links_pipes_folders_and_oversized_files_are_still_refused(tmp_path, plant, says):
    submitted = tmp_path / "submitted"
    sub = trainee_folder(submitted / "bat" / AID)
    (sub / "answers.json").unlink()
    plant(sub / "answers.json")
    assert says in intake.refusal(sub, submitted)


@pytest.mark.parametrize("student", ["*", "b?t", "[ab]", ".hidden", "-x", "a+b", "a\x07b",
                                     "a\u200fb", "a\\b"])
def test_ids_that_nbgrader_would_glob_or_misread_are_refused(tmp_path, student):
    submitted = tmp_path / "submitted"
    sub = trainee_folder(submitted / student / AID)
    assert "not a valid id" in intake.refusal(sub, submitted)


def test_ordinary_ids_pass():
    for name in ("bat", "b.erdene", "trainee_07", "Бат-Эрдэнэ", "a01_definition"):
        assert intake.bad_id(name, "student") is None


def test_a_student_folder_that_is_a_link_is_refused(tmp_path):
    submitted = tmp_path / "submitted"
    trainee_folder(submitted / "victim" / AID)
    (submitted / "thief").symlink_to(submitted / "victim")
    assert "link" in intake.refusal(submitted / "thief" / AID, submitted)


def test_a_submission_folder_resolving_outside_submitted_is_refused(tmp_path):
    submitted = tmp_path / "submitted"
    elsewhere = trainee_folder(tmp_path / "elsewhere" / AID)
    (submitted / "bat").mkdir(parents=True)
    (submitted / "bat" / AID).symlink_to(elsewhere)
    assert "link" in intake.refusal(submitted / "bat" / AID, submitted)


def test_a_trainee_written_timestamp_is_not_believed(tmp_path):
    sub = trainee_folder(tmp_path / "submitted" / "bat" / AID)
    (sub / "timestamp.txt").write_text("2020-01-01 00:00:00.000000 UTC", encoding="utf-8")
    why, note = intake.stage(tmp_path, sub)
    assert why is None and "not believed" in note
    staged = (tmp_path / intake.STAGED / "bat" / AID / "timestamp.txt").read_text()
    assert not staged.startswith("2020") and staged.endswith(" UTC")


def test_the_time_collect_recorded_is_kept(tmp_path):
    sub = trainee_folder(tmp_path / "submitted" / "bat" / AID)
    when = "2026-12-10 17:00:00.000000 UTC8"
    (sub / "timestamp.txt").write_text(when, encoding="utf-8")
    record = tmp_path / intake.COLLECTED / "bat" / AID
    record.mkdir(parents=True)
    (record / "timestamp.txt").write_text(when, encoding="utf-8")
    assert intake.stage(tmp_path, sub) == (None, None)
    assert (tmp_path / intake.STAGED / "bat" / AID / "timestamp.txt").read_text() == when
    assert safe_exchange.COLLECTED == intake.COLLECTED


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root to run the copy as another account")
def test_a_file_the_grader_cannot_read_is_named_never_a_silent_zero():
    """The instructor's account (here: nobody) cannot read a trainee's 0600 answers.json."""
    tmp_path = Path(tempfile.mkdtemp(prefix="intake-"))  # /tmp: nobody can walk to it
    request_cleanup.append(tmp_path)
    tmp_path.chmod(0o777)
    sub = trainee_folder(tmp_path / "submitted" / "bat" / AID)
    for folder in (tmp_path / "submitted", sub.parent, sub):
        folder.chmod(0o777)
    os.chmod(sub / f"{AID}.ipynb", 0o644)
    os.chmod(sub / "answers.json", 0o600)
    code = ("import sys; from pathlib import Path; from course_instructor.grading import intake;"
            f"print(intake.stage(Path({str(tmp_path)!r}), Path({str(sub)!r}))[0])")
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "answers.json cannot be read by the grader (Permission denied)", \
        done.stdout + done.stderr
