"""Module 02: many small improvement waves against one big wave (sliders: frequency, size,
decay)."""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import wave as wv
from ..i18n import t
from ..widgets.shared_models import make
from ._draw import draw

STYLE = {"description_width": "230px"}
WIDE = {"width": "520px"}


class WaveExplorer(widgets.VBox):
    """Three sliders; every change redraws the two stories and a one-line comparison."""

    def __init__(self, frequency: float = 4.0, size: float = 1.0, decay: float = 0.5):
        super().__init__()
        self.figure = None
        self.frequency = make(
            widgets.FloatSlider,
            value=frequency,
            min=0.5,
            max=12,
            step=0.5,
            description=t("explore.wave.frequency"),
            style=STYLE,
            layout=WIDE,
        )
        self.size = make(
            widgets.FloatSlider,
            value=size,
            min=0.1,
            max=2.0,
            step=0.1,
            description=t("explore.wave.size"),
            style=STYLE,
            layout=WIDE,
        )
        self.decay = make(
            widgets.FloatSlider,
            value=decay,
            min=0.0,
            max=1.5,
            step=0.05,
            description=t("explore.wave.decay"),
            style=STYLE,
            layout=WIDE,
        )
        for slider in (self.frequency, self.size, self.decay):
            slider.observe(lambda _c: self._redraw(), names="value")
        self.plot = make(widgets.Output)
        self.summary = make(widgets.HTML)
        self.children = [
            make(widgets.HTML, value=f"<p>{t('explore.wave.intro')}</p>"),
            self.frequency,
            self.size,
            self.decay,
            self.plot,
            self.summary,
        ]
        self._redraw()

    def _redraw(self) -> None:
        data = wv.series(self.frequency.value, self.size.value, self.decay.value)
        texts = {
            k: t(f"explore.wave.{k}") for k in ("title", "x", "y", "small", "big", "one_small")
        }
        self.figure = wv.figure(data, texts, self.size.value, self.decay.value)
        draw(self.plot, self.figure)
        s = wv.summary(data)
        self.summary.value = (
            "<p>"
            + t(
                "explore.wave.summary",
                small_end=f"{s['small_end']:.1f}",
                big_end=f"{s['big_end']:.1f}",
                small_mean=f"{s['small_mean']:.1f}",
                big_mean=f"{s['big_mean']:.1f}",
            )
            + "</p>"
        )


def show(**kw) -> WaveExplorer:
    return WaveExplorer(**kw)
