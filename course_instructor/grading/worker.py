"""One grading worker: one nbgrader process that grades many submissions, one at a time.

    python -m course_instructor.grading.worker ROOT   (batch.py starts one per core)

Starting nbgrader costs seconds (importing it pulls in jupyter_server, jsonschema's format
checkers and sqlalchemy), more than grading one of our submissions; a process per
submission made the parallel run slower than nbgrader's own serial one. So each worker loads
ROOT/nbgrader_config.py once, the way `nbgrader autograde` does, then reads one job per
line on stdin, ["student", "assignment", force], grades it with nbgrader's Autograde step
(what `nbgrader autograde ASSIGNMENT --student STUDENT` runs) and answers one line,
{"ok": true|false, "log": "..."}, on its own stdout. The job [] opens the gradebook once
(created or upgraded, with the course id of the config) before any worker grades: SQLite's
first open is racy. Everything nbgrader and the kernels print goes to stderr.

Workers share one SQLite gradebook. Each Gradebook, from opening to closing, holds an
exclusive lock on the database file, so their writes happen one after another instead of
failing with "database is locked" (the kernels, where the time goes, run outside it).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from pathlib import Path


def serialise_gradebook(db: Path) -> None:
    """Make every nbgrader Gradebook in this process hold ``db``'s flock while it is open."""
    from nbgrader import api

    # a lock file of its own: flock on the database would meet SQLite's fcntl locks on the
    # same inode only by accident of the kernel, and the database may not exist yet
    fd = os.open(db.with_name(db.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    depth = [0]
    opened, closed = api.Gradebook.__init__, api.Gradebook.close

    def acquire():
        if depth[0] == 0:
            fcntl.flock(fd, fcntl.LOCK_EX)
        depth[0] += 1

    def release():
        depth[0] -= 1
        if depth[0] == 0:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def locked_init(self, *args, **kwargs):
        acquire()
        self._course_locked = True
        try:
            opened(self, *args, **kwargs)
        except BaseException:
            self._course_locked = False
            release()
            raise

    def unlocking_close(self):
        try:
            closed(self)
        finally:
            if getattr(self, "_course_locked", False):
                self._course_locked = False
                release()

    api.Gradebook.__init__, api.Gradebook.close = locked_init, unlocking_close


def main() -> None:
    # jsonschema (under nbgrader) builds a parser for its optional IRI format check when it is
    # imported, a second of CPU per process; nothing nbgrader validates is an IRI
    sys.modules.setdefault("rfc3987_syntax", None)
    root = Path(sys.argv[1]).resolve()
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # kernels inherit fd 1: keep it clean
    sys.stdout = sys.stderr
    os.chdir(root)  # nbgrader_config.py is read from the working folder, as by the CLI

    from nbgrader.api import Gradebook
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log, temp_attrs

    from course_instructor.grading.intake import STAGED

    serialise_gradebook(root / "gradebook.db")
    # the sandboxed account reads the autograded copy nbgrader writes here: folders 0755 and
    # files as readable as the staged copy, whatever the instructor's umask
    os.umask(0o022)
    app = AutogradeApp()
    app.initialize([])
    app.coursedir.submitted_directory = STAGED  # the grader's own copy (intake.py)
    for line in sys.stdin:
        job = json.loads(line)
        if not job:
            try:
                with Gradebook(app.coursedir.db_url, app.coursedir.course_id):
                    result = {"success": True}
            except Exception as exc:  # noqa: BLE001 (said to the instructor in one line)
                result = {"success": False, "log": f"{type(exc).__name__}: {exc}"}
            answer(answers, result)
            continue
        student, aid, force = job
        with temp_attrs(app.coursedir, assignment_id=aid, student_id=student):
            converter = Autograde(coursedir=app.coursedir, parent=app)
            converter.force = bool(force)
            answer(answers, capture_log(converter))


def answer(answers, result: dict) -> None:
    log = result.get("log", "") + result.get("error", "")
    answers.write(json.dumps({"ok": bool(result["success"]), "log": log}) + "\n")
    answers.flush()


if __name__ == "__main__":
    main()
