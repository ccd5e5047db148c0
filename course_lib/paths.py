"""Where the course's content and the learner's record live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The course content folder: $COURSE_DATA_DIR, else the repository's data/."""
    env = os.environ.get("COURSE_DATA_DIR")
    return Path(env) if env else PACKAGE_DIR.parent / "data"


def progress_db_path() -> Path:
    """The learner record: $COURSE_PROGRESS_DB, else ~/.course_innovation/progress.db."""
    env = os.environ.get("COURSE_PROGRESS_DB")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".course_innovation" / "progress.db"


def schema_path(name: str) -> Path:
    return PACKAGE_DIR / "content" / "schemas" / name
