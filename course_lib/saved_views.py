"""What a saved notebook keeps where a course widget was: a short note, not a dead view.

A widget's output is a view of a model that lives in the kernel. Saved as is, the notebook
reopens (next day, after the kernel was culled or its tab closed) with views whose models died
with the kernel, and JupyterLab's widget manager writes "Error displaying widget: model not
found" in English in each of them — a false alarm, since every answer is in the learner record
and ⏩ brings the widgets back. So the Jupyter server's pre-save hook replaces each widget
view in the file with a plain-text note in the course's language; the open page keeps its live
widgets (the hook changes only what is written to disk).

Set as ``--ContentsManager.pre_save_hook=course_lib.saved_views.placeholders`` (Makefile
LAB_FLAGS, deploy/hub/server_settings.py, Binder's postBuild).
"""

from __future__ import annotations

from .i18n import LANGUAGES, t

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def placeholder_text() -> str:
    """The note, in the language the trainee last chose (else the course default)."""
    from .startup import saved_language

    lang = saved_language()
    return t("saved_views.placeholder", lang=lang if lang in LANGUAGES else None)


def replace_views(notebook: dict, note: str) -> int:
    """Replace every widget view output in a notebook (nbformat 4 as a dict), in place;
    returns how many were replaced."""
    replaced = 0
    for cell in notebook.get("cells", []):
        outputs = cell.get("outputs") or []
        kept = []
        noted = False
        for output in outputs:
            data = output.get("data") or {}
            if WIDGET_VIEW not in data:
                kept.append(output)
                continue
            replaced += 1
            if not noted:  # one note per cell, however many widgets it showed
                kept.append({"output_type": "display_data", "metadata": {},
                             "data": {"text/plain": note}})
                noted = True
        if outputs:
            cell["outputs"] = kept
    # the widget state a saved view would have needed is gone with the views
    notebook.get("metadata", {}).pop("widgets", None)
    return replaced


def placeholders(model: dict, **_kwargs) -> None:
    """Jupyter server pre-save hook: widget views in a saved notebook become the note."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    replace_views(model["content"], placeholder_text())

