"""Module 03: innovation spreading like a useful infection (Bass model, optional fatigue)."""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import diffusion_chart as df
from ..i18n import t
from ..widgets.shared_models import FIT, Brief, make
from ._base import remember, slider
from ._draw import draw

SIZE = {"label_width": "260px", "width": "560px"}


class DiffusionExplorer(Brief, widgets.VBox):
    """Sliders for p, q and gamma; the S-curve, new adopters a year and Rogers' bands."""

    def __init__(
        self, p: float = df.P_DEFAULT, q: float = df.Q_DEFAULT, gamma: float = 0.0, years: int = 20
    ):
        super().__init__()
        self.figure = None
        self.years = years
        self.p = slider("explore.diffusion.p", p, 0.001, 0.2, 0.001, **SIZE)
        self.q = slider("explore.diffusion.q", q, 0.0, 1.0, 0.01, **SIZE)
        self.gamma = slider("explore.diffusion.gamma", gamma, 0.0, 1.0, 0.01, **SIZE)
        remember("m03.diffusion", {"p": self.p, "q": self.q, "gamma": self.gamma})
        for control in (self.p, self.q, self.gamma):
            control.observe(lambda _c: self._redraw(), names="value")
        self.reset = make(
            widgets.Button, layout=FIT, description=t("explore.diffusion.reset"), icon="undo"
        )
        self.reset.on_click(lambda _: self.defaults())
        self.plot = make(widgets.Output)
        self.summary = make(widgets.HTML)
        self.children = [
            make(widgets.HTML, value=f"<p>{t('explore.diffusion.intro')}</p>"),
            self.p,
            self.q,
            self.gamma,
            self.reset,
            self.plot,
            self.summary,
        ]
        self._redraw()

    def defaults(self) -> None:
        """Back to the reference values p = 0.03, q = 0.38, no fatigue."""
        self.p.value, self.q.value, self.gamma.value = df.P_DEFAULT, df.Q_DEFAULT, 0.0

    def _redraw(self) -> None:
        series = df.simulate(self.p.value, self.q.value, self.gamma.value, self.years)
        texts = {
            k: t(f"explore.diffusion.{k}")
            for k in ("title", "x", "y", "adopted", "new", "spreading")
        }
        texts.update({name: t(f"explore.diffusion.cat.{name}") for name, _ in df.ROGERS})
        self.figure = df.figure(series, texts, show_spreading=self.gamma.value > 0)
        draw(self.plot, self.figure)
        half = next(
            (tt for tt, f in zip(series["t"], series["adopted"], strict=True) if f >= 0.5), None
        )
        end = f"{100 * series['adopted'][-1]:.0f}"
        if half is None:
            text = t("explore.diffusion.summary_never", years=self.years, end=end)
        else:
            text = t("explore.diffusion.summary", half=f"{half:.1f}", years=self.years, end=end)
        self.summary.value = f"<p>{text}</p>"


def show(**kw) -> DiffusionExplorer:
    return DiffusionExplorer(**kw)
