"""Question banks as plain, validated data: each question a model of its kind (question_kinds.py).

``load_questions()`` reads every ``data/questions/*.yaml`` (schema + rules in bank_checks),
refusing the whole set on any problem, so bad content fails the build and never a learner.
No widgets and no plotly here; ``.check(answer)`` is pure (see scoring.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..paths import data_dir, stamp
from .bank_checks import across_banks, check_bank
from .loading import ContentError, Kind, UniqueIds, check_file, display_name
from .question_kinds import (  # noqa: F401  (the models, re-exported: bank.Question etc.)
    Item,
    Likert,
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    SingleChoice,
    TextAnswer,
    TrueFalse,
    build,
)


def bank_files(folder: Path | None = None) -> list[Path]:
    """The bank files, in module order (NN_ prefix)."""
    return sorted((folder or data_dir() / "questions").glob("*.yaml"))


@lru_cache(maxsize=32)
def _load_file(stamp: tuple) -> tuple[Question, ...]:
    path = Path(stamp[0])
    data, problems = check_file(path, QUESTIONS)
    if problems:
        raise ContentError(problems)
    return tuple(build(q, data["module"], display_name(path)) for q in data["questions"])


@lru_cache(maxsize=4)
def _check_across(stamps: tuple) -> None:
    # at run time only the cheap cross-file rule: validate also ties banks to the course map
    banks = {display_name(Path(stamp[0])):
             (Path(stamp[0]), {"questions": [{"id": q.id} for q in _load_file(stamp)]})
             for stamp in stamps}
    problems = QUESTIONS.ids.problems(banks)
    if problems:
        raise ContentError(problems)


def _files_of(module: str | None) -> list[Path]:
    # validation ties a bank's module to its file name (mNN <-> NN_*.yaml), so one module's
    # questions can be loaded, and validated, without reading the other nine banks
    files = bank_files()
    if module is None:
        return files
    return [p for p in files if p.name.startswith(f"{module[1:]}_")]


def load_questions(module: str | None = None) -> list[Question]:
    """Every validated question (optionally of one module: "m01"), in bank order.

    Raises ``content.ContentError`` naming file, question and field if a bank is invalid.
    """
    if module is not None:
        stamps = tuple(stamp(p) for p in _files_of(module))
        found = [q for stamp in stamps for q in _load_file(stamp) if q.module == module]
        if found:
            return found
        # a bank named against the convention (test trees): fall back to reading them all
    stamps = tuple(stamp(p) for p in _files_of(None))
    _check_across(stamps)
    questions = [q for stamp in stamps for q in _load_file(stamp)]
    return [q for q in questions if module is None or q.module == module]


def get_question(question_id: str) -> Question:
    """The question with this id; KeyError (with the id) if there is none."""
    module = str(question_id).split(".", 1)[0]
    for question in load_questions(module if re.fullmatch(r"m[0-9]{2}", module) else None):
        if question.id == question_id:
            return question
    raise KeyError(question_id)


# one module's questions load without the other banks (load_questions), so the loader runs the
# per-file rules on each and the duplicate-id rule on the full set only
QUESTIONS = Kind("questions", "question-bank.v1.json", "questions/*.yaml", "questions",
                 rules=check_bank, across=across_banks, load=load_questions,
                 ids=UniqueIds("questions", "id", "question"))

__all__ = ["load_questions", "get_question", "Question", "Item", "ContentError",
           "SingleChoice", "MultipleChoice", "TrueFalse", "TextAnswer", "Matching", "Ordering",
           "Likert"]
