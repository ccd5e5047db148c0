"""Seeing progress: ``cl.progress_overview()`` (carrying it: progress_panel.py).

A module counts as **done** when every self-check question of the module has been checked at
least once and every field of its action-plan part holds something. Answers do not have to be
right to count: the self-check teaches, it does not grade (nbgrader does). The **score** of a
module is the mean, over its graded questions, of the best score reached (unanswered = 0).
Modules with neither questions nor plan fields are left out.

Only the bank's self-check questions count. Checked explorations (``m01.criteria.<case>``,
``m04.challenges.<item>``) store attempts too; they are kept and exported, but deliberately
do not change a module's done, score or attempt count, which stay tied to the self-check.
"""

from __future__ import annotations

from ..content import plan_data
from ..i18n import t
from ..record import store as record


def module_progress(modules, questions, summary: dict, parts, plan_values: dict) -> list[dict]:
    """Pure: one row per module from the course map, the bank, the attempt summary
    (record.question_summary) and the saved plan texts (key -> text)."""
    rows = []
    for module in modules:
        qs = [q for q in questions if q.module == module.id]
        part = next((p for p in parts if p.module == module.id), None)
        fields = list(part.fields) if part else []
        if not qs and not fields:
            continue
        graded = [q for q in qs if getattr(q, "graded", True)]
        unanswered = [q.id for q in qs if q.id not in summary]
        best = [(summary.get(q.id) or {}).get("best") or 0.0 for q in graded]
        unfilled = [f.label() for f in fields
                    if not plan_data.is_filled(f, plan_values.get(f.key, ""))]
        attempts = sum(summary[q.id]["attempts"] for q in qs if q.id in summary)
        open_parts = []
        if unanswered:
            open_parts.append(t("progress.open.questions", n=len(unanswered)))
        if unfilled:
            open_parts.append(t("progress.open.fields", n=len(unfilled)))
        rows.append({
            "module": module.id, "label": f"{module.number}. {module.title()}",
            "score": sum(best) / len(graded) if graded else None,
            "answered": (len(qs) - len(unanswered)) / len(qs) if qs else None,
            "plan": (len(fields) - len(unfilled)) / len(fields) if fields else None,
            "attempts": attempts, "done": not unanswered and not unfilled,
            "open": " · ".join(open_parts) or t("progress.open.none"),
            "open_questions": unanswered, "open_fields": unfilled,
        })
    return rows


def progress_data() -> list[dict]:
    """The rows for this trainee's record (a bank that fails to load counts as no questions)."""
    from ..content.bank import load_questions
    from ..content.course_map import modules
    from ..content.loading import ContentError

    try:
        questions = load_questions()
    except (ContentError, OSError):
        questions = []
    plan_values = {k: f["value"] for k, f in record.plan_fields().items()}
    return module_progress(modules(), questions, record.question_summary(),
                           plan_data.plan_parts(), plan_values)


def progress_overview():
    """A plotly figure of your progress: modules done, score, questions answered, plan filled,
    attempts, and (on hover) what is still open in each module."""
    from ..figures.progress_chart import progress_figure

    texts = {key: t(f"progress.fig.{key}") for key in
             ("score", "answered", "plan", "attempts", "x", "title")}
    try:
        rows = progress_data()
    except record.RecordError as exc:
        rows, texts["title"] = [], str(exc)
    return progress_figure(rows, texts)
