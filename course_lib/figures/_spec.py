"""Figures as plain plotly JSON: ``{"data": [...], "layout": {...}}``, built without plotly.

JupyterLab's plotly extension draws the ``application/vnd.plotly.v1+json`` bundle; nothing in
the kernel needs plotly's Python objects for that. Building ``go.Figure`` objects cost a
notebook about 0.4 s (importing plotly and validating every property on every redraw), more
than the rest of the library together. The tests still hold every figure to plotly's own
validators (``go.Figure(spec)`` raises on any property plotly does not know), so a typo cannot
hide here. Titles are always ``{"text": ...}``: plotly.js 3 no longer reads a bare string.
"""

from __future__ import annotations

import math

MIME = "application/vnd.plotly.v1+json"
CARTESIAN = frozenset({"scatter", "bar", "heatmap", "box"})


def likert(label: str, rating, scale: int, reverse: bool) -> int:
    """A 1..scale rating, reverse-scored when ``reverse`` (1 <-> scale): the one Likert flip of
    the course (team climate's negatively worded items, a pitch's complexity)."""
    if not 1 <= int(rating) <= scale:
        raise ValueError(f"{label} {rating} outside 1..{scale}")
    return scale + 1 - int(rating) if reverse else int(rating)


def title(text: str | None) -> dict:
    """A title object, or nothing when there is no text (so no empty title takes space)."""
    return {"text": text} if text else {}


def axis(text: str | None = None, **props) -> dict:
    """An axis with an optional title."""
    return {**({"title": {"text": text}} if text else {}), **props}


def jsonable(value):
    """``value`` as strict JSON: tuples become lists, NaN and infinities become null."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class Figure(dict):
    """A plotly figure spec that displays itself in JupyterLab like a plotly figure.

    It is a dict, so tests and callers read ``fig["data"][0]["y"]``; ``_repr_mimebundle_`` lets
    ``cl.progress_overview()`` at the end of a cell show the chart.
    """

    def __init__(self, data: list | None = None, layout: dict | None = None):
        super().__init__(data=list(data or []), layout=dict(layout or {}))

    def add(self, trace_type: str, **props) -> Figure:
        """Add one trace of plotly type ``trace_type`` ("scatter", "bar", ...)."""
        self["data"].append({"type": trace_type, **props})
        return self

    def annotate(self, **props) -> Figure:
        self["layout"].setdefault("annotations", []).append({"showarrow": False, **props})
        return self

    def shape(self, **props) -> Figure:
        self["layout"].setdefault("shapes", []).append(props)
        return self

    def vline(self, x: float, line: dict, label: str | None = None) -> Figure:
        """A vertical line across the whole plot height (plotly's ``add_vline``)."""
        self.shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=line)
        if label:
            self.annotate(x=x, y=1, xref="x", yref="y domain", text=label, xanchor="left",
                          yanchor="top")
        return self

    def hline(self, y: float, line: dict) -> Figure:
        """A horizontal line across the whole plot width (plotly's ``add_hline``)."""
        return self.shape(type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y",
                          line=line)

    def vrect(self, x0: float, x1: float, **props) -> Figure:
        """A band over the whole plot height between ``x0`` and ``x1``."""
        return self.shape(type="rect", x0=x0, x1=x1, xref="x", y0=0, y1=1, yref="y domain",
                          **props)

    def to_json(self) -> dict:
        """The figure as strict JSON, ready for a notebook output or a widget.

        Every cartesian axis gets ``automargin``: Mongolian tick labels and titles are long,
        and a fixed margin cut them (module 01's case names); plotly.js then grows the margin
        to what the labels measure in the trainee's browser and fonts."""
        layout = dict(self["layout"])
        if any(trace["type"] in CARTESIAN for trace in self["data"]):
            layout.setdefault("xaxis", {})
            layout.setdefault("yaxis", {})
        for name, value in layout.items():
            if name.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
                layout[name] = {"automargin": True, **value}
        return jsonable({"data": self["data"], "layout": layout})

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        # a viewer without the plotly extension (GitHub, a plain-text export) shows the title
        heading = (self["layout"].get("title") or {}).get("text")
        return {MIME: self.to_json(), "text/plain": heading or "plotly figure"}
