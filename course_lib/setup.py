"""The one call at the top of every notebook."""

from __future__ import annotations

import os
import sys

from .i18n import set_language, t


def _set_plotly_renderer() -> None:
    # plotly_mimetype stores only the figure's JSON in the notebook and is drawn
    # by the jupyterlab-plotly extension bundled with plotly: works offline and
    # does not embed ~5 MB of plotly.js in every saved notebook.
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    if "plotly.io" in sys.modules:  # already imported: the env var is read only at import
        sys.modules["plotly.io"].renderers.default = "plotly_mimetype"


def setup(module: str | None = None, lang: str | None = None, quiet: bool = False) -> None:
    """Prepare a notebook: language, plotly renderer, and the learner record.

    ``module`` is the notebook's module id ("m01"); ``lang`` is "mn" (default) or "en".
    """
    if lang:
        set_language(lang)
    _set_plotly_renderer()
    from . import record  # the record never imports widgets or plotly

    notices = record.ensure_record()
    if quiet:
        return
    from IPython.display import Markdown, display

    for notice in notices:
        display(Markdown(f"> ⚠️ {notice}"))
    display(Markdown(t("setup.ready", path=f"`{record.db_path()}`")))
