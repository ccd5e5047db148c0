"""Төрийн албаны инноваци — the course library.

Notebooks use only the names below (``import course_lib as cl``). Submodules
load on first use so that ``import course_lib`` stays cheap: plotly is not
imported until a figure is drawn (see bench/import_time.py).
"""

from __future__ import annotations

from importlib import import_module

from .i18n import get_language, set_language, t
from .startup import setup

# public name -> submodule that defines it (loaded lazily by __getattr__)
_LAZY = {
    # question banks and self-check quizzes
    "load_questions": "bank",
    "get_question": "bank",
    "quiz": "quiz",
    # the learner record and the action plan
    "record_answer": "record",
    "plan_save": "record",
    "plan_load": "record",
    "plan_form": "plan_widgets",
    "progress_overview": "progress",
    "progress_panel": "progress",
    # content helpers
    "modules": "course_map",
    "case": "cases",
    "explore": "explore",
    # graded (nbgrader) items
    "graded_item": "graded",
    "graded_answer": "graded",
    "graded_text": "graded",
}

__all__ = ["setup", "set_language", "get_language", "t", *_LAZY]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'course_lib' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
