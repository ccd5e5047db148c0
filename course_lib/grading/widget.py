"""The widget of a graded item (rendering only; saving goes through answers_file.py)."""

from __future__ import annotations

import ipywidgets as widgets

from ..i18n import t
from . import answers_file as store


class GradedItemBox(widgets.VBox):
    """The item's widget; its plain-text form (feedback HTML, consoles) states the saved choice."""

    summary = ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and self.summary:
            bundle["text/plain"] = self.summary
        return bundle


def build(item_id: str, prompt: str, labels: list[str], kind: str, saved, summary) -> GradedItemBox:
    """Radio buttons (single, truefalse) or check boxes (multiple); ``summary(value)`` -> text."""
    # tooltip "": ipywidgets 8.1's label writes a None tooltip as title="null" (hover shows it)
    status = widgets.HTML(tooltip="")
    box = GradedItemBox()

    def record(value) -> None:
        box.summary = summary(value)
        try:
            store.save(item_id, value)
        except OSError as exc:
            status.value = f"<b>⚠ {t('graded.save_failed', error=exc)}</b>"
            return
        status.value = f"✓ {t('graded.saved', file=store.FILE_NAME)}"

    wide = widgets.Layout(width="auto")
    if kind == "multiple":
        boxes = [widgets.Checkbox(value=i in (saved or []), description=label, indent=False,
                                  layout=wide, tooltip="") for i, label in enumerate(labels)]

        def on_tick(_change) -> None:
            record([i for i, b in enumerate(boxes) if b.value])

        for b in boxes:
            b.observe(on_tick, names="value")
        selector = widgets.VBox(boxes)
    else:
        values = [True, False] if kind == "truefalse" else list(range(len(labels)))
        options = list(zip(labels, values, strict=True))
        selector = widgets.RadioButtons(options=options, index=None, layout=wide, tooltip="")
        if saved is not None:
            selector.value = saved
        selector.observe(lambda change: record(change["new"]), names="value")

    hint = "graded.hint_multiple" if kind == "multiple" else "graded.hint_single"
    box.summary = summary(saved)
    status.value = f"✓ {t('graded.saved', file=store.FILE_NAME)}" if saved is not None else t(hint)
    box.children = [widgets.HTML(f"<b>{prompt}</b>", tooltip=""), selector, status]
    return box
