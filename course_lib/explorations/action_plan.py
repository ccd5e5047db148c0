"""Module 09: the assembled action plan, shown in the notebook and offered as a document."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..i18n import t
from ..record import store as record
from ..record.plan_document import document, render, sections_html
from ..widgets.links import download_link, follow_record
from ..widgets.shared_models import Brief, make
from ._base import status


def preview_html(fields: dict[str, dict]) -> str:
    """The plan's sections as an HTML fragment (the download is the full document)."""
    doc = document(fields)
    return f"<h3>{html.escape(doc['title'])}</h3>" + sections_html(doc, "h4", "h5")


class ActionPlan(Brief, widgets.VBox):
    """A preview of the whole plan plus Markdown and HTML downloads, both rebuilt after every
    change of the learner record (no refresh button: a download is never stale)."""

    def __init__(self):
        super().__init__()
        self.links = make(widgets.HTML)
        self.message = make(widgets.HTML)
        self.preview = make(widgets.HTML)
        # the whole plan is long: folded until the learner opens it
        self.fold = widgets.Accordion(children=[self.preview], selected_index=None)
        self.fold.set_title(0, t("explore.action_plan.show_plan"))
        self.children = [self.links, self.message, self.fold]
        self.refresh()
        follow_record(self, "refresh", "action_plan")

    def refresh(self) -> bool:
        """Reread the record and rebuild the preview and the downloads; False if unreadable."""
        try:
            fields = record.plan_fields()
        except record.RecordError as exc:
            self.message.value = status(html.escape(str(exc)), ok=False)
            return False
        filled = sum(1 for key, f in fields.items()  # the name is no plan field to count
                     if key != record.NAME_KEY and str(f.get("value", "")).strip())
        self.message.value = t("explore.action_plan.filled", n=filled)
        self.links.value = (
            download_link(
                render(fields, "html"),
                "action_plan.html",
                "text/html",
                t("explore.action_plan.download_html"),
            )
            + " &nbsp; "
            + download_link(
                render(fields, "md"),
                "action_plan.md",
                "text/markdown",
                t("explore.action_plan.download_md"),
            )
        )
        self.preview.value = (
            f"<div style='border:1px solid #999;padding:10px;max-width:800px'>"
            f"{preview_html(fields)}</div>"
        )
        return True


def show(**_):
    """The assembled action plan widget."""
    return ActionPlan()
