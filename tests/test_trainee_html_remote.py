"""Trainee text in what formgrader and feedback render cannot call out (issue 22): no image
loads from a trainee's server when the page opens, and links leave without a referrer.
In-memory cells through course_instructor/preprocessors/trainee_html.py."""

from __future__ import annotations

from html.parser import HTMLParser

import nbformat
import pytest

from course_instructor.preprocessors.trainee_html import LINK_REL, clean_cell

REMOTE = "https://trainee.example/pixel.png?who=instructor"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def shown(cell) -> str:
    """Everything of a cleaned cell a browser would render as HTML."""
    parts = [cell.source] if cell.cell_type != "code" else []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        parts += [data.get("text/html", ""), data.get("text/markdown", "")]
    return "".join(parts)


def output_cell(mime: str, text: str):
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={mime: text})]
    return cell


CELLS = {
    "markdown image": lambda: nbformat.v4.new_markdown_cell(f"Миний зураг ![plan]({REMOTE})"),
    "markdown html img": lambda: nbformat.v4.new_markdown_cell(
        f'<img src="{REMOTE}" srcset="{REMOTE} 2x" alt="plan">'),
    "protocol-relative": lambda: nbformat.v4.new_markdown_cell(
        '<img src="//trainee.example/p.png" alt="plan">'),
    "raw html": lambda: nbformat.v4.new_raw_cell(
        f'<img src="{REMOTE}" alt="plan">', metadata={"raw_mimetype": "text/html"}),
    "html output": lambda: output_cell("text/html", f'<p><img src="{REMOTE}" alt="plan"></p>'),
    "markdown output": lambda: output_cell("text/markdown", f"![plan]({REMOTE})"),
}


@pytest.mark.parametrize("kind", sorted(CELLS))
def test_no_image_loads_from_anywhere_and_its_alt_text_stays(kind):
    cell = CELLS[kind]()
    clean_cell(cell)
    html = shown(cell)
    images = [attrs for tag, attrs in tags(html) if tag == "img"]
    assert images and all("src" not in a and "srcset" not in a for a in images), html
    assert all(a.get("alt") == "plan" for a in images)
    assert "trainee.example" not in html


def test_cleaning_again_changes_nothing():
    """Feedback cleans what autograde cleaned: the second pass must keep it as it is."""
    cell = CELLS["raw html"]()
    clean_cell(cell)
    once = cell.source
    clean_cell(cell)
    assert cell.source == once


@pytest.mark.parametrize("source", [
    "[миний төлөвлөгөө](https://trainee.example/plan)",
    '<a href="https://trainee.example/plan" rel="opener">миний төлөвлөгөө</a>',
    "<https://trainee.example/plan>",
])
def test_links_stay_clickable_and_leave_without_referrer_or_opener(source):
    cell = nbformat.v4.new_markdown_cell(source)
    clean_cell(cell)
    links = [attrs for tag, attrs in tags(cell.source) if tag == "a"]
    assert links and all(a["href"] == "https://trainee.example/plan" for a in links)
    assert all(a["rel"] == LINK_REL for a in links)
    assert set(LINK_REL.split()) == {"noopener", "noreferrer", "nofollow"}
