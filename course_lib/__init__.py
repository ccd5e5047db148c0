"""Төрийн албаны инноваци — the course library.

Notebooks use only the names below (``import course_lib as cl``). Submodules
load on first use so that ``import course_lib`` stays cheap: plotly is not
imported until a figure is drawn (see bench/import_time.py).
"""

from __future__ import annotations

from importlib import import_module

from .i18n import get_language, set_language, t
from .startup import setup

# public name -> submodule that defines it, loaded on first use (PEP 562 __getattr__ below)
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
    "progress_overview": "widgets.progress_overview",
    "progress_panel": "widgets.progress_panel",
    # content helpers
    "modules": "content.course_map",
    "case": "content.cases",
    "explore": "explorations",
    "glossary": "widgets.glossary_search",
    # graded (nbgrader) items
    "graded_item": "grading.items",
    "graded_answer": "grading.items",
    "graded_text": "grading.items",
    "graded_check": "grading.items",
}

# the public API, listed once: the names above plus every lazy one
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
