"""A submission in the exchange's inbound folder, read as its owner cannot fake it: when its
files were really written, and a copy of its regular files that never follows a link or opens
a pipe (course_instructor/exchange/safe_exchange.py's Collect uses both; why there).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import stat

from nbgrader.utils import parse_utc

# a submit stamps its time, then copies the files: their ctime is seconds later on one disk,
# longer on a busy NFS. Changes within this window after the stated time are not questioned.
SLACK = datetime.timedelta(minutes=2)


def written_at(folder: str) -> datetime.datetime:
    """When anything in ``folder`` was last written or changed, as naive UTC (nbgrader's
    convention): the newest ctime of the folder and everything in it, links not followed."""
    newest = os.lstat(folder).st_ctime
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            newest = max(newest, os.lstat(os.path.join(dirpath, name)).st_ctime)
    return datetime.datetime.fromtimestamp(newest, datetime.timezone.utc).replace(tzinfo=None)


@contextlib.contextmanager
def opened_regular(path: str):
    """A read-only fd for ``path`` if it is a regular file, else None: opened without
    following a link or waiting on a pipe, and checked after opening (its owner may have
    swapped it since it was listed)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        yield None
        return
    try:
        yield fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


def stated_in_file(folder: str) -> datetime.datetime | None:
    """The time timestamp.txt states, if it is a small regular file nbgrader can read."""
    with opened_regular(os.path.join(folder, "timestamp.txt")) as fd:
        if fd is None:
            return None
        try:
            return parse_utc(os.read(fd, 200).decode("utf-8").strip())
        except (ValueError, OverflowError, UnicodeDecodeError):
            return None


def true_time(folder: str, stated: datetime.datetime):
    """(the submission's time, the earliest time it claimed when that claim was false, else
    None). The later of the name's and timestamp.txt's times; the time its files were last
    written when that is later still."""
    in_file = stated_in_file(folder)
    claimed = max(stated, in_file) if in_file else stated
    earliest = min(stated, in_file) if in_file else stated
    written = written_at(folder)
    if written > claimed + SLACK:
        return written, earliest
    return claimed, (earliest if earliest < claimed else None)


def has_secret(folder: str) -> bool:
    """Does ``folder`` hold the submission_secret.txt nbgrader submit writes: a regular file,
    not empty (a link or pipe would not be collected, so would not be there at release)?"""
    with opened_regular(os.path.join(folder, "submission_secret.txt")) as fd:
        return fd is not None and os.fstat(fd).st_size > 0


def copy_regular(path: str, target: str, limit: int) -> bool:
    """Copy one regular file (``opened_regular``); False when it is not one by the time it is
    opened or grows past ``limit`` while copied."""
    with opened_regular(path) as fd:
        if fd is None:
            return False
        os.makedirs(os.path.dirname(target), exist_ok=True)
        copied = 0
        with open(target, "wb") as out:
            while chunk := os.read(fd, 1 << 20):
                copied += len(chunk)
                if copied > limit:
                    break
                out.write(chunk)
    if copied > limit:
        os.unlink(target)
        return False
    return True
