"""Module 08: force-field analysis — driving and restraining forces, weighted and plotted."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..figures import force_field as ff
from ..i18n import t
from ._rows import InputError, RowsExplorer, clean_name, field, in_range


class ForceField(RowsExplorer):
    """Add forces for and against your change; see the sums and where to act first."""

    plan_key = "m08.force_field"  # a table field of data/plan/08_persistence.yaml

    def input_rows(self):
        self.name = field(widgets.Text, description=t("x08.force"),
                          placeholder=t("x08.force_hint"), layout={"width": "460px"})
        self.side = field(
            widgets.ToggleButtons,
            options=[(t("x08.driving"), "driving"), (t("x08.restraining"), "restraining")],
            value="driving", description=t("x08.side"))
        self.weight = field(widgets.IntSlider, value=3, min=ff.WEIGHTS[0], max=ff.WEIGHTS[1],
                            description=t("x08.weight"))
        return [self.name, self.side, self.weight]

    def read_inputs(self):
        return {"name": self.name.value, "side": self.side.value, "weight": self.weight.value}

    def check(self, row):
        if row.get("side") not in ff.SIDES:
            raise InputError("x08.error.side")
        weight = in_range(row.get("weight"), *ff.WEIGHTS, "x08.weight")
        return {"name": clean_name(row.get("name")), "side": row["side"], "weight": weight}

    def make_figure(self):
        sums = ff.totals(self.rows)
        texts = {"driving": t("x08.driving"), "restraining": t("x08.restraining"),
                 "now": t("x08.now"), "x": t("x08.x"),
                 "title": t("x08.title", d=f"{sums['driving']:g}", r=f"{sums['restraining']:g}")}
        return ff.figure(self.rows, texts)

    def summary_html(self):
        if not self.rows:
            return f"<p><i>{t('x08.empty')}</i></p>"
        diff = ff.balance(self.rows)
        verdict = t("x08.lean.for" if diff > 0 else "x08.lean.against" if diff < 0
                    else "x08.lean.even", diff=f"{abs(diff):g}")
        parts = [f"<p>{verdict}</p>"]
        worst = ff.strongest(self.rows, "restraining")
        if worst:
            parts.append(f"<p>{t('x08.act_on', name=html.escape(worst['name']))}</p>")
        best = ff.strongest(self.rows, "driving")
        if best:
            parts.append(f"<p>{t('x08.use', name=html.escape(best['name']))}</p>")
        return "".join(parts)


def show(plan_key: str | None = None, **_):
    """The force-field analysis widget."""
    return ForceField(plan_key=plan_key)
