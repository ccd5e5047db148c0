"""Autograde a class on every core, so that one bad submission never stops the others
(nbgrader grades serially, nbgrader #174, and aborts a whole `autograde "*"` run on a schema
error or on SQLite's "database is locked").

Each submission is vetted first (ids without glob characters; only regular files of bounded
size: nbgrader's copy into autograded/ follows symlinks; Jupyter's litter skipped) and copied
into the grader's own readable staged/ folder, which nbgrader then reads (intake.py). One
worker process per core (worker.py) then takes the submissions one after another from a
shared queue, paying nbgrader's start-up once. A submission its worker could not grade, or
was grading when the worker died, is graded again on its own by `nbgrader autograde AID
--student S --force` over the same staged copy; only if that fails too is it reported, with
nbgrader's reason.
"""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course_instructor.grading import intake

SIDE_FILE = intake.SIDE_FILE
LOCKED = "database is locked"
RETRIES = 4
# A worker spends about half its time waiting on its kernel (start-up handshakes, polls at
# shutdown) without using a core: two per core keep the cores busy (bench/autograde.py).
WORKERS_PER_CORE = 2
WORKER = "course_instructor.grading.worker"  # run as python -m, beside the batch


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
    errors = [m.group(1).strip() for m in re.finditer(r"(?:\| |\[)ERROR\] (.*)", log)]
    detail = next((e for e in errors if "Traceback" not in e and "see the" not in e), "")
    last = [line for line in log.strip().splitlines() if line.strip()][-1:] or ["no output"]
    return f"nbgrader could not grade it ({detail or last[0].strip()[:200]})"


def grade_one(run, student: str, aid: str) -> str | None:
    """Grade one submission alone; None when graded, else the reason. Retries a locked gradebook.

    Only ever a vetted job: ids without glob characters (intake.bad_id), so nbgrader's glob
    over them matches this one staged copy and nothing else."""
    if intake.bad_id(student, "student") or intake.bad_id(aid, "assignment"):
        raise ValueError(f"not a vetted job: {student!r}, {aid!r}")
    args = ["autograde", aid, "--student", student, "--force",
            f"--CourseDirectory.submitted_directory={intake.STAGED}"]
    for _ in range(RETRIES):
        done = run(*args)
        log = done.stdout + done.stderr
        if done.returncode == 0:
            return None
        if LOCKED not in log:
            return reason(log)
    return "the gradebook stayed locked by other graders; run make autograde again"


class Worker:
    """One worker.py process, started again when it died."""

    def __init__(self, root: Path, env: dict):
        self.root, self.env, self.proc = root, env, None
        self.errors = tempfile.TemporaryFile()  # its stderr: nbgrader's and the kernels' logs
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", WORKER, str(self.root)], cwd=self.root, env=self.env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True)

    def ask(self, job: list) -> dict | None:
        """The worker's answer to ``job``; None when it died meanwhile (it is then restarted)."""
        if self.proc.poll() is not None:
            self.start()
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:  # BrokenPipeError: it died before reading the job
            line = ""
        if not line:
            self.proc.kill()
            self.proc.wait()
            return None
        return json.loads(line)

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # end of jobs: the worker leaves its loop and exits
        except OSError:
            pass  # it had died: nothing to tell it
        self.proc.wait()
        self.errors.close()


class GradebookError(Exception):
    """The gradebook could not be opened, so nothing was graded."""


def grade_all(root: Path, run, force: bool = False, workers: int | None = None, env=None,
              only: set[tuple[str, str]] | None = None):
    """(graded, failures) over submitted/<student>/<assignment>/; failures: (student, aid, why).

    ``only``: grade just these (student, assignment) pairs (a regrade after `accept`).

    ``run(*args)`` runs the nbgrader CLI in ``root`` (the one-at-a-time fallback); ``env`` is
    the workers' environment (the venv's bin/ first on PATH, as for the CLI).
    """
    submitted = root / "submitted"
    subs = sorted(submitted.glob("*/*")) if submitted.is_dir() else []
    todo, failures = queue.Queue(), []
    for sub in subs:
        student, aid = sub.parent.name, sub.name
        if only is not None and (student, aid) not in only:
            continue
        why = intake.refusal(sub, submitted)
        if not why:
            why, time_note = intake.stage(root, sub)
        if why:
            failures.append((student, aid, why))
            continue
        for note in (time_note, answers_note(root / intake.STAGED / student / aid)):
            if note:
                print(f"  note: submitted/{student}/{aid} {note}")
        todo.put((student, aid))
    count = todo.qsize()
    env = env if env is not None else dict(os.environ)
    # every worker starts (imports nbgrader) at once; the first opens the gradebook alone
    workers = workers or WORKERS_PER_CORE * (os.cpu_count() or 1)
    pool = [Worker(root, env) for _ in range(max(1, min(workers, count)))]
    print(f"autograde: {count} submission(s) to grade by {len(pool)} worker(s)", flush=True)
    retry: list[tuple[str, str]] = []
    try:
        opened = pool[0].ask([])
        if not (opened and opened["ok"]):
            raise GradebookError(reason(opened["log"]) if opened else "its worker died")

        def drain(worker: Worker) -> None:
            while True:
                try:
                    student, aid = todo.get_nowait()
                except queue.Empty:
                    return
                done = worker.ask([student, aid, force])
                if not (done and done["ok"]):
                    retry.append((student, aid))  # list.append is atomic

        with ThreadPoolExecutor(max_workers=len(pool)) as threads:
            for done in [threads.submit(drain, worker) for worker in pool]:
                done.result()
    finally:
        for worker in pool:
            worker.close()
    for student, aid in sorted(retry):  # one at a time, each in its own nbgrader process
        # said, so a slow run has its reason (a kernel that died, e.g. another's fork bomb)
        print(f"  note: submitted/{student}/{aid}: its worker could not grade it; "
              "grading it again alone", flush=True)
        why = grade_one(run, student, aid)
        if why:
            failures.append((student, aid, why))
    for student, _, _ in failures:  # nbgrader removes a failed copy, not its empty parent
        try:
            (root / "autograded" / student).rmdir()
        except OSError:
            pass  # not empty (other assignments graded) or never made
    not_graded = sum(1 for s, a, _ in failures if (s, a) in set(retry))
    return count - not_graded, sorted(failures)
