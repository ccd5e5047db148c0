"""Seeing and carrying progress: ``cl.progress_overview()`` and ``cl.progress_panel()``.

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

import html

from ..content import plan_data
from ..i18n import t
from ..record import store as record
from .shared_models import FIT, make


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
    from ..figures.progress import progress_figure

    texts = {key: t(f"progress.fig.{key}") for key in
             ("score", "answered", "plan", "attempts", "x", "title")}
    try:
        rows = progress_data()
    except record.RecordError as exc:
        rows, texts["title"] = [], str(exc)
    return progress_figure(rows, texts)


def progress_panel():
    """Take your record with you: download your progress (JSON) and your action plan (HTML),
    and upload an earlier download to merge it in."""
    import ipywidgets as widgets

    from ..record import transfer
    from ..record.plan_document import render
    from .links import download_link

    out = make(widgets.HTML, classes=("cl-progress-links",))
    message = make(widgets.HTML, classes=("cl-progress-message",))

    def say(text: str, ok: bool) -> None:
        colour = "#1b5e20" if ok else "#b71c1c"
        message.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def prepare(_=None) -> None:
        try:
            data = transfer.export_bytes()
            plan = render(record.plan_fields(), "html").encode("utf-8")
        except record.RecordError as exc:
            say(str(exc), ok=False)
            return
        out.value = (download_link(data, "course_progress.json", "application/json",
                                    t("progress.panel.download")) + " &nbsp; "
                     + download_link(plan, "action_plan.html", "text/html",
                                      t("progress.panel.plan")))

    refresh = make(widgets.Button, description=t("progress.panel.refresh"), icon="refresh",
                   layout=FIT)
    refresh.on_click(prepare)
    upload = make(widgets.FileUpload, accept=".json", multiple=False,
                  description=t("progress.panel.upload"), layout=FIT)

    def uploaded(change) -> None:
        for item in change["new"] or ():
            try:
                say(transfer.import_bytes(bytes(item["content"]), item["name"]), ok=True)
            except transfer.TransferError as exc:
                say(str(exc), ok=False)
        if change["new"]:
            prepare()
            upload.value = ()  # so the same file can be chosen again

    upload.observe(uploaded, names="value")
    prepare()
    panel = make(widgets.VBox, children=[
        make(widgets.HTML, value=f"<b>{html.escape(t('progress.panel.title'))}</b>"),
        make(widgets.HTML, value=html.escape(t("progress.panel.help"))),
        out, make(widgets.HBox, children=[refresh, upload]), message],
        classes=("cl-progress-panel",))
    panel.upload, panel.message, panel.links, panel.refresh = upload, message, out, refresh
    return panel
