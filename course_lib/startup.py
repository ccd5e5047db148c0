"""The one call at the top of every notebook."""

from __future__ import annotations

import html
import os
import sys

from .i18n import LANGUAGES, get_language, set_language, t
from .paths import progress_db_path


def _set_plotly_renderer() -> None:
    # plotly_mimetype stores only the figure's JSON in the notebook and is drawn by the
    # jupyterlab-plotly extension bundled with plotly: works offline and does not embed
    # ~5 MB of plotly.js in every saved notebook.
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    if "plotly.io" in sys.modules:  # already imported: the env var is read only at import
        sys.modules["plotly.io"].renderers.default = "plotly_mimetype"


def _language_file():
    # beside the learner record, so a choice made in one notebook holds in the next
    return progress_db_path().parent / "language"


def saved_language() -> str | None:
    try:
        lang = _language_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return lang if lang in LANGUAGES else None


def save_language(lang: str) -> None:
    set_language(lang)
    try:
        _language_file().parent.mkdir(parents=True, exist_ok=True)
        _language_file().write_text(lang, encoding="utf-8")
    except OSError:
        pass  # the choice still holds for this notebook; nothing a learner must act on


def language_switch():
    """Монгол | English toggle; the choice is remembered for the next notebooks."""
    import ipywidgets as w

    from .widgets.shared_models import make, shared

    # shared Layout and Style models (the page's quizzes use the same ones): three comm opens
    # less in every notebook; make also marks the selected button and sets tooltip ""
    toggle = make(w.ToggleButtons, options=[("Монгол", "mn"), ("English", "en")],
                  value=get_language(), description=t("setup.language"),
                  style={"button_width": "110px"}, classes=("cl-language",))
    note = make(w.HTML)

    def changed(change):
        save_language(change["new"])
        toggle.description = t("setup.language")
        note.value = f"<i>{t('setup.rerun')}</i>"

    toggle.observe(changed, names="value")
    return w.VBox([toggle, note], layout=shared(w.Layout))


_ALIASES = {"mon": "mn", "mongolian": "mn", "монгол": "mn", "мн": "mn",
            "eng": "en", "english": "en", "англи": "en"}


def normalise_language(lang) -> str | None:
    """A language code from what a trainee may type ("EN ", "English"); None if unknown."""
    if not isinstance(lang, str):
        return None
    code = lang.strip().lower()
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def setup(module: str | None = None, lang: str | None = None, quiet: bool = False) -> None:
    """Prepare a notebook: language, plotly renderer, and the learner record.

    ``module`` is the notebook's module id ("m01"); ``lang`` is "mn" (default) or "en" (case
    and spaces do not matter); without it the learner's last choice (or $COURSE_LANG) holds.
    An unknown ``lang`` keeps that language and shows a short notice, not a traceback.
    """
    chosen = normalise_language(lang) if lang is not None else None
    set_language(chosen or saved_language() or get_language())
    notices = []
    if lang is not None and chosen is None:
        notices.append(t("setup.lang_unknown", value=html.escape(str(lang)[:40]),
                         current=t(f"setup.lang_name.{get_language()}")))
    _set_plotly_renderer()
    from .record import store as record  # the record never imports widgets or plotly

    notices += record.ensure_record()
    if quiet:
        for notice in notices:
            print(notice, file=sys.stderr)
        return
    from IPython.display import Markdown, display

    for notice in notices:
        display(Markdown(f"> ⚠ {notice}"))
    display(Markdown(t("setup.ready", path=f"`{record.db_path()}`")))
    display(language_switch())
