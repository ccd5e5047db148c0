"""Autograde a class one submission at a time, in parallel, so that one bad submission never
stops the others (nbgrader aborts a whole `autograde "*"` run on a schema error or on SQLite's
"database is locked", and grades serially: nbgrader #174).

Each submission is vetted first (only regular files of bounded size: nbgrader's copy into
autograded/ follows symlinks), then graded by its own `nbgrader autograde AID --student S`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SIDE_FILE = "answers.json"
MAX_BYTES = {".ipynb": 5_000_000, SIDE_FILE: 200_000}
OTHER_MAX = 1_000_000
LOCKED = "database is locked"
RETRIES = 4


def refusal(sub: Path) -> str | None:
    """Why a submission folder cannot be graded as it is, in plain words; None when it can."""
    if sub.is_symlink() or not sub.is_dir():
        return "the submission folder is a link or not a folder"
    for entry in sorted(sub.iterdir()):
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            return f"{entry.name} is a link, not a file"
        if not stat.S_ISREG(mode):
            return f"{entry.name} is not a regular file (folder, pipe or device)"
        limit = MAX_BYTES.get(entry.name, MAX_BYTES.get(entry.suffix, OTHER_MAX))
        if entry.lstat().st_size > limit:
            return f"{entry.name} is larger than {limit:,} bytes"
    return None


def answers_note(sub: Path) -> str | None:
    """A note when answers.json is missing or unreadable (its widget items then score zero)."""
    side = sub / SIDE_FILE
    if not side.exists():
        return f"has no {SIDE_FILE}: widget items score 0"
    try:
        json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return f"{SIDE_FILE} is not valid JSON: widget items score 0"
    return None


def reason(log: str) -> str:
    """nbgrader's log of a failed run, said in a line."""
    errors = [m.group(1).strip() for m in re.finditer(r"\| ERROR\] (.*)", log)]
    detail = next((e for e in errors if "Traceback" not in e and "see the" not in e), "")
    last = [line for line in log.strip().splitlines() if line.strip()][-1:] or ["no output"]
    return f"nbgrader could not grade it ({detail or last[0].strip()[:200]})"


def grade_one(run, student: str, aid: str, force: bool) -> str | None:
    """Grade one submission; None when graded, else the reason. Retries a locked gradebook."""
    args = ["autograde", aid, "--student", student, *(["--force"] if force else [])]
    for _ in range(RETRIES):
        done = run(*args)
        log = done.stdout + done.stderr
        if done.returncode == 0:
            return None
        if LOCKED not in log:
            return reason(log)
    return "the gradebook stayed locked by other graders; run make autograde again"


def grade_all(root: Path, run, force: bool = False, workers: int | None = None):
    """(graded, failures) over submitted/<student>/<assignment>/; failures: (student, aid, why)."""
    submitted = root / "submitted"
    subs = sorted(submitted.glob("*/*")) if submitted.is_dir() else []
    todo, failures = [], []
    for sub in subs:
        student, aid = sub.parent.name, sub.name
        why = refusal(sub)
        if why:
            failures.append((student, aid, why))
            continue
        note = answers_note(sub)
        if note:
            print(f"  note: submitted/{student}/{aid} {note}")
        todo.append((student, aid))
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda s: grade_one(run, s[0], s[1], force), todo))
    failures += [(s, a, why) for (s, a), why in zip(todo, results, strict=True) if why]
    return len(todo) - sum(1 for r in results if r), sorted(failures)
