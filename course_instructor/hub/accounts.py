"""Local accounts (PAM): trainees, instructors and each course's grader account.

A trainee is a real Unix account in the trainees group with a private home (0700), so the
operating system, not the course code, keeps one trainee out of another's work."""

from __future__ import annotations

import grp
import pwd
import re
import secrets
import subprocess

NAME = re.compile(r"^[a-z][a-z0-9_-]{1,30}$")


class RosterError(ValueError):
    """A bad roster line or name: the message is shown to the instructor as is."""


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise RosterError(
            f"«{name}»: нэвтрэх нэр латин жижиг үсгээр эхэлж, үсэг, тоо, зураас, "
            f"доогуур зураас агуулна (2–31 тэмдэгт). / A login name is 2-31 lowercase "
            f"letters, digits, '-' or '_', starting with a letter.")
    return name


def _known(lookup, name: str) -> bool:
    try:
        lookup(name)
    except KeyError:
        return False
    return True


def exists(name: str) -> bool:
    """An account of that name is on the machine."""
    return _known(pwd.getpwnam, name)


def group_exists(name: str) -> bool:
    """A group of that name is on the machine."""
    return _known(grp.getgrnam, name)


def ensure_group(name: str) -> None:
    if not group_exists(name):
        subprocess.run(["groupadd", name], check=True)


def ensure_user(name: str, groups: list[str], comment: str = "", login: bool = True) -> bool:
    """Create the account if missing (home 0700); True when it was created."""
    check_name(name)
    created = not exists(name)
    if created:
        shell = "/bin/bash" if login else "/usr/sbin/nologin"
        comment = comment.replace(":", " ").replace("\n", " ")  # passwd's field separator
        subprocess.run(["useradd", "--create-home", "--shell", shell, "--comment", comment,
                        "--user-group", name], check=True)
    for group in groups:
        ensure_group(group)
        subprocess.run(["usermod", "--append", "--groups", group, name], check=True)
    home = pwd.getpwnam(name).pw_dir
    subprocess.run(["chmod", "0700", home], check=True)
    return created


def set_password(name: str, password: str | None = None) -> str:
    if not exists(name):
        raise RosterError(f"«{name}» гэсэн хэрэглэгч алга. / No account «{name}».")
    password = password or secrets.token_urlsafe(9)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
    return password


def remove_user(name: str) -> bool:
    """Delete the account and its home; False if there was none."""
    if not exists(name):
        return False
    stop_processes(name)
    subprocess.run(["userdel", "--remove", name], check=True,
                   stderr=subprocess.DEVNULL)
    return True


def stop_processes(name: str) -> None:
    """End what still runs as this account (userdel refuses otherwise), pid by pid."""
    import os
    import signal
    from pathlib import Path

    uid = pwd.getpwnam(name).pw_uid
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if proc.stat().st_uid == uid:
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue  # gone meanwhile


def remove_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        return
    subprocess.run(["groupdel", name], check=True)
