"""A radar (spider) chart of ratings: self-assessments drawn as one closed shape."""

from __future__ import annotations

from ._spec import Figure
from ._spec import title as title_of


def radar(ratings: dict[str, float], scale: int = 5, title: str = "", name: str = "",
          compare: dict[str, float] | None = None, compare_name: str = "") -> Figure:
    """Draw ``ratings`` (label -> value on 1..scale) as a radar chart.

    Labels arrive already in the learner's language. ``compare`` (same labels) is drawn as a
    dashed second shape, e.g. a target or an earlier rating.
    """
    labels = list(ratings)
    fig = Figure(layout={
        "title": title_of(title),
        "polar": {"radialaxis": {"range": [0, scale], "dtick": 1}},
        "showlegend": bool(compare),
        "margin": {"l": 60, "r": 60, "t": 60 if title else 30, "b": 30},
        "height": 420,
    })
    if compare:
        _trace(fig, labels, [compare.get(k, 0) for k in labels], compare_name, dashed=True)
    _trace(fig, labels, [ratings[k] for k in labels], name, dashed=False)
    return fig


def _trace(fig: Figure, labels: list[str], values: list[float], name: str, dashed: bool) -> None:
    # repeat the first point so the shape closes
    fig.add("scatterpolar",
            r=[*values, values[0]] if values else [],
            theta=[*labels, labels[0]] if labels else [],
            name=name,
            fill="none" if dashed else "toself",
            line={"dash": "dash"} if dashed else {})
