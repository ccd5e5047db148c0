"""The sidecar answers file of a graded assignment (no widgets).

nbgrader clears outputs and re-executes a submission headless, so a choice held
only in a widget would be lost at autograde (nbgrader #1359). Each choice is
therefore written to ``answers.json`` beside the notebook: nbgrader copies files
beside a submitted notebook into ``autograded/``, where the locked test cells
read it back. The file holds the trainee's choices only, never a key.

Format: ``{"<item id>": value}`` where value is the chosen option's index
(single), a sorted list of indices (multiple) or true/false (truefalse).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..paths import replace_file

FILE_NAME = "answers.json"
# readable by everyone, whatever the trainee's umask: the sandboxed grading account (not the
# trainee, not the instructor) reads it at autograde, and mkstemp alone would make it 0600
MODE = 0o644
KINDS = ("single", "multiple", "truefalse")


class AnswersFileError(Exception):
    """answers.json exists but cannot be read as a JSON object."""


def answers_path() -> Path:
    """answers.json in the working directory (the notebook's folder in Jupyter and nbgrader)."""
    return Path(os.environ.get("COURSE_ANSWERS_FILE") or Path.cwd() / FILE_NAME)


def load_all(path: Path | None = None) -> dict:
    """Every saved answer; {} when the file is missing, AnswersFileError when it is unreadable."""
    path = path or answers_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(str(exc)) from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AnswersFileError(str(exc)) from exc
    if not isinstance(data, dict):
        raise AnswersFileError("not a JSON object")
    return data


def save(item_id: str, value, path: Path | None = None) -> Path:
    """Store one answer, keeping the others; atomic (temp file + os.replace)."""
    path = path or answers_path()
    try:
        data = load_all(path)
    except AnswersFileError:
        data = {}  # a corrupt file is replaced by a fresh one rather than blocking every save
    data[item_id] = value
    return replace_file(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                        MODE, prefix=".answers-")


def clean(value, kind: str, n_options: int | None = None):
    """The answer in canonical form, or None when it is not a well-formed answer of this kind."""
    if kind == "truefalse":
        return value if isinstance(value, bool) else None

    def is_index(v) -> bool:
        # bool is an int in Python: True must not pass for option 1
        ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
        return ok and (n_options is None or v < n_options)

    if kind == "single":
        return value if is_index(value) else None
    if kind == "multiple":
        if not isinstance(value, list) or not all(is_index(v) for v in value):
            return None
        return sorted(set(value))
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
