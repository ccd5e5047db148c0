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


def stamp(path: Path) -> tuple[str, int, int]:
    """(path, size, mtime_ns): what a per-process cache of a data file is keyed on, so the file
    is read once per kernel and again only once it is rewritten. OSError when it is missing."""
    stat = path.stat()
    return (str(path), stat.st_size, stat.st_mtime_ns)


def schema_path(name: str) -> Path:
    return PACKAGE_DIR / "content" / "schemas" / name


def replace_file(path: Path, text: str, mode: int = 0o644, prefix: str | None = None) -> Path:
    """Write ``text`` to ``path`` atomically (a temp file beside it, then ``os.replace``): a
    reader meanwhile, a notebook starting or the grader, sees the old file or the new, never
    half of one. The mode is set on the open file, so neither mkstemp's 0600 nor the writer's
    umask decides who may read it (the grader's sandbox account reads answers.json)."""
    import tempfile  # only writers need it; a notebook's set-up only reads

    fd, tmp = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
