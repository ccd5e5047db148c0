"""What `make autograde` takes from submitted/: vetted names and folders, and the grader's own
readable copy of each submission, with the time the grader gives it.

A folder copied in by hand holds whatever the trainee's account and tools left: files of mode
0600 (a umask of 077, or an editor's atomic save) that the sandboxed grading account cannot
read, JupyterLab's .ipynb_checkpoints/, a timestamp.txt its owner wrote. So nothing is graded in
place: each vetted submission is copied, regular files only and never through a link, into
staged/<student>/<assignment>/ (owned by the grader, files 0644 and folders 0755 whatever the
umask), and nbgrader reads that copy (CourseDirectory.submitted_directory = "staged").
A file the grader cannot read is a refusal naming the file and the reason, never a silent zero.

Time on this route: a timestamp.txt in the trainee's folder is not believed. The time that
counts is when the folder arrived in submitted/ (the newest change time of its files, which no
ordinary account can set back: inbound.written_at); the hub's collect (safe_exchange.Collect)
checks its own times when it collects and leaves a grader-owned record in collected/, and that
time is kept.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import re
import shutil
import stat
import unicodedata
from pathlib import Path

from course_instructor.exchange.inbound import opened_regular, written_at

STAGED = "staged"  # beside submitted/, in the course root; git-ignored
COLLECTED = "collected"  # collect's record of the time it wrote into each timestamp.txt
SIDE_FILE = "answers.json"
MAX_BYTES = {".ipynb": 5_000_000, SIDE_FILE: 200_000}
OTHER_MAX = 1_000_000
# What Jupyter and Python leave in a folder they worked in: skipped, never graded or copied
# to feedback (nbgrader_config.py's CourseDirectory.ignore is this list, so collect, autograde
# and feedback skip the same names). .answers-*.tmp: a save interrupted before its rename.
LITTER = (".ipynb_checkpoints", ".virtual_documents", "__pycache__", "*.pyc", ".answers-*.tmp",
          ".DS_Store", "feedback")
# glob characters (nbgrader globs student and assignment ids), path separators, nbgrader's own
# "+" separator of exchange names, and a leading "-" an nbgrader option would swallow
FORBIDDEN = re.compile(r"[*?\[\]/\\+]|^[.-]")


def is_litter(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in LITTER)


def bad_id(name: str, what: str) -> str | None:
    """Why ``name`` cannot be a student or assignment id; None when it can."""
    if not name or FORBIDDEN.search(name) or any(
            unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        return (f"the {what} folder name {name!r} is not a valid id (no glob characters, "
                f"slash, '+', leading '.' or '-', or control characters)")
    return None


def refusal(sub: Path, submitted: Path) -> str | None:
    """Why a submission folder cannot be graded as it is, in plain words; None when it can."""
    student = sub.parent
    why = bad_id(student.name, "student") or bad_id(sub.name, "assignment")
    if why:
        return why
    if student.is_symlink() or not student.is_dir():
        return "the student folder is a link or not a folder"
    if sub.is_symlink() or not sub.is_dir():
        return "the submission folder is a link or not a folder"
    if sub.resolve().parent.parent != submitted.resolve():
        return "the submission folder resolves outside submitted/"
    for entry in sorted(sub.iterdir()):
        if is_litter(entry.name):
            continue
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            return f"{entry.name} is a link, not a file"
        if not stat.S_ISREG(mode):
            return f"{entry.name} is not a regular file (folder, pipe or device)"
        limit = MAX_BYTES.get(entry.name, MAX_BYTES.get(entry.suffix, OTHER_MAX))
        if entry.lstat().st_size > limit:
            return f"{entry.name} is larger than {limit:,} bytes"
    return None


def _copy(path: Path, target: Path) -> str | None:
    """Copy one regular file readable by all; why not, in plain words."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return f"{path.name} cannot be read by the grader ({exc.strerror})"
    os.close(fd)
    with opened_regular(str(path)) as fd:
        if fd is None:
            return f"{path.name} changed into a link or not a file while it was copied"
        limit = MAX_BYTES.get(path.name, MAX_BYTES.get(path.suffix, OTHER_MAX))
        data = b""
        try:
            while len(data) <= limit and (chunk := os.read(fd, 1 << 20)):
                data += chunk
        except OSError as exc:
            return f"{path.name} cannot be read by the grader ({exc.strerror})"
    if len(data) > limit:
        return f"{path.name} is larger than {limit:,} bytes"
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.fchmod(out, 0o644)  # the umask would take bits off the mode given to open
        os.write(out, data)
    finally:
        os.close(out)
    return None


def collected_time(root: Path, student: str, aid: str) -> str | None:
    """The time collect wrote into this submission's timestamp.txt, from its own record."""
    record = root / COLLECTED / student / aid / "timestamp.txt"
    try:
        return record.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def grader_time(root: Path, sub: Path) -> tuple[str, str | None]:
    """(the time to grade ``sub`` at, as timestamp.txt text; a note when the trainee's own
    timestamp.txt was set aside)."""
    student, aid = sub.parent.name, sub.name
    stated = sub / "timestamp.txt"
    with opened_regular(str(stated)) as fd:
        text = os.read(fd, 200).decode("utf-8", "replace").strip() if fd is not None else None
    if text is not None and text == collected_time(root, student, aid):
        return text, None  # collect's own time, checked by collect (safe_exchange.Collect)
    when = written_at(str(sub)).replace(tzinfo=datetime.timezone.utc)
    arrived = when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    note = None
    if text is not None:
        note = (f"its timestamp.txt ({text[:40]!r}) was not written by collect and is not "
                f"believed; it counts from when it arrived in submitted/ ({arrived})")
    return arrived, note


def stage(root: Path, sub: Path) -> tuple[str | None, str | None]:
    """Copy ``sub`` to staged/<student>/<assignment>/ for grading: (refusal, note)."""
    target = root / STAGED / sub.parent.name / sub.name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for folder in (root / STAGED, target.parent, target):
        os.chmod(folder, 0o755)  # the sandbox account walks into the autograded copy
    when, note = grader_time(root, sub)
    try:
        for entry in sorted(sub.iterdir()):
            if is_litter(entry.name) or entry.name == "timestamp.txt":
                continue
            why = _copy(entry, target / entry.name)
            if why:
                shutil.rmtree(target, ignore_errors=True)
                return why, None
    except OSError as exc:  # the folder itself cannot be listed
        shutil.rmtree(target, ignore_errors=True)
        return f"the submission folder cannot be read by the grader ({exc.strerror})", None
    (target / "timestamp.txt").write_text(when, encoding="utf-8")
    os.chmod(target / "timestamp.txt", 0o644)
    return None, note
