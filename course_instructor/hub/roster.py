"""A class roster in one step: CSV -> accounts + nbgrader's student list; reset; remove.

CSV columns (UTF-8, header row): login,first_name,last_name,email
Passwords are generated and written to a root-only file (0600) the instructor hands out.
"""

from __future__ import annotations

import csv
import io
import os
import pwd
import subprocess
from pathlib import Path

from course_instructor.hub import accounts
from course_instructor.hub.accounts import RosterError
from course_instructor.hub.layout import Course, Layout

COLUMNS = ("login", "first_name", "last_name", "email")


def read_csv(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RosterError(f"{path}: файлыг UTF-8 CSV гэж уншиж чадсангүй / cannot read it as "
                          f"UTF-8 CSV ({err.__class__.__name__})") from err
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = [c for c in COLUMNS if rows and c not in rows[0]] or ([] if rows else ["login"])
    if missing:
        raise RosterError(f"{path}: {', '.join(missing)} багана алга / missing column(s)")
    seen, problems = set(), []
    for n, row in enumerate(rows, start=2):
        login = (row.get("login") or "").strip()
        try:
            accounts.check_name(login)
        except RosterError as err:
            problems.append(f"мөр/line {n}: {err}")
        if login in seen:
            problems.append(f"мөр/line {n}: «{login}» давхардсан / repeated")
        seen.add(login)
        row["login"] = login
    if problems:  # nothing is created from a roster with a bad line
        raise RosterError("\n".join(problems))
    return rows


def as_grader(lay: Layout, course: Course, *args: str) -> subprocess.CompletedProcess:
    grader = course.grader(lay.prefix)
    env = {"PATH": str(lay.venv("bin")) + ":/usr/bin:/bin", "HOME": f"/home/{grader}",
           "JUPYTER_CONFIG_PATH": str(lay.path("etc", "jupyter")), "LANG": "C.UTF-8"}
    return subprocess.run(["runuser", "-u", grader, "--", "env", "-i",
                           *(f"{k}={v}" for k, v in env.items()), *args],
                          cwd=lay.course_root(course), capture_output=True, text=True,
                          check=False)


def import_roster(lay: Layout, course: Course, csv_path: Path, out: Path) -> list[str]:
    rows = read_csv(csv_path)
    lines = ["login,password"]
    for row in rows:
        created = accounts.ensure_user(row["login"], [lay.trainees_group],
                                       f"{row['first_name']} {row['last_name']}".strip())
        if created:
            lines.append(f"{row['login']},{accounts.set_password(row['login'])}")
    students = lay.course_root(course) / "roster-import.csv"
    with open(students, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "first_name", "last_name", "email"])
        for row in rows:
            writer.writerow([row["login"], row["first_name"], row["last_name"], row["email"]])
    grader = pwd.getpwnam(course.grader(lay.prefix))
    os.chown(students, grader.pw_uid, grader.pw_gid)
    done = as_grader(lay, course, "nbgrader", "db", "student", "import", str(students))
    if done.returncode != 0:
        raise RosterError("nbgrader db student import: " + done.stderr.strip()[-500:])
    out.touch(mode=0o600)
    with open(out, "a", encoding="utf-8") as f:
        f.write("\n".join(lines[1:] if out.stat().st_size else lines) + "\n")
    return [r["login"] for r in rows]


def remove(lay: Layout, login: str) -> None:
    """The account and its home go; the trainee's grades stay in each course's gradebook."""
    accounts.check_name(login)
    if not accounts.remove_user(login):
        raise RosterError(f"«{login}» гэсэн хэрэглэгч алга. / No account «{login}».")
