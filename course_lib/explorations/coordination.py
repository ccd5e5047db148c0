"""Module 04: a coordination map of your organisation and its partners, kept in the plan
(m04.coordination: JSON rows {partner, with, coordinate, conflict}; ``with`` empty means
the trainee's own organisation, otherwise another partner: who must coordinate with whom)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import coordination_chart as co
from ..i18n import t
from ..widgets.shared_models import FIT, Brief, make
from ._base import action, load_rows, remember, save_rows
from ._draw import draw

PLAN_KEY = plan_writers.plan_key("coordination")
MAX_ROWS = 12
MAX_TEXT = 80
COLUMNS = ("partner", "with", "coordinate", "conflict")


def clean(value, limit: int = MAX_TEXT) -> str:
    return " ".join(str(value or "").split())[:limit]


def clean_rows(rows: list[dict]) -> list[dict]:
    """Saved rows with every column cleaned; rows without a partner are dropped."""
    keep = [r for r in rows if isinstance(r, dict) and clean(r.get("partner"))]
    return [{k: clean(r.get(k)) for k in COLUMNS} for r in keep]


class CoordinationMap(Brief, widgets.VBox):
    """Add partners with what to coordinate and any possible conflict; map + plan autosave."""

    def __init__(self, load: bool = True):
        super().__init__()
        self.figure = None
        self.rows = clean_rows(load_rows(PLAN_KEY)) if load else []
        wide = {"width": "520px"}
        style = {"description_width": "200px"}
        self.centre = make(
            widgets.Text,
            description=t("explore.coordination.centre"),
            placeholder=t("explore.coordination.me"),
            style=style,
            layout=wide,
        )
        self.partner = make(
            widgets.Text, description=t("explore.coordination.partner"), style=style, layout=wide
        )
        self.with_whom = make(
            widgets.Dropdown, description=t("explore.coordination.with"), style=style, layout=wide
        )
        self.coordinate = make(
            widgets.Text, description=t("explore.coordination.coordinate"), style=style, layout=wide
        )
        self.conflict = make(
            widgets.Text,
            description=t("explore.coordination.conflict"),
            style=style,
            layout=wide,
            placeholder=t("explore.coordination.conflict_hint"),
        )
        self.add, self.message, self.plot = action("explore.coordination.add", "plus",
                                                   self.add_row)
        self.remove_choice = make(
            widgets.Dropdown, description=t("explore.coordination.remove_which"), style=style
        )
        self.remove = make(
            widgets.Button, layout=FIT, description=t("explore.coordination.remove"), icon="trash"
        )
        self.remove.on_click(lambda _: self.remove_row(self.remove_choice.value))
        if load:  # "my organisation" and a partner typed in but not yet added, as left
            remember("m04.coordination", {"centre": self.centre, "partner": self.partner,
                                          "coordinate": self.coordinate,
                                          "conflict": self.conflict})
        self.centre.observe(lambda _c: self._redraw(), names="value")
        self.children = [
            make(widgets.HTML, value=f"<p>{t('explore.coordination.intro')}</p>"),
            self.centre,
            self.partner,
            self.with_whom,
            self.coordinate,
            self.conflict,
            self.add,
            make(widgets.HBox, children=[self.remove_choice, self.remove]),
            self.message,
            self.plot,
        ]
        self._redraw()

    def add_row(self, partner=None, coordinate=None, conflict=None, with_whom=None) -> bool:
        """Add one partner (from the inputs unless given); False with a message on bad input."""
        partner = clean(self.partner.value if partner is None else partner)
        with_whom = clean(self.with_whom.value if with_whom is None else with_whom)
        if with_whom and not any(r["partner"] == with_whom for r in self.rows):
            with_whom = ""  # only partners already on the map (or the centre) can be linked
        coordinate = clean(self.coordinate.value if coordinate is None else coordinate)
        conflict = clean(self.conflict.value if conflict is None else conflict)
        if not partner or not coordinate:
            return self._say(t("explore.coordination.error.empty"))
        if len(self.rows) >= MAX_ROWS:
            return self._say(t("explore.coordination.error.full", n=MAX_ROWS))
        if any(r["partner"].lower() == partner.lower() for r in self.rows):
            return self._say(t("explore.coordination.error.duplicate", name=html.escape(partner)))
        self.rows.append(
            {"partner": partner, "with": with_whom, "coordinate": coordinate, "conflict": conflict}
        )
        self.partner.value = self.coordinate.value = self.conflict.value = ""
        return self._save()

    def remove_row(self, index) -> bool:
        if index is None or not 0 <= index < len(self.rows):
            return self._say(t("explore.coordination.error.nothing"))
        gone = self.rows.pop(index)["partner"]
        for row in self.rows:  # links to a removed partner fall back to the centre
            if row["with"] == gone:
                row["with"] = ""
        return self._save()

    def _save(self) -> bool:
        ok = save_rows(PLAN_KEY, self.rows)
        self._redraw()
        self._say(
            t("explore.coordination.saved", n=len(self.rows))
            if ok
            else t("explore.coordination.not_saved")
        )
        return ok

    def _say(self, text: str) -> bool:
        self.message.value = f"<p>{text}</p>"
        return False

    def _redraw(self) -> None:
        self.remove_choice.options = [(r["partner"], i) for i, r in enumerate(self.rows)]
        me = clean(self.centre.value) or t("explore.coordination.me")
        self.with_whom.options = [(me, ""), *((r["partner"], r["partner"]) for r in self.rows)]
        texts = {
            "title": t("explore.coordination.title"),
            "conflict": t("explore.coordination.conflict"),
            "me": t("explore.coordination.me"),
        }
        self.figure = co.figure(clean(self.centre.value), self.rows, texts)
        draw(self.plot, self.figure)


def show(**kw) -> CoordinationMap:
    return CoordinationMap(**kw)
