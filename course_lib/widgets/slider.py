"""The course's slider: a labelled native range input (anywidget), in place of ipywidgets'.

The stock slider's handle is a ``<div role="slider">`` that no ``description`` names: axe-core
reports every one of them, and a screen reader announces "slider" with no name. This one is a
``<label>`` plus ``<input type="range">`` (``slider.js``), so the name, the arrow keys and the
focus ring come from the browser. The Python side keeps the ipywidgets slider's traits
(``value``, ``min``, ``max``, ``step``, ``description``, ``disabled``, ``observe``), clamps
the value into range like ipywidgets does, and takes the label column's width as
``label_width``; the track is at least 200 px wide (``slider.css``).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as W
import traitlets

_HERE = Path(__file__).parent


class _Slider(anywidget.AnyWidget):
    _esm = (_HERE / "slider.js").read_text(encoding="utf-8")
    _css = (_HERE / "slider.css").read_text(encoding="utf-8")
    description = traitlets.Unicode("").tag(sync=True)
    label_width = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)  # False: one value per release

    @traitlets.validate("value")
    def _clamp(self, proposal):
        return min(max(proposal["value"], self.min), self.max)


class IntSlider(_Slider):
    value = traitlets.CInt(0).tag(sync=True)
    min = traitlets.CInt(0).tag(sync=True)
    max = traitlets.CInt(100).tag(sync=True)
    step = traitlets.CInt(1).tag(sync=True)


class FloatSlider(_Slider):
    value = traitlets.CFloat(0.0).tag(sync=True)
    min = traitlets.CFloat(0.0).tag(sync=True)
    max = traitlets.CFloat(10.0).tag(sync=True)
    step = traitlets.CFloat(0.1).tag(sync=True)


def slider(kind: type[_Slider], *, value, min, max, step=1, description: str,
           label_width: str = "", width: str = "", **extra) -> _Slider:
    """A slider labelled ``description``; ``width`` is the whole row (label, track, value)."""
    from .shared_models import shared

    # value with the rest: traitlets validates it (clamps it into min..max) once every trait
    # is set, so it reaches the page in the comm open, not in an update after it; the width
    # as a shared Layout (never changed later), not one more model per slider
    return kind(min=min, max=max, step=step, value=value, description=description,
                label_width=label_width, layout=shared(W.Layout, **({"width": width}
                                                                    if width else {})),
                **extra)
