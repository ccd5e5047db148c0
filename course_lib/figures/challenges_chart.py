"""Heifetz (1994): technical problems have known fixes experts can apply; adaptive challenges
need the people involved to change values, attitudes or behaviour. The most common failure is
a technical fix for an adaptive challenge. The reference key is data (data/exercises.yaml)."""

from __future__ import annotations

from ._spec import Figure, title

KINDS = ("technical", "adaptive")


def score(key: dict[str, str], choices: dict[str, str | None]) -> dict[str, bool | None]:
    """Per challenge: True/False against the reference ``key``, None when not yet sorted."""
    return {cid: (None if choices.get(cid) is None else choices[cid] == kind)
            for cid, kind in key.items()}


def figure(labels: dict[str, str], choices: dict[str, str | None], texts: dict,
           checked: bool, key: dict[str, str]) -> Figure:
    """Each challenge placed in the column the learner chose, green/red once checked against
    ``key`` (challenge id -> kind, data/exercises.yaml)."""
    results = score(key, choices)
    fig = Figure()
    columns = {k: 0 for k in KINDS}
    for cid in key:
        kind = choices.get(cid)
        if kind not in KINDS:
            continue
        row = columns[kind]
        columns[kind] += 1
        colour = "#1f4e79"
        if checked:
            colour = "#1a9850" if results[cid] else "#d73027"
        mark = ("✓ " if results[cid] else "✗ ") if checked else ""
        fig.add("scatter", x=[KINDS.index(kind)], y=[row], mode="markers+text",
                text=[mark + labels[cid]], textposition="middle right",
                marker={"size": 14, "color": colour}, showlegend=False, hoverinfo="skip")
    if not fig["data"] and texts.get("empty"):  # nothing sorted yet: say where the board appears
        fig.annotate(x=0.5, y=0.5, xref="paper", yref="paper", text=texts["empty"],
                     font={"size": 14, "color": "#7f7f7f"})
    fig["layout"].update(
        title=title(texts.get("title")), height=120 + 45 * max(4, *columns.values()),
        xaxis={"tickvals": [0, 1], "ticktext": [texts[k] for k in KINDS],
               "range": [-0.1, 1.9], "side": "top", "showgrid": False},
        yaxis={"visible": False, "autorange": "reversed"},
        plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 80, "b": 10})
    return fig
