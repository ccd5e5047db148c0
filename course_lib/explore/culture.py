"""Module 02: rate your unit on the deck's three culture traits (two statements each) and see
the shape as a radar chart; save the trait averages into the action plan."""

from __future__ import annotations

import ipywidgets as widgets

from .. import record
from ..figures import radar
from ..i18n import t
from ._draw import draw

# trait (= plan key suffix) -> its two statements
TRAITS = {"trust": ("trust_1", "trust_2"), "participation": ("part_1", "part_2"),
          "risk": ("risk_1", "risk_2")}
SCALE = 5


def averages(values: dict[str, int]) -> dict[str, float]:
    """Trait -> mean of its statements."""
    return {trait: sum(values[i] for i in items) / len(items) for trait, items in TRAITS.items()}


class CultureCheck(widgets.VBox):
    """Six 1-5 sliders -> radar; a button writes m02.trust/participation/risk to the plan."""

    def __init__(self):
        super().__init__()
        self.figure = None
        self.sliders = {}
        rows = [widgets.HTML(f"<p>{t('x02c.intro')}</p>")]
        for trait, items in TRAITS.items():
            rows.append(widgets.HTML(f"<b>{t(f'x02c.trait.{trait}')}</b>"))
            for item in items:
                slider = widgets.IntSlider(value=3, min=1, max=SCALE,
                                           description=t(f"x02c.item.{item}"),
                                           style={"description_width": "420px"},
                                           layout={"width": "640px"})
                slider.observe(lambda _c: self._redraw(), names="value")
                self.sliders[item] = slider
                rows.append(slider)
        self.save = widgets.Button(description=t("x02c.save"), icon="save",
                                   button_style="success")
        self.save.on_click(lambda _: self.save_to_plan())
        self.plot = widgets.Output()
        self.message = widgets.HTML()
        self.children = [*rows, self.plot, self.save, self.message]
        self._redraw()

    def values(self) -> dict[str, int]:
        return {item: s.value for item, s in self.sliders.items()}

    def _redraw(self) -> None:
        ratings = {t(f"x02c.short.{item}"): v for item, v in self.values().items()}
        means = averages(self.values())
        title = " · ".join(f"{t(f'x02c.trait.{k}')}: {v:.1f}" for k, v in means.items())
        self.figure = radar.radar(ratings, scale=SCALE, title=title, name=t("x02c.me"))
        draw(self.plot, self.figure)

    def save_to_plan(self) -> bool:
        """Write the rounded trait averages to the plan's rating fields."""
        ok = all(record.plan_save(f"m02.{trait}", str(int(v + 0.5)))
                 for trait, v in averages(self.values()).items())
        self.message.value = t("x02c.saved") if ok else t("x02c.not_saved")
        return ok


def show(**_kw) -> CultureCheck:
    return CultureCheck()
