"""A class roster in one step: CSV -> accounts + nbgrader's student list; reset; remove.

CSV columns (UTF-8, header row): login,first_name,last_name,email
Passwords are generated and written to a root-only file (0600) the instructor hands out.

The whole file is checked before anything is made (every problem named by the file's own line,
blank lines counted), and an import that fails part-way removes the accounts it made: a roster
either comes in whole or leaves the machine as it was.
"""

from __future__ import annotations

import csv
import grp
import io
import os
import pwd
import subprocess
from pathlib import Path

from course_instructor.hub import accounts
from course_instructor.hub.accounts import RosterError
from course_instructor.hub.layout import Course, Layout

COLUMNS = ("login", "first_name", "last_name", "email")


def _rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header, and each row with the file line it starts on: csv.DictReader skips blank
    lines without counting them, so an error after one would name the wrong line."""
    reader = csv.reader(io.StringIO(text))
    header, rows, last = None, [], 0
    for cells in reader:
        first, last = last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
        else:
            rows.append((first, dict(zip(header, cells, strict=False))))
    return header or [], rows


def read_csv(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RosterError(f"{path}: файлыг UTF-8 CSV гэж уншиж чадсангүй / cannot read it as "
                          f"UTF-8 CSV ({err.__class__.__name__})") from err
    header, numbered = _rows(text)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise RosterError(f"{path}: {', '.join(missing)} багана алга / missing column(s)")
    seen, problems = set(), []
    for n, row in numbered:
        login = (row.get("login") or "").strip()
        try:
            accounts.check_name(login)
        except RosterError as err:
            problems.append(f"мөр/line {n}: {err}")
        if login in seen:
            problems.append(f"мөр/line {n}: «{login}» давхардсан / repeated")
        seen.add(login)
        row["login"] = login
        row["line"] = n
        for column in COLUMNS[1:]:
            row[column] = (row.get(column) or "").strip()
    if not numbered:
        problems.append(f"{path}: сонсогч алга / no trainees in the file")
    if problems:  # nothing is created from a roster with a bad line
        raise RosterError("\n".join(problems))
    return [row for _, row in numbered]


def check_accounts(lay: Layout, rows: list[dict]) -> None:
    """Every login against the machine before one account is made: the course's own accounts
    (graders, instructors), other existing accounts and groups are refused; an existing
    trainee is kept (importing the same roster twice, or into a second course, is allowed)."""
    staff = {c.grader(lay.prefix): ("дүн тавих бүртгэл", "grader") for c in lay.courses}
    staff.update({name: ("багшийн бүртгэл", "instructor")
                  for c in lay.courses for name in c.instructors})
    problems = []
    for row in rows:
        login, where = row["login"], f"мөр/line {row['line']}: «{row['login']}»"
        if login in staff:
            mn, en = staff[login]
            problems.append(f"{where} бол хичээлийн {mn}, сонсогч болохгүй / is the "
                            f"course's {en} account, not a trainee")
        elif accounts.exists(login):
            if not _is_trainee(lay, login):
                problems.append(f"{where} нэртэй хэрэглэгч системд аль хэдийн байна (сонсогч "
                                f"биш) / is an existing account that is not a trainee")
        elif accounts.group_exists(login):
            problems.append(f"{where} нэртэй бүлэг системд байна / is the name of an existing "
                            f"group")
    if problems:
        raise RosterError("\n".join(problems))


def _is_trainee(lay: Layout, login: str) -> bool:
    try:
        return login in grp.getgrnam(lay.trainees_group).gr_mem
    except KeyError:
        return False


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
    check_accounts(lay, rows)
    made: list[str] = []
    lines = []
    try:
        for row in rows:
            login = row["login"]
            try:
                created = accounts.ensure_user(
                    login, [lay.trainees_group], f"{row['first_name']} {row['last_name']}")
                if created:
                    made.append(login)
                    lines.append(f"{login},{accounts.set_password(login)}")
            except subprocess.CalledProcessError as err:
                raise RosterError(f"мөр/line {row['line']}: «{login}» бүртгэл үүсгэж "
                                  f"чадсангүй / could not make the account ({err.cmd[0]} "
                                  f"exited {err.returncode})") from None
        _nbgrader_students(lay, course, rows)
        new = not out.exists() or out.stat().st_size == 0
        out.touch(mode=0o600)
        with open(out, "a", encoding="utf-8") as f:
            f.write("\n".join((["login,password"] if new else []) + lines) + "\n")
    except BaseException:
        for login in reversed(made):  # as the machine was before this roster
            accounts.remove_user(login)
        raise
    return [r["login"] for r in rows]


def _nbgrader_students(lay: Layout, course: Course, rows: list[dict]) -> None:
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


def remove(lay: Layout, login: str) -> None:
    """The account and its home go; the trainee's grades stay in each course's gradebook."""
    accounts.check_name(login)
    if not accounts.remove_user(login):
        raise RosterError(f"«{login}» гэсэн хэрэглэгч алга. / No account «{login}».")
