"""A coordination map: the learner's organisation in the centre, partners around it, each
link labelled with what must be coordinated; links with a possible conflict drawn in red.
A link joins a partner to the centre, or to another partner named in its row's ``with``."""

from __future__ import annotations

import math

from ._spec import Figure, title


def layout(n: int, radius: float = 1.0) -> list[tuple[float, float]]:
    """Positions of ``n`` partners evenly on a circle, the first at the top."""
    return [(radius * math.sin(2 * math.pi * k / n), radius * math.cos(2 * math.pi * k / n))
            for k in range(n)]


def figure(centre: str, rows: list[dict], texts: dict) -> Figure:
    """``rows``: [{partner, with, coordinate, conflict}] as saved in the plan (m04.coordination);
    ``with`` empty (or naming no partner on the map) means the learner's own organisation."""
    hidden = {"visible": False, "range": [-1.6, 1.6]}
    fig = Figure(layout={
        "title": title(texts.get("title")), "xaxis": hidden,
        "yaxis": {**hidden, "scaleanchor": "x"}, "height": 480, "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10}})
    places = dict(zip((r.get("partner") for r in rows), layout(len(rows)), strict=True))
    for (x, y), row in zip(layout(len(rows)), rows, strict=True):
        conflict = bool(str(row.get("conflict", "")).strip())
        x0, y0 = places.get(row.get("with") or "", (0.0, 0.0))
        fig.add("scatter", x=[x0, x], y=[y0, y], mode="lines", showlegend=False,
                hoverinfo="skip",
                line={"width": 3, "color": "#d73027" if conflict else "#7f7f7f",
                      "dash": "dash" if conflict else "solid"})
        fig.annotate(x=(x0 + x) / 2, y=(y0 + y) / 2, text=row.get("coordinate", ""),
                     bgcolor="white", font={"size": 11})
        hover = f"{row.get('partner', '')}<br>{texts['conflict']}: {row.get('conflict') or '—'}"
        fig.add("scatter", x=[x], y=[y], mode="markers+text", text=[row.get("partner")],
                textposition="top center" if y >= 0 else "bottom center",
                marker={"size": 26, "color": "#9ecae1"}, showlegend=False,
                hovertext=[hover], hoverinfo="text")
    fig.add("scatter", x=[0], y=[0], mode="markers+text", text=[centre or texts["me"]],
            textposition="bottom center", showlegend=False, hoverinfo="skip",
            marker={"size": 40, "color": "#1f4e79"})
    return fig
