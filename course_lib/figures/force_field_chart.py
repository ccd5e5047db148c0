"""Lewin's force-field analysis: driving against restraining forces, weighted, and the plot."""

from __future__ import annotations

from ._spec import Figure, axis, title

SIDES = ("driving", "restraining")
WEIGHTS = (1, 5)  # each force is weighted 1 (weak) .. 5 (strong)


def totals(forces: list[dict]) -> dict[str, float]:
    """Sum of weights on each side: {"driving": .., "restraining": ..}."""
    sums = {side: 0.0 for side in SIDES}
    for f in forces:
        sums[f["side"]] += float(f["weight"])
    return sums


def balance(forces: list[dict]) -> float:
    """Driving minus restraining: > 0 the field leans towards change, < 0 against it."""
    sums = totals(forces)
    return sums["driving"] - sums["restraining"]


def strongest(forces: list[dict], side: str) -> list[dict]:
    """The heaviest forces on one side: every force sharing the top weight (a tie names no
    single one), in the order given; [] when the side has none."""
    candidates = [f for f in forces if f["side"] == side]
    if not candidates:
        return []
    top = max(float(f["weight"]) for f in candidates)
    return [f for f in candidates if float(f["weight"]) == top]


def figure(forces: list[dict], texts: dict) -> Figure:
    """Horizontal arrows-as-bars: driving forces push right, restraining forces push left.

    ``texts``: {"title", "driving", "restraining", "now", "x"}; totals go into the title.
    """
    sums = totals(forces)
    limit = max([float(f["weight"]) for f in forces] + [WEIGHTS[1]]) + 0.5
    fig = Figure(layout={
        "title": title(texts.get("title")), "barmode": "relative",
        "height": max(320, 60 + 40 * len(forces)),
        "xaxis": axis(texts.get("x"), range=[-limit, limit], zeroline=False),
        "yaxis": {"showticklabels": bool(forces), "showgrid": False},  # no numbers when empty
        "legend": {"orientation": "h", "y": -0.2}, "margin": {"l": 160, "r": 20, "t": 70, "b": 70},
        "plot_bgcolor": "white"})
    for side, sign, colour in (("driving", 1, "#2ca02c"), ("restraining", -1, "#d62728")):
        chosen = [f for f in forces if f["side"] == side]
        fig.add("bar",
                y=[f["name"] for f in chosen], x=[sign * float(f["weight"]) for f in chosen],
                orientation="h", marker={"color": colour},
                name=f"{texts.get(side, side)} (Σ {sums[side]:g})",
                text=[f"{float(f['weight']):g}" for f in chosen], textposition="inside")
    fig.vline(0, {"width": 3, "color": "#333"})
    fig.annotate(x=0, y=1.06, yref="paper", text=texts.get("now", ""))
    return fig
