"""Module 08: the supporters map — who backs the change, who doubts it, and how much they weigh."""

from __future__ import annotations

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import supporters_chart as sp
from ..i18n import t
from ._rows import RowsExplorer, clean_name, field, grouped_summary, in_range, scale, text_field


def _stance_label(value: int) -> str:
    return t(f"explore.supporters.stance.{value}")


class SupportersMap(RowsExplorer):
    """Place people by stance and influence; the map names the role each group can play."""

    plan_key = plan_writers.plan_key("supporters")  # a table field of data/plan/

    def input_rows(self):
        self.name = text_field("supporters.name")
        self.stance = field(
            widgets.ToggleButtons,
            options=[(_stance_label(v), v) for v in range(sp.STANCE[0], sp.STANCE[1] + 1)],
            value=1,
            description=t("explore.supporters.stance"),
        )
        # starts at 3, not on the line at 5 where a class changes
        self.influence = scale(t("explore.supporters.influence"), 3, *sp.INFLUENCE)
        return [self.name, self.stance, self.influence]

    def read_inputs(self):
        return {
            "name": self.name.value,
            "stance": self.stance.value,
            "influence": self.influence.value,
        }

    def check(self, row):
        stance = in_range(row.get("stance"), *sp.STANCE, "explore.supporters.stance")
        influence = in_range(row.get("influence"), *sp.INFLUENCE, "explore.supporters.influence")
        return {
            "name": clean_name(row.get("name")),
            "stance": stance,
            "influence": influence,
            "group": sp.group(stance, influence),
        }

    def make_figure(self):
        texts = {
            "title": t("explore.supporters.title"),
            "x": t("explore.supporters.stance"),
            "y": t("explore.supporters.influence"),
        }
        for g in sp.GROUPS:
            texts[g] = f"<b>{t('explore.supporters.g.' + g)}</b>"
        for v in range(sp.STANCE[0], sp.STANCE[1] + 1):
            texts[f"stance.{v}"] = _stance_label(v)
        return sp.figure(self.rows, texts)

    def summary_html(self):
        groups = {g: [r["name"] for r in self.rows if r["group"] == g] for g in sp.GROUPS}
        return grouped_summary(groups, "supporters", "g", "a")

def show(plan_key: str | None = None, **_):
    """The supporters map widget."""
    return SupportersMap(plan_key=plan_key)
