"""``cl.progress_panel()``: take your record with you (JSON and the plan as HTML), bring it back.

The two download links are rebuilt after every change of the learner record (links.py), so a
click always gets everything saved up to it: no refresh button to remember.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..i18n import t
from ..record import store as record
from ..record import transfer
from .links import download_link, follow_record
from .page_style import style_tag
from .shared_models import FIT, Brief, make


class ProgressPanel(Brief, widgets.VBox):
    """The download links (always current), an upload button and a message line."""

    def __init__(self):
        self.links = make(widgets.HTML, classes=("cl-progress-links",))
        self.message = make(widgets.HTML, classes=("cl-progress-message",))
        # the label is also the title: page.css draws it in place of FileUpload's "label (0)"
        self.upload = make(widgets.FileUpload, accept=".json", multiple=False,
                           description=t("progress.panel.upload"),
                           tooltip=t("progress.panel.upload"), layout=FIT,
                           classes=("cl-upload",))
        self.upload.observe(self._uploaded, names="value")
        # asked once, kept in the record, shown on the plan document; saved on Enter or when
        # the field is left (continuous_update=False), not at every keystroke
        self.name = make(widgets.Text, value=record.trainee_name(), continuous_update=False,
                         description=t("progress.panel.name"), layout={"width": "30em"},
                         style={"description_width": "initial"}, classes=("cl-trainee-name",))
        self.name.observe(self._named, names="value")
        super().__init__(children=[
            make(widgets.HTML, value=f"<b>{html.escape(t('progress.panel.title'))}</b>"
                 + style_tag()),
            make(widgets.HTML, value=html.escape(t("progress.panel.help"))),
            make(widgets.HTML, value=f"<small>{html.escape(t('progress.panel.name_help'))}"
                                     "</small>"),
            self.name, self.links, make(widgets.HBox, children=[self.upload]), self.message],
            _dom_classes=("cl-progress-panel",))
        self.rebuild()
        follow_record(self, "rebuild", "progress_panel")

    def say(self, text: str, ok: bool) -> None:
        colour = "#1b5e20" if ok else "#b71c1c"
        self.message.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def _named(self, change) -> None:
        try:  # the save notifies the record's views: the plan link follows with the name
            stored = record.save_trainee_name(change["new"])
        except record.RecordError as exc:
            self.say(str(exc), ok=False)
            return
        if stored != change["new"]:
            self.name.value = stored  # as kept: spaces collapsed, length capped
        self.say(t("progress.panel.name_saved"), ok=True)

    def rebuild(self) -> None:
        """Both files as the record holds them now."""
        from ..record.plan_document import render

        try:
            data = transfer.export_bytes()
            plan = render(record.plan_fields(), "html").encode("utf-8")
        except record.RecordError as exc:
            self.say(str(exc), ok=False)
            return
        self.links.value = (download_link(data, "course_progress.json", "application/json",
                                          t("progress.panel.download")) + " &nbsp; "
                            + download_link(plan, "action_plan.html", "text/html",
                                            t("progress.panel.plan")))

    def _uploaded(self, change) -> None:
        for item in change["new"] or ():
            try:  # a merge notifies the record's views: the links follow by themselves
                self.say(transfer.import_bytes(bytes(item["content"]), item["name"]), ok=True)
            except transfer.TransferError as exc:
                self.say(str(exc), ok=False)
        if change["new"]:
            self.upload.value = ()  # so the same file can be chosen again


def progress_panel() -> ProgressPanel:
    """Take your record with you: download your progress (JSON) and your action plan (HTML),
    and upload an earlier download to merge it in."""
    return ProgressPanel()
