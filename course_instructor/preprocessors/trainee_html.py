"""Trainee text stays text: what a submission shows is sanitised with nh3 after rendering.

nbconvert and formgrader render a submission's markdown, raw cells and HTML outputs as they
are, so `<img onerror=…>` and `[x](javascript:…)` would run in the instructor's browser, and
`<img src="https://…">` would call out to the trainee's server when the page opens.
Markdown is rendered first and the HTML cleaned after (cleaning the source misses the link),
then stored as one HTML block that a second markdown pass leaves alone. Used at autograde
(formgrader reads autograded/) and again at feedback.
"""

from __future__ import annotations

import html
import re

import nh3
from nbconvert.filters.markdown import markdown2html_mistune
from nbconvert.filters.markdown_mistune import InvalidNotebook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

DROP = ("application/javascript", "text/javascript", "image/svg+xml",
        "application/vnd.jupyter.widget-state+json")
# what a second markdown pass could turn back into a link: escape it in the cleaned HTML
MARKDOWN_ACTIVE = str.maketrans({"[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"})


# Attributes that make the browser fetch on its own when the page opens. An image from a
# trainee's server would tell them when and from where their work was read (issue 22), so it
# goes; its alt text stays. Links stay: they load only when the reader clicks.
FETCHING = {"src", "srcset"}
LINK_REL = "noopener noreferrer nofollow"


def _no_fetch(tag: str, attribute: str, value: str) -> str | None:
    return None if attribute in FETCHING else value


def clean_html(text: str) -> str:
    """HTML with no script, event attribute, javascript: URL or self-loading resource left."""
    return nh3.clean(text, url_schemes={"http", "https", "mailto"}, link_rel=LINK_REL,
                     attribute_filter=_no_fetch)


def safe_markdown(source: str) -> str:
    """A markdown cell's source as clean HTML that re-renders to itself."""
    try:
        rendered = markdown2html_mistune(source)
    except InvalidNotebook:  # an image of an attachment the cell does not carry: as text
        rendered = f"<pre>{html.escape(source)}</pre>"
    cleaned = clean_html(rendered).translate(MARKDOWN_ACTIVE)
    # a blank line would end the HTML block and let markdown parse the rest again
    cleaned = re.sub(r"\n\s*\n", "\n", cleaned).strip()
    return f"<div class=\"trainee-text\">\n{cleaned}\n</div>"


def clean_cell(cell) -> None:
    """Sanitise one cell in place (markdown, raw, and every code output)."""
    if cell.cell_type == "markdown":
        cell.source = safe_markdown(cell.source)
        cell.pop("attachments", None)
    elif cell.cell_type == "raw" and cell.metadata.get("raw_mimetype") == "text/html":
        cell.source = clean_html(cell.source)  # cleaned before (feedback after autograde)
    elif cell.cell_type == "raw":
        cell.metadata["raw_mimetype"] = "text/html"
        cell.source = f"<pre>{html.escape(cell.source)}</pre>"
    for output in cell.get("outputs", []):
        data = output.get("data")
        if not data:
            continue
        for mime in DROP:
            data.pop(mime, None)
        if "text/html" in data:
            data["text/html"] = clean_html("".join(data["text/html"]))
        if "text/markdown" in data:
            data["text/markdown"] = safe_markdown("".join(data["text/markdown"]))


class SanitiseTraineeText(NbGraderPreprocessor):
    """Autograde step: the notebook formgrader renders holds no live script."""

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        clean_cell(cell)
        return cell, resources
