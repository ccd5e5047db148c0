"""The supporters map: each person's stance on the change against their influence."""

from __future__ import annotations

from ._spec import Figure, axis, title
from .stakeholder_grid import label_positions, spread

STANCE = (-2, 2)  # -2 strongly against .. 0 neutral .. +2 champion
INFLUENCE = (0, 10)  # as the plan table m08.supporters declares (data/plan/08_persistence.yaml)
MIDPOINT = 5  # the grid line: influence 5 and above counts as "high"

# group id -> (supports?, influential?)
GROUPS = {
    "coalition": (True, True),     # influential supporters: Kotter's guiding coalition
    "engage": (False, True),       # influential sceptics: listen, involve, negotiate
    "volunteers": (True, False),   # supporters with little formal influence: champions' voice
    "listen": (False, False),      # others: inform and keep listening
}


def group(stance: int, influence: float) -> str:
    """The map region of one person; neutral (0) counts with the sceptics, not the supporters."""
    key = (int(stance) > 0, float(influence) >= MIDPOINT)
    return next(g for g, corner in GROUPS.items() if corner == key)


def coalition_strength(people: list[dict]) -> float:
    """Sum of influence of those who support the change (stance > 0), weighted by stance."""
    return sum(float(p["influence"]) * int(p["stance"]) for p in people if int(p["stance"]) > 0)


def figure(people: list[dict], texts: dict) -> Figure:
    """Scatter of people: x = stance, y = influence; ``texts``: {"title","x","y","<group id>"}."""
    fig = Figure(layout={
        "title": title(texts.get("title")), "height": 500, "plot_bgcolor": "white",
        "xaxis": axis(texts.get("x"), range=[STANCE[0] - 0.5, STANCE[1] + 0.5],
                      tickvals=list(range(STANCE[0], STANCE[1] + 1)),
                      ticktext=[texts.get(f"stance.{v}", str(v))
                                for v in range(STANCE[0], STANCE[1] + 1)]),
        "yaxis": axis(texts.get("y"), range=[INFLUENCE[0] - 0.5, INFLUENCE[1] + 1.2], dtick=1),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60}})
    top, bottom = INFLUENCE[1] + 1.1, MIDPOINT - 0.1
    spots = {"coalition": (1.5, top), "engage": (-1, top),
             "volunteers": (1.5, bottom), "listen": (-1, bottom)}
    for g, (x, y) in spots.items():
        fig.annotate(x=x, y=y, yanchor="top", text=texts.get(g, g),
                     font={"size": 11, "color": "#444"})
    if people:
        xy = spread([(int(p["stance"]), float(p["influence"])) for p in people], step=0.15)
        fig.add("scatter",
                x=[x for x, _ in xy], y=[y for _, y in xy],
                mode="markers+text", text=[p["name"] for p in people],
                textposition=label_positions([(int(p["stance"]), float(p["influence"]))
                                              for p in people]),
                marker={"size": 14, "color": ["#2ca02c" if int(p["stance"]) > 0 else
                                              "#7f7f7f" if int(p["stance"]) == 0 else "#d62728"
                                              for p in people]},
                showlegend=False)
    fig.vline(0.5, {"dash": "dot", "color": "#888"})
    fig.hline(MIDPOINT, {"dash": "dot", "color": "#888"})
    return fig
