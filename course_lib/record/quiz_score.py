"""A module's running score for the single-question widgets, read from the learner record.

The score of a module is the sum, over its graded questions, of the best score the learner
has reached (unanswered = 0), out of the number of graded questions: the same best-score rule
as progress.py, so the line under a question and the progress overview agree. Likert items
are recorded, never graded, and do not count. No widgets here.
"""

from __future__ import annotations


def best_total(questions, summary: dict) -> tuple[float, int]:
    """Pure: (sum of best scores, number of graded questions) from record.question_summary()."""
    graded = [q for q in questions if getattr(q, "graded", True)]
    best = sum((summary.get(q.id) or {}).get("best") or 0.0 for q in graded)
    return best, len(graded)


def module_score(module: str) -> tuple[float, int]:
    """This learner's (score, total) for a module ("m02"); raises if the record or bank fails."""
    from ..content.bank import load_questions
    from . import store as record

    questions = [q for q in load_questions(module) if q.module == module]
    return best_total(questions, record.question_summary())
