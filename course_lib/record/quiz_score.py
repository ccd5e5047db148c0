"""A module's running score, as every score line shows it: under a single question, above a
module's quiz.

The score of a module is the sum, over its graded questions, of the BEST score the learner has
reached (unanswered = 0), out of the number of graded questions: the same rule as the progress
overview, so every line agrees, and a worse retry never lowers it. The best scores come from
``changes.RECORD.best`` (kept current by every checked answer, in the write's own transaction);
a module not seen yet in this kernel is read once. Likert items are recorded, never graded, and
are not among the ids. No widgets, no bank: the caller passes the graded ids it already has.
"""

from __future__ import annotations

from . import store as record
from .changes import RECORD, known_modules, remember_best


def module_total(graded_ids) -> tuple[float, int]:
    """(sum of best scores, number of graded questions); raises RecordError if unreadable."""
    ids = tuple(graded_ids)
    modules = {record.module_of(qid) for qid in ids}
    for module in modules - known_modules():
        remember_best(module, record.module_best_scores(module))
    best = RECORD.best
    return sum(best.get(qid) or 0.0 for qid in ids), len(ids)
