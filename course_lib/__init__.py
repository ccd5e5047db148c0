"""Төрийн албаны инноваци — the course library.

Notebooks use only the names below (``import course_lib as cl``). Submodules
load on first use so that ``import course_lib`` stays cheap: plotly is not
imported until a figure is drawn (see bench/import_time.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .i18n import get_language, set_language, t
from .startup import setup

if TYPE_CHECKING:  # editors and type checkers see every public name; run time stays lazy
    from .content.bank import get_question, load_questions
    from .content.cases import case
    from .content.course_map import modules
    from .explorations import explore
    from .grading.items import graded_answer, graded_check, graded_item, graded_text
    from .record.store import plan_load, plan_save, record_answer
    from .widgets.glossary import glossary
    from .widgets.plan_form import plan_form
    from .widgets.progress import progress_overview
    from .widgets.progress_panel import progress_panel
    from .widgets.quiz import quiz

# public name -> submodule that defines it (loaded lazily by __getattr__)
_LAZY = {
    # question banks and self-check quizzes
    "load_questions": "content.bank",
    "get_question": "content.bank",
    "quiz": "widgets.quiz",
    # the learner record and the action plan
    "record_answer": "record.store",
    "plan_save": "record.store",
    "plan_load": "record.store",
    "plan_form": "widgets.plan_form",
    "progress_overview": "widgets.progress",
    "progress_panel": "widgets.progress_panel",
    # content helpers
    "modules": "content.course_map",
    "case": "content.cases",
    "explore": "explorations",
    "glossary": "widgets.glossary",
    # graded (nbgrader) items
    "graded_item": "grading.items",
    "graded_answer": "grading.items",
    "graded_text": "grading.items",
    "graded_check": "grading.items",
}

__all__ = [
    "setup", "set_language", "get_language", "t",
    "load_questions", "get_question", "quiz",
    "record_answer", "plan_save", "plan_load", "plan_form", "progress_overview", "progress_panel",
    "modules", "case", "explore", "glossary",
    "graded_item", "graded_answer", "graded_text", "graded_check",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'course_lib' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
