"""A throw-away data/ tree for bank, scoring and quiz tests (pointed at by COURSE_DATA_DIR)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_tree(root: Path, *fixtures: str) -> Path:
    """root/questions/NN_<fixture>.yaml for each fixture, plus the real locale catalogue."""
    (root / "questions").mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(fixtures):
        shutil.copy(FIXTURES / name, root / "questions" / f"{n:02d}_{Path(name).stem}.yaml")
    shutil.copytree(REPO / "data" / "locale", root / "locale", dirs_exist_ok=True)
    return root


def use_tree(monkeypatch, root: Path, *fixtures: str) -> Path:
    """Build the tree and point the loaders (and a fresh learner record) at it."""
    make_tree(root, *fixtures)
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(root / "progress.db"))
    return root
