"""Module 05: the stakeholder mapper (Mendelow power–interest grid, optional IAP2 level)."""

from __future__ import annotations

import textwrap

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import stakeholder_grid as grid
from ..i18n import t
from ._rows import (
    InputError,
    RowsExplorer,
    clean_name,
    field,
    grouped_summary,
    in_range,
    scale,
    text_field,
)


def _texts() -> dict:
    texts = {
        "title": t("explore.stakeholders.title"),
        "x": t("explore.stakeholders.interest"),
        "y": t("explore.stakeholders.power"),
    }
    for q in grid.QUADRANTS:
        # plotly does not wrap annotations: break the strategy so it stays in its quadrant
        strategy = "<br>".join(textwrap.wrap(t("explore.stakeholders.s." + q), 40))
        texts[q] = f"<b>{t('explore.stakeholders.q.' + q)}</b><br>{strategy}"
    for level in grid.IAP2_LEVELS:
        texts["level." + level] = t("explore.stakeholders.level." + level)
    return texts


# where the sliders start: inside a quadrant, never on the grid line (5 counts as "high", so a
# start at 5/5 would file an untouched stakeholder as a key player without saying so)
DEFAULT = 3


class StakeholderMapper(RowsExplorer):
    """Add stakeholders, see them on the grid with the strategy for their quadrant."""

    plan_key = plan_writers.plan_key("stakeholders")  # a table field of data/plan/

    def input_rows(self):
        self.name = text_field("stakeholders.name")
        low, high = grid.SCALE
        self.power = scale(t("explore.stakeholders.power"), DEFAULT, low, high)
        self.interest = scale(t("explore.stakeholders.interest"), DEFAULT, low, high)
        self.level = field(
            widgets.Dropdown,
            description=t("explore.stakeholders.level"),
            options=[(t("explore.stakeholders.level.none"), "")]
            + [(t("explore.stakeholders.level." + lv), lv) for lv in grid.IAP2_LEVELS],
        )
        return [self.name, self.power, self.interest, self.level]

    def read_inputs(self):
        return {
            "name": self.name.value,
            "power": self.power.value,
            "interest": self.interest.value,
            "level": self.level.value,
        }

    def check(self, row):
        level = row.get("level") or ""
        if level not in ("", *grid.IAP2_LEVELS):
            raise InputError("explore.stakeholders.error.level")
        power = in_range(row.get("power"), *grid.SCALE, "explore.stakeholders.power")
        interest = in_range(row.get("interest"), *grid.SCALE, "explore.stakeholders.interest")
        return {
            "name": clean_name(row.get("name")),
            "power": power,
            "interest": interest,
            "quadrant": grid.quadrant(power, interest),
            "level": level,
        }

    def make_figure(self):
        return grid.figure(self.rows, _texts())

    def summary_html(self):
        return grouped_summary(grid.by_quadrant(self.rows), "stakeholders", "q", "s",
                               intro=t("explore.stakeholders.summary"))

def show(plan_key: str | None = None, **_):
    """The stakeholder mapper widget."""
    return StakeholderMapper(plan_key=plan_key)
