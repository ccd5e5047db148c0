"""SanitiseTraineeText on in-memory cells: whatever a trainee wrote reaches the instructor's
browser (formgrader, feedback) with no script, event handler or javascript: link left."""

from __future__ import annotations

import pytest
from nbconvert.filters.markdown import markdown2html_mistune
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output, new_raw_cell

from course_instructor.preprocessors.trainee_html import (
    SanitiseTraineeText,
    clean_cell,
    clean_html,
    safe_markdown,
)

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "<svg onload=alert(1)></svg>",
    "<iframe src='https://evil.example'></iframe>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<details open ontoggle=alert(1)>",
]
LIVE = ("<script", "onerror", "onload", "ontoggle", "javascript:", "<iframe", "<svg",
        "data:text/html")


def live(html: str) -> list[str]:
    low = html.lower()
    return [marker for marker in LIVE if marker in low]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_markdown_cell_keeps_no_live_script_even_after_a_second_render(attack):
    cell = new_markdown_cell(f"My answer\n\n{attack}\n\nthe end")
    clean_cell(cell)
    assert live(cell.source) == []
    assert live(markdown2html_mistune(cell.source)) == []  # nbconvert renders it again
    assert "My answer" in cell.source and "the end" in cell.source


def test_the_cleaned_markdown_renders_to_itself():
    once = safe_markdown("**bold** and [a link](https://example.org) and `code`\n\n- item")
    assert "<strong>bold</strong>" in once and 'href="https://example.org"' in once
    assert 'rel="noopener noreferrer nofollow"' in once
    assert markdown2html_mistune(once).strip() == once.strip()  # a block markdown leaves alone


def test_markdown_brackets_cannot_rebuild_a_link_on_the_second_pass():
    # cleaning the source alone would miss what the second markdown pass turns into a link
    text = safe_markdown("\\[x\\](javascript:alert(1)) and `[y](javascript:z)`")
    assert "href" not in markdown2html_mistune(text)


def test_a_blank_line_cannot_end_the_html_block():
    text = safe_markdown("a\n\n\n<b>x</b>\n\n   \n[z](javascript:q)")
    assert "\n\n" not in text
    assert live(markdown2html_mistune(text)) == []


def test_attachments_are_dropped_and_a_missing_one_is_no_traceback():
    cell = new_markdown_cell("![x](attachment:x.svg) <img src=x onerror=alert(1)>")
    cell["attachments"] = {"x.svg": {"image/svg+xml": "<svg onload=alert(1)/>"}}
    clean_cell(cell)  # nbconvert refuses a reference to an attachment it is not given
    assert "attachments" not in cell and "<img" not in cell.source  # escaped: &lt;img
    assert "attachment:x.svg" in cell.source  # shown as the text the trainee wrote


def test_raw_cells_become_escaped_text_and_stay_clean_when_cleaned_again():
    cell = new_raw_cell("<script>alert(1)</script>")
    clean_cell(cell)
    assert cell.metadata["raw_mimetype"] == "text/html"
    assert cell.source == "<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>"
    again = cell.source
    clean_cell(cell)  # feedback runs after autograde: the same cell a second time
    assert cell.source == again
    forged = new_raw_cell("<img src=x onerror=alert(1)>", metadata={"raw_mimetype": "text/html"})
    clean_cell(forged)
    assert live(forged.source) == []


def test_outputs_lose_scripts_and_keep_their_text():
    cell = new_code_cell("x", outputs=[new_output("display_data", data={
        "text/html": ["<b>ok</b>", "<script>bad()</script>"],
        "text/markdown": "[x](javascript:alert(1))",
        "application/javascript": "bad()",
        "text/javascript": "bad()",
        "image/svg+xml": "<svg onload=alert(1)/>",
        "application/vnd.jupyter.widget-state+json": {"state": {}},
        "text/plain": "ok",
    }), new_output("stream", name="stdout", text="<script>as text</script>")])
    clean_cell(cell)
    data = cell.outputs[0]["data"]
    assert set(data) == {"text/html", "text/markdown", "text/plain"}
    assert data["text/html"] == "<b>ok</b>" and live(data["text/markdown"]) == []
    assert data["text/plain"] == "ok"
    assert cell.outputs[1]["text"] == "<script>as text</script>"  # a stream is shown as text


def test_clean_html_keeps_safe_links_only():
    html = clean_html("<a href='https://x.org'>a</a><a href='mailto:a@b.mn'>m</a>"
                      "<a href='ftp://x'>f</a>")
    assert 'href="https://x.org"' in html and 'href="mailto:a@b.mn"' in html
    assert "ftp://" not in html


def test_the_preprocessor_cleans_every_cell():
    cell = new_markdown_cell("<img src=x onerror=alert(1)>")
    out, _ = SanitiseTraineeText().preprocess_cell(cell, {}, 0)
    assert live(out.source) == []


def test_blank_lines_inside_a_code_block_cannot_end_the_html_block():
    # without the squeeze, the blank line ends the HTML block and "line two" is markdown again
    once = safe_markdown("```\nline one\n\n\nline two\n```")
    assert once == ('<div class="trainee-text">\n<pre><code>line one\nline two\n</code></pre>'
                    '\n</div>')


def test_no_image_loads_from_the_trainees_server_when_the_page_opens():
    pixel = ('<img src="https://trainee.example/seen.gif" srcset="https://t.example/a.gif 2x" '
             'alt="чарт">')
    for html in (clean_html(pixel), safe_markdown(f"Миний чарт: {pixel}")):
        assert "trainee.example" not in html and "t.example" not in html
        assert 'alt="чарт"' in html


def test_plain_http_links_stay_clickable():
    assert 'href="http://x.mn"' in clean_html("<a href='http://x.mn'>a</a>")


def test_every_output_is_cleaned_after_one_without_data():
    cell = new_code_cell("x", outputs=[
        new_output("stream", name="stdout", text="first"),
        new_output("display_data", data={"text/markdown": ["a\n", "<img src=x onerror=alert(1)>"],
                                         "application/javascript": "bad()"})])
    clean_cell(cell)
    data = cell.outputs[1]["data"]
    assert "application/javascript" not in data
    assert data["text/markdown"] == safe_markdown("a\n<img src=x onerror=alert(1)>")
