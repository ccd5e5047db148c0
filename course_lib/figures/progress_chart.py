"""The progress overview: per module, score, questions answered and plan filled, as bars."""

from __future__ import annotations

from ._spec import Figure, axis, title

COLOURS = {"score": "#1f4e79", "answered": "#6baed6", "plan": "#e6a23c"}


def progress_figure(rows: list[dict], texts: dict) -> Figure:
    """Draw ``rows`` (one per module, from progress.module_progress) as grouped bars.

    Each row has ``label`` (module title), ``score``, ``answered``, ``plan`` (fractions 0..1 or
    None when the module has nothing of that kind), ``attempts``, ``done`` and ``open`` (a
    short text of what is still open). ``texts`` holds the legend names, axis and title.
    """
    labels = [("✓ " if r["done"] else "") + r["label"] for r in rows]
    done = sum(1 for r in rows if r["done"])
    fig = Figure(layout={
        "title": title(texts["title"].format(done=done, total=len(rows))),
        "barmode": "group", "height": max(320, 70 * len(rows) + 120),
        "xaxis": axis(texts["x"], range=[0, 105], ticksuffix="%", gridcolor="#eee"),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.12},
        "plot_bgcolor": "white", "margin": {"l": 20, "r": 20, "t": 60, "b": 40},
    })
    for key in ("score", "answered", "plan"):
        values = [None if r[key] is None else round(100 * r[key]) for r in rows]
        fig.add("bar",
                y=labels, x=values, orientation="h", name=texts[key],
                marker={"color": COLOURS[key]},
                text=[None if v is None else f"{v}%" for v in values], textposition="auto",
                customdata=[[r["attempts"], r["open"]] for r in rows],
                hovertemplate=("%{y}<br>" + texts[key] + ": %{x}%<br>" + texts["attempts"]
                               + ": %{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    return fig
