"""Module 02: many small improvement waves against one big wave (sliders: frequency, size,
decay)."""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import wave_chart as wv
from ..i18n import t
from ..widgets.shared_models import Brief, make
from ._base import remember, slider
from ._draw import draw

SIZE = {"label_width": "230px", "width": "520px"}


class WaveExplorer(Brief, widgets.VBox):
    """Three sliders; every change redraws the two stories and a one-line comparison."""

    def __init__(self, frequency: float = 4.0, size: float = 1.0, decay: float = 0.5):
        super().__init__()
        self.figure = None
        self.frequency = slider("explore.wave.frequency", frequency, 0.5, 12, 0.5, **SIZE)
        self.size = slider("explore.wave.size", size, 0.1, 2.0, 0.1, **SIZE)
        self.decay = slider("explore.wave.decay", decay, 0.0, 1.5, 0.05, **SIZE)
        remember("m02.wave", {"frequency": self.frequency, "size": self.size,
                              "decay": self.decay})
        for control in (self.frequency, self.size, self.decay):
            control.observe(lambda _c: self._redraw(), names="value")
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
        self.summary.value = self._verdict(wv.summary(data))

    def _verdict(self, s: dict) -> str:
        """The numbers, and what they say: the lesson where the small waves last longer, an
        honest note where they do not (effects that hardly fade), naming the rate that turns it."""
        numbers = t("explore.wave.summary", small_end=f"{s['small_end']:.1f}",
                    big_end=f"{s['big_end']:.1f}", small_late=f"{s['small_late']:.1f}",
                    big_late=f"{s['big_late']:.1f}")
        if s["small_late"] > s["big_late"]:
            year = s["ahead_from"]
            text = (t("explore.wave.lasts", year=f"{round(year, 1):g}") if year is not None
                    else t("explore.wave.lasts_late"))
        else:
            turn = wv.lasting_from(self.frequency.value, self.size.value, self.decay.value,
                                   self.decay.step, self.decay.max)
            text = t("explore.wave.slow_fading", decay=f"{self.decay.value:g}")
            if turn is not None:
                text += " " + t("explore.wave.turns_at", decay=f"{turn:g}")
        return f"<p>{numbers}</p><p>{text}</p>"


def show(**kw) -> WaveExplorer:
    return WaveExplorer(**kw)
