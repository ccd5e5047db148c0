"""The assembled action plan as a readable document: Markdown or standalone HTML.

It opens with the trainee's name and the plan's date (the day of its latest saved change, so
the same record always gives the same document), shows the filled sections in course order,
and folds what is not filled in yet into one line: the empty fields of a section at its end,
the sections with nothing in them in one line after the rest.

Everything the trainee typed is untrusted text: in HTML it goes through ``html.escape``; in
Markdown raw HTML is neutralised the same way (entities) and Markdown's own markup characters
are backslash-escaped, so ``<script>`` or ``<img onerror=...>`` show as text in any viewer.
"""

from __future__ import annotations

import html
import re

from ..content import plan_data
from ..i18n import get_language, pick, t
from .store import NAME_KEY, parse_time

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# block markup that only counts at the start of a line: headings, quotes, list items
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))", re.M)


def _cell(field, column: dict, value, lang) -> str:
    if value is None:
        return ""
    if column.get("kind") == "choice":
        return field.option_text(value, lang, column.get("options", ()))
    if column.get("kind") == "number" and isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)


def render_value(field, text: str, lang):
    """(shape, payload): ('text', str) | ('list', [str]) | ('table', (headers, rows))."""
    try:
        value = plan_data.decode(field, text)
    except ValueError:
        return "text", text  # unreadable structured value: show the raw text, lose nothing
    if field.kind == "rating":
        return "text", "" if value is None else f"{value} / {field.scale}"
    if field.kind == "choice":
        return "text", field.option_text(value, lang) if value else ""
    if field.kind == "list":
        return "list", [item for item in value if item.strip()]
    if field.kind == "table":
        headers = [pick(c["label"], lang) for c in field.columns]
        rows = [[_cell(field, c, row.get(c["id"]), lang) for c in field.columns] for row in value]
        return "table", (headers, [r for r in rows if any(x.strip() for x in r)])
    return "text", value


def filled(shape: str, payload) -> bool:
    """Whether a rendered value shows anything."""
    if shape == "table":
        return bool(payload[1])
    if shape == "list":
        return bool(payload)
    return bool(str(payload).strip())


def plan_date(fields: dict[str, dict]) -> str:
    """The day (YYYY-MM-DD, local time) of the latest saved change; "" with nothing saved."""
    stamps = []
    for entry in fields.values():
        try:
            stamps.append(parse_time(entry.get("updated_at", "")))
        except (TypeError, ValueError, OverflowError):
            continue
    return max(stamps).astimezone().date().isoformat() if stamps else ""


def document(fields: dict[str, dict], lang: str | None = None) -> dict:
    """The plan as a neutral structure: title, name, date, the sections with something filled
    in as (heading, items of (label, shape, payload), the line naming the empty fields or ""),
    and the line naming the sections with nothing in them ("" when there is none)."""
    sections, unfilled, known = [], [], {NAME_KEY}
    for part in plan_data.plan_parts():
        items, empty = [], []
        for field in part.fields:
            known.add(field.key)
            text = fields.get(field.key, {}).get("value", "")
            shape, payload = render_value(field, text, lang)
            if filled(shape, payload):
                items.append((field.label(lang), shape, payload))
            else:
                empty.append(field.label(lang))
        heading = f"{part.module[1:]}. {part.title(lang)}"
        if items:
            line = t("plan.doc.unfilled_fields", lang, fields="; ".join(empty)) if empty else ""
            sections.append((heading, items, line))
        else:
            unfilled.append(heading)
    # keys saved by explorations but not declared in data/plan: shown raw, never dropped
    others = [(key, "text", f["value"]) for key, f in sorted(fields.items())
              if key not in known and str(f.get("value", "")).strip()]
    if others:
        sections.append((t("plan.doc.other", lang), others, ""))
    name = " ".join(str(fields.get(NAME_KEY, {}).get("value", "")).split())
    return {"title": t("plan.doc.title", lang), "subtitle": t("plan.doc.subtitle", lang),
            "empty": t("plan.doc.empty", lang), "sections": sections,
            "unfilled": t("plan.doc.unfilled_sections", lang, sections="; ".join(unfilled))
            if unfilled else "",
            "header": [(t(f"plan.doc.{key}", lang), value)
                       for key, value in (("name", name), ("date", plan_date(fields))) if value]}


# --- HTML ---------------------------------------------------------------------------------

_CSS = ("body{font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;max-width:52em;"
        "margin:2em auto;padding:0 1em;line-height:1.5;color:#222}"
        "h1{margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:2em}"
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;"
        "padding:.3em .6em;text-align:left;vertical-align:top}.empty{color:#595959}")
# .empty was #888 (3.5:1 on white); #595959 is 7:1, above the 4.5:1 WCAG AA asks of body text


def html_payload(shape: str, payload, empty: str) -> str:
    esc = html.escape
    if shape == "list" and payload:
        return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in payload) + "</ul>"
    if shape == "table" and payload[1]:
        headers, rows = payload
        head = "".join(f"<th>{esc(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                       for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if shape == "text" and payload.strip():
        return "<p>" + esc(payload).replace("\n", "<br>\n") + "</p>"
    return f'<p class="empty">{esc(empty)}</p>'


def sections_html(doc: dict, section_tag: str, label_tag: str) -> str:
    """The filled sections and the folded lines, as an HTML fragment (also the preview in
    module 09)."""
    esc = html.escape
    parts = []
    for heading, items, empty in doc["sections"]:
        parts.append(f"<{section_tag}>{esc(heading)}</{section_tag}>")
        for label, shape, payload in items:
            parts.append(f"<{label_tag}>{esc(label)}</{label_tag}>")
            parts.append(html_payload(shape, payload, doc["empty"]))
        if empty:
            parts.append(f'<p class="empty">{esc(empty)}</p>')
    if doc["unfilled"]:
        parts.append(f'<p class="empty">{esc(doc["unfilled"])}</p>')
    return "\n".join(parts)


def to_html(doc: dict, lang: str | None = None) -> str:
    esc = html.escape
    parts = [f"<!DOCTYPE html>\n<html lang=\"{esc(lang or get_language())}\">\n<head>"
             f"<meta charset=\"utf-8\"><title>{esc(doc['title'])}</title>"
             f"<style>{_CSS}</style></head>\n<body>\n<main>",
             f"<h1>{esc(doc['title'])}</h1>", f"<p><em>{esc(doc['subtitle'])}</em></p>"]
    header = doc["header"]
    if header:
        parts.append("<p>" + "<br>\n".join(f"<b>{esc(label)}:</b> {esc(value)}"
                                            for label, value in header) + "</p>")
    parts.append(sections_html(doc, "h2", "h3"))
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)


# --- Markdown -----------------------------------------------------------------------------

def md_escape(text: str) -> str:
    """Text safe in Markdown: raw HTML as entities, markup characters backslash-escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    lead, mark = match.groups()
    # "12." is escaped after the number ("12\."), a sign before it ("\#")
    return lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def _md_payload(shape: str, payload, empty: str) -> str:
    if shape == "list" and payload:
        return "\n".join(f"- {md_escape(item)}" for item in payload)
    if shape == "table" and payload[1]:
        headers, rows = payload

        def line(cells):
            return "| " + " | ".join(md_escape(c).replace("\n", " ") for c in cells) + " |"
        return "\n".join([line(headers), "|" + "---|" * len(headers), *map(line, rows)])
    if shape == "text" and payload.strip():
        # two trailing spaces keep the trainee's line breaks inside one paragraph
        return "  \n".join(md_escape(line) for line in payload.splitlines())
    return f"_{md_escape(empty)}_"


def to_markdown(doc: dict) -> str:
    out = [f"# {md_escape(doc['title'])}", "", f"_{md_escape(doc['subtitle'])}_", ""]
    header = doc["header"]
    if header:  # two trailing spaces: one line each, in one paragraph
        out += ["  \n".join(f"**{md_escape(label)}:** {md_escape(value)}"
                            for label, value in header), ""]
    for heading, items, empty in doc["sections"]:
        out += [f"## {md_escape(heading)}", ""]
        for label, shape, payload in items:
            out += [f"### {md_escape(label)}", "", _md_payload(shape, payload, doc["empty"]), ""]
        if empty:
            out += [f"_{md_escape(empty)}_", ""]
    if doc["unfilled"]:
        out += [f"_{md_escape(doc['unfilled'])}_", ""]
    return "\n".join(out)


def render(fields: dict[str, dict], fmt: str = "md", lang: str | None = None) -> str:
    """The plan document as text: ``fmt`` is "md" or "html"."""
    doc = document(fields, lang)
    return to_html(doc, lang) if fmt == "html" else to_markdown(doc)
