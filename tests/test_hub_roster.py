"""A roster is checked whole before any account is made (issue 22, point 7): lines named as the
file numbers them, the course's own and the machine's existing names refused, and an import
that fails part-way leaves no account behind. Real accounts are made in the hub tier; here the
account calls are recorded instead, so the rules run without root."""

from __future__ import annotations

import grp
import pwd
import subprocess

import pytest

from course_instructor.hub import accounts, roster
from course_instructor.hub.accounts import RosterError
from course_instructor.hub.layout import Course, Layout

HEADER = "login,first_name,last_name,email\n"


def _csv(tmp_path, text: str):
    path = tmp_path / "class.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _layout(tmp_path) -> Layout:
    return Layout(hub_dir=str(tmp_path / "hub"), prefix="zz-",
                  courses=[Course("c1", ["zz-i1"]), Course("c2", ["zz-i2"])])


def test_errors_name_the_files_own_lines_blank_lines_counted(tmp_path):
    path = _csv(tmp_path, HEADER + "\nzz-a,Бат,Дорж,a@example.org\n\n\n"
                "Bad Login,Сараа,Болд,s@example.org\nzz-a,Бат,Дорж,a@example.org\n")
    with pytest.raises(RosterError) as err:
        roster.read_csv(path)
    lines = str(err.value).splitlines()
    assert lines[0].startswith("мөр/line 6: «Bad Login»"), lines
    assert lines[1] == "мөр/line 7: «zz-a» давхардсан / repeated"


def test_a_quoted_newline_keeps_the_next_rows_number(tmp_path):
    path = _csv(tmp_path, HEADER + 'zz-a,"Бат\nБаатар",Дорж,a@example.org\nBAD,x,y,z\n')
    with pytest.raises(RosterError, match="^мөр/line 4: «BAD»"):
        roster.read_csv(path)


def test_an_empty_roster_and_a_missing_column_are_named(tmp_path):
    with pytest.raises(RosterError, match="no trainees"):
        roster.read_csv(_csv(tmp_path, HEADER + "\n\n"))
    with pytest.raises(RosterError, match="email"):
        roster.read_csv(_csv(tmp_path, "login,first_name,last_name\nzz-a,Бат,Дорж\n"))


def _a_group_that_is_no_account() -> str:
    names = {u.pw_name for u in pwd.getpwall()}
    return next(g.gr_name for g in grp.getgrall()
                if g.gr_name not in names and accounts.NAME.match(g.gr_name))


def _an_account_that_is_no_trainee() -> str:
    return next(u.pw_name for u in pwd.getpwall() if accounts.NAME.match(u.pw_name))


def test_the_courses_own_accounts_and_existing_names_are_refused(tmp_path):
    group, account = _a_group_that_is_no_account(), _an_account_that_is_no_trainee()
    rows = [{"login": name, "line": n} for n, name in
            enumerate(["zz-grader-c2", "zz-i1", group, account, "zz-new"], start=2)]
    with pytest.raises(RosterError) as err:
        roster.check_accounts(_layout(tmp_path), rows)
    problems = str(err.value).splitlines()
    assert problems == [
        "мөр/line 2: «zz-grader-c2» бол хичээлийн дүн тавих бүртгэл, сонсогч болохгүй / is "
        "the course's grader account, not a trainee",
        "мөр/line 3: «zz-i1» бол хичээлийн багшийн бүртгэл, сонсогч болохгүй / is the "
        "course's instructor account, not a trainee",
        f"мөр/line 4: «{group}» нэртэй бүлэг системд байна / is the name of an existing group",
        f"мөр/line 5: «{account}» нэртэй хэрэглэгч системд аль хэдийн байна (сонсогч биш) / "
        "is an existing account that is not a trainee",
    ]


class Machine:
    """What the roster asked of the machine, with one call set to fail."""

    def __init__(self, monkeypatch, fail_on: str | None = None):
        self.made, self.removed, self.fail_on = [], [], fail_on
        monkeypatch.setattr(accounts, "ensure_user", self.ensure_user)
        monkeypatch.setattr(accounts, "set_password", lambda name: f"pw-{name}")
        monkeypatch.setattr(accounts, "remove_user", self.removed.append)
        monkeypatch.setattr(accounts, "exists", lambda name: False)

    def ensure_user(self, name, groups, comment=""):
        if name == self.fail_on:
            raise subprocess.CalledProcessError(4, ["useradd", name])
        self.made.append(name)
        return True


def test_a_failure_part_way_removes_the_accounts_it_made(tmp_path, monkeypatch):
    machine = Machine(monkeypatch, fail_on="zz-c")
    monkeypatch.setattr(roster, "_nbgrader_students", lambda *a: pytest.fail("not reached"))
    path = _csv(tmp_path, HEADER + "zz-a,A,A,a@x\nzz-b,B,B,b@x\n\nzz-c,C,C,c@x\n")
    out = tmp_path / "passwords.csv"
    with pytest.raises(RosterError, match=r"^мөр/line 5: «zz-c» .* \(useradd exited 4\)"):
        roster.import_roster(_layout(tmp_path), Course("c1", []), path, out)
    assert machine.made == ["zz-a", "zz-b"] and machine.removed == ["zz-b", "zz-a"]
    assert not out.exists()  # no password handed out for an account that is gone


def test_nbgrader_refusing_the_list_undoes_the_accounts(tmp_path, monkeypatch):
    machine = Machine(monkeypatch)

    def refuse(*args):
        raise RosterError("nbgrader db student import: refused")

    monkeypatch.setattr(roster, "_nbgrader_students", refuse)
    path = _csv(tmp_path, HEADER + "zz-a,A,A,a@x\nzz-b,B,B,b@x\n")
    with pytest.raises(RosterError, match="refused"):
        roster.import_roster(_layout(tmp_path), Course("c1", []), path, tmp_path / "pw.csv")
    assert machine.removed == ["zz-b", "zz-a"]


def test_a_whole_roster_writes_every_new_password_once(tmp_path, monkeypatch):
    Machine(monkeypatch)
    monkeypatch.setattr(roster, "_nbgrader_students", lambda *a: None)
    out = tmp_path / "pw.csv"
    path = _csv(tmp_path, HEADER + "zz-a,A,A,a@x\nzz-b,B,B,b@x\n")
    assert roster.import_roster(_layout(tmp_path), Course("c1", []), path, out) == ["zz-a",
                                                                                  "zz-b"]
    assert out.read_text() == "login,password\nzz-a,pw-zz-a\nzz-b,pw-zz-b\n"
    assert out.stat().st_mode & 0o777 == 0o600
