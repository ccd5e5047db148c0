"""Where a course's gradebook lives: the one answer nbgrader_config.py,
course_instructor/commands.py,
the dashboard and the hub set-up all read (so no tool pins `sqlite:///` on its own).

Order: $COURSE_GRADEBOOK_URL (a one-off override), else the first line of `gradebook.url` in
the course root (written by the hub set-up: PostgreSQL over the Unix socket, peer
authentication, so the URL holds no password), else SQLite beside the course (one machine).
"""

import os
from pathlib import Path

URL_FILE = "gradebook.url"


def gradebook_url(course_root: str | os.PathLike) -> str:
    env = os.environ.get("COURSE_GRADEBOOK_URL", "").strip()
    if env:
        return env
    root = Path(course_root)
    pinned = root / URL_FILE
    if pinned.is_file():
        first = pinned.read_text(encoding="utf-8").strip().splitlines()
        if first and first[0].strip():
            return first[0].strip()
    return "sqlite:///" + str(root / "gradebook.db")


def postgres_url(database: str, socket_dir: str, port: int) -> str:
    """A peer-authenticated URL: the OS account running nbgrader is the database role."""
    return f"postgresql+psycopg2:///{database}?host={socket_dir}&port={port}"
