"""The table of content kinds: every kind of file in data/, with its schema, per-file rules,
cross-file rules and loader (each row is a ``loading.Kind`` declared beside its loader).

``validate`` iterates this table; each loader checks what it loads through its own row, so
the two paths cannot drift. Adding a kind means one row here and one ``Kind`` beside its
loader. Imported normally: the rows' modules import only ``loading``, never this table.
"""

from __future__ import annotations

from pathlib import Path

from .bank import QUESTIONS
from .cases import CASES
from .course_map import MODULES
from .exercises import EXERCISES
from .glossary import GLOSSARY
from .loading import Kind, Problem, check_raw, display_name, read_bytes
from .objectives import GRADED_OBJECTIVES, OBJECTIVES
from .plan_data import PLAN

# single files first, then the folders: the course map before what refers to it
KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    MODULES, EXERCISES, GLOSSARY, OBJECTIVES, GRADED_OBJECTIVES, QUESTIONS, PLAN, CASES)}


def content_kind(path: Path, data=None) -> Kind | None:
    """Which kind a file is: by folder (data/questions/), file name, or top-level list key."""
    path = Path(path)
    for kind in KINDS.values():
        folder, _, pattern = kind.files.rpartition("/")
        if (folder and path.parent.name == folder) or (not folder and path.name == pattern):
            return kind
    for name in sorted(KINDS, key=len, reverse=True):  # fixtures: questions-ok-*.yaml
        if path.stem.startswith(name):
            return KINDS[name]
    if isinstance(data, dict):
        for kind in KINDS.values():
            if kind.list_key in data:
                return kind
    return None


def check_file(path: Path, kind: Kind | str | None = None,
               trust_record: bool = True) -> tuple[Kind | None, object, list[Problem]]:
    """Check one file as ``kind`` (a row, its name, or None to tell it from the path)."""
    from .loading import parse_yaml

    raw, problems = read_bytes(path)
    if problems:
        return None, None, problems
    kind = KINDS[kind] if isinstance(kind, str) else kind
    if kind is None:
        data, problems = parse_yaml(display_name(Path(path)), raw)
        kind = None if problems else content_kind(path, data)
        if kind is None:
            return None, data, problems or [Problem(
                display_name(Path(path)), "cannot tell which schema applies (expected a "
                "questions/, plan/ or cases/ folder or modules.yaml)")]
    data, problems = check_raw(path, raw, kind, trust_record)
    return kind, data, problems


def load_content(path: Path, kind: Kind | str | None = None):
    """The validated data of one file of any kind; raises ContentError naming every problem."""
    from .loading import ContentError

    _, data, problems = check_file(path, kind)
    if problems:
        raise ContentError(problems)
    return data
