"""Module 08: force-field analysis — driving and restraining forces, weighted and plotted."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import force_field_chart as ff
from ..i18n import t
from ._rows import InputError, RowsExplorer, clean_name, field, in_range, scale, text_field


class ForceField(RowsExplorer):
    """Add forces for and against your change; see the sums and where to act first."""

    plan_key = plan_writers.plan_key("force_field")  # a table field of data/plan/

    def input_rows(self):
        self.name = text_field("force_field.force", "460px")
        self.side = field(
            widgets.ToggleButtons,
            options=[
                (t("explore.force_field.driving"), "driving"),
                (t("explore.force_field.restraining"), "restraining"),
            ],
            value="driving",
            description=t("explore.force_field.side"),
        )
        self.weight = scale(t("explore.force_field.weight"), 3, *ff.WEIGHTS)
        return [self.name, self.side, self.weight]

    def read_inputs(self):
        return {"name": self.name.value, "side": self.side.value, "weight": self.weight.value}

    def check(self, row):
        if row.get("side") not in ff.SIDES:
            raise InputError("explore.force_field.error.side")
        weight = in_range(row.get("weight"), *ff.WEIGHTS, "explore.force_field.weight")
        return {"name": clean_name(row.get("name")), "side": row["side"], "weight": weight}

    def make_figure(self):
        sums = ff.totals(self.rows)
        texts = {
            "driving": t("explore.force_field.driving"),
            "restraining": t("explore.force_field.restraining"),
            "now": t("explore.force_field.now"),
            "x": t("explore.force_field.x"),
            "title": t(
                "explore.force_field.title", d=f"{sums['driving']:g}", r=f"{sums['restraining']:g}"
            ),
        }
        return ff.figure(self.rows, texts)

    def summary_html(self):
        if not self.rows:
            return f"<p><i>{t('explore.force_field.empty')}</i></p>"
        diff = ff.balance(self.rows)
        verdict = t(
            "explore.force_field.lean.for"
            if diff > 0
            else "explore.force_field.lean.against"
            if diff < 0
            else "explore.force_field.lean.even",
            diff=f"{abs(diff):g}",
        )
        parts = [f"<p>{verdict}</p>"]
        for side, key in (("restraining", "act_on"), ("driving", "use")):
            top = ff.strongest(self.rows, side)
            if top:
                names = ", ".join(t("explore.force_field.quoted", name=html.escape(f["name"]))
                                  for f in top)
                many = ".tie" if len(top) > 1 else ""
                parts.append(f"<p>{t(f'explore.force_field.{key}{many}', name=names)}</p>")
        return "".join(parts)


def show(plan_key: str | None = None, **_):
    """The force-field analysis widget."""
    return ForceField(plan_key=plan_key)
