"""A radar (spider) chart of ratings: self-assessments drawn as one closed shape."""

from __future__ import annotations

import plotly.graph_objects as go


def radar(ratings: dict[str, float], scale: int = 5, title: str = "", name: str = "",
          compare: dict[str, float] | None = None, compare_name: str = "") -> go.Figure:
    """Draw ``ratings`` (label -> value on 1..scale) as a radar chart.

    Labels arrive already in the learner's language. ``compare`` (same labels) is drawn as a
    dashed second shape, e.g. a target or an earlier rating.
    """
    labels = list(ratings)
    fig = go.Figure()
    if compare:
        others = [compare.get(k, 0) for k in labels]
        fig.add_trace(_trace(labels, others, compare_name, dashed=True))
    fig.add_trace(_trace(labels, [ratings[k] for k in labels], name, dashed=False))
    fig.update_layout(
        title=title or None,
        polar={"radialaxis": {"range": [0, scale], "dtick": 1}},
        showlegend=bool(compare),
        margin={"l": 60, "r": 60, "t": 60 if title else 30, "b": 30},
        height=420,
    )
    return fig


def _trace(labels: list[str], values: list[float], name: str, dashed: bool) -> go.Scatterpolar:
    # repeat the first point so the shape closes
    return go.Scatterpolar(
        r=[*values, values[0]] if values else [],
        theta=[*labels, labels[0]] if labels else [],
        name=name,
        fill="none" if dashed else "toself",
        line={"dash": "dash"} if dashed else {},
    )
