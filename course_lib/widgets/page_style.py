"""The course's few page rules (page.css), carried by the widgets that need them.

Stock ipywidgets have no style trait for a textarea's font or for FileUpload's "(0)", and the
course ships no JavaScript and no JupyterLab theme. An HTML widget's value is placed in the page
as is, so a ``<style>`` inside the widget that needs a rule brings the rule wherever that widget
is shown: JupyterLab, Voilà or Binder, with no server setting to keep in step. The rules are
scoped by the course's own classes (``cl-plan``, ``cl-upload``), so they touch nothing else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def page_css() -> str:
    """page.css without its comments and line breaks (they would travel with every form)."""
    css = Path(__file__).with_name("page.css").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", css, flags=re.S)).strip()


def style_tag() -> str:
    """``<style>`` with the course's page rules, to put in an HTML widget's value."""
    return f"<style>{page_css()}</style>"
