"""``cl.glossary()``: the course glossary as a search box over a table, in the trainee's language.

Terms come from data/glossary.yaml (one term per concept); search runs over both languages,
so a trainee can look up an English word and find the Mongolian term, or the other way round.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ..content import glossary as data
from ..content.loading import ContentError
from ..i18n import get_language, t
from .shared_models import make


def table_html(concepts, query: str = "") -> str:
    """The matching concepts as an HTML table in the current language (the other one beside)."""
    lang = get_language()
    other = "en" if lang == "mn" else "mn"
    if not concepts:
        return f"<p>{escape(t('glossary.none', query=query))}</p>"
    head = "".join(f"<th>{escape(t(f'glossary.{key}'))}</th>"
                   for key in ("term", "other", "definition", "module", "avoid", "source"))
    rows = "".join(
        "<tr>"
        f"<td><b>{escape(c['term'][lang])}</b></td><td>{escape(c['term'][other])}</td>"
        f"<td>{escape(c['definition'][lang])}</td><td>{escape(c['module'][1:])}</td>"
        f"<td><s>{escape(', '.join(c['forbidden']))}</s></td><td><small>{escape(c['source'])}"
        "</small></td></tr>" for c in concepts)
    count = escape(t("glossary.count", n=len(concepts)))
    return f"<p><small>{count}</small></p><table class='cl-glossary'><tr>{head}</tr>{rows}</table>"


def glossary(query: str = ""):
    """The course glossary: type a word (Mongolian or English) to find its one course term."""
    try:
        everything = data.concepts()
    except (ContentError, OSError) as exc:
        return make(W.HTML, value=f"<p>⚠ {escape(t('glossary.broken', error=exc))}</p>")
    box = make(W.Text, value=query, description=t("glossary.search"),
               placeholder=t("glossary.placeholder"), continuous_update=True,
               style={"description_width": "initial"})
    table = make(W.HTML, value=table_html(data.search(query, everything), query))

    def show(change) -> None:
        table.value = table_html(data.search(change["new"], everything), change["new"])

    box.observe(show, names="value")
    return make(W.VBox, children=[box, table], classes=("cl-glossary-view",))
