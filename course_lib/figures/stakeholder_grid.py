"""Mendelow's power–interest grid: which quadrant a stakeholder falls in, and the plot."""

from __future__ import annotations

from ._spec import Figure, axis, title

SCALE = (0, 10)  # as the plan table m05.stakeholder_map declares (data/plan/05_stakeholders.yaml)
MIDPOINT = 5  # the grid line: 5 and above counts as "high"

# quadrant id -> (high power?, high interest?); ids are the catalogue's strategy keys
QUADRANTS = {
    "manage_closely": (True, True),
    "keep_satisfied": (True, False),
    "keep_informed": (False, True),
    "monitor": (False, False),
}

IAP2_LEVELS = ("inform", "consult", "involve", "collaborate", "empower")


def quadrant(power: float, interest: float, midpoint: float = MIDPOINT) -> str:
    """The Mendelow quadrant id for a stakeholder's power and interest."""
    key = (float(power) >= midpoint, float(interest) >= midpoint)
    return next(q for q, corner in QUADRANTS.items() if corner == key)


def by_quadrant(stakeholders: list[dict]) -> dict[str, list[str]]:
    """Stakeholder names grouped by quadrant id (every quadrant present, maybe empty)."""
    groups: dict[str, list[str]] = {q: [] for q in QUADRANTS}
    for s in stakeholders:
        groups[quadrant(s["power"], s["interest"])].append(s["name"])
    return groups


def spread(points: list[tuple[float, float]], step: float = 0.35) -> list[tuple[float, float]]:
    """Nudge points that share a grid cell sideways so that none hides another."""
    seen: dict[tuple[float, float], int] = {}
    out = []
    for x, y in points:
        n = seen.get((x, y), 0)
        seen[(x, y)] = n + 1
        # 0, +step, -step, +2 step, ... keeps the group centred on the true value
        offset = ((n + 1) // 2) * step * (1 if n % 2 else -1)
        out.append((x + offset, y))
    return out


def label_positions(points: list[tuple[float, float]]) -> list[str]:
    """Names above, but every second point of a shared cell below, so labels do not collide."""
    seen: dict[tuple[float, float], int] = {}
    out = []
    for point in points:
        n = seen.get(point, 0)
        seen[point] = n + 1
        out.append("bottom center" if n % 2 else "top center")
    return out


def figure(stakeholders: list[dict], texts: dict) -> Figure:
    """A scatter of stakeholders on the grid, with quadrant names and strategies.

    ``stakeholders``: [{name, power, interest, level?}]; ``texts``: {"x", "y", "title",
    "<quadrant id>": "label<br>strategy", "level.<iap2 id>": label}.
    """
    lo, hi = SCALE
    fig = Figure(layout={
        "title": title(texts.get("title")), "height": 520,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "xaxis": axis(texts.get("x", "interest"), range=[lo - 0.5, hi + 0.5], dtick=1),
        "yaxis": axis(texts.get("y", "power"), range=[lo - 0.6, hi + 1.2], dtick=1),
        "plot_bgcolor": "white"})
    top, bottom = hi + 1.15, MIDPOINT - 0.1  # label tops: above the grid, under the midline
    right, left = (MIDPOINT + hi) / 2, (lo + MIDPOINT) / 2
    corners = {  # label position: x is interest, y is power
        "manage_closely": (right, top), "keep_satisfied": (left, top),
        "keep_informed": (right, bottom), "monitor": (left, bottom),
    }
    shades = {"manage_closely": "rgba(214,39,40,0.08)", "keep_satisfied": "rgba(255,127,14,0.08)",
              "keep_informed": "rgba(31,119,180,0.08)", "monitor": "rgba(127,127,127,0.06)"}
    for q, (x, y) in corners.items():
        high_p, high_i = QUADRANTS[q]
        fig.shape(type="rect", layer="below", line={"width": 0}, fillcolor=shades[q],
                  x0=MIDPOINT if high_i else lo - 0.5, x1=hi + 0.5 if high_i else MIDPOINT,
                  y0=MIDPOINT if high_p else lo - 0.5, y1=hi + 0.5 if high_p else MIDPOINT)
        fig.annotate(x=x, y=y, yanchor="top", text=texts.get(q, q),
                     font={"size": 11, "color": "#444"}, align="center")
    if stakeholders:
        level = {s["name"]: texts.get("level." + s["level"], s["level"])
                 for s in stakeholders if s.get("level")}
        labels = [s["name"] for s in stakeholders]
        hover = [
            f"{s['name']}<br>{texts.get('y', 'power')}: {s['power']:g}"
            f"<br>{texts.get('x', 'interest')}: {s['interest']:g}"
            + (f"<br>IAP2: {level[s['name']]}" if s["name"] in level else "")
            for s in stakeholders
        ]
        points = [(s["interest"], s["power"]) for s in stakeholders]
        xy = spread(points)
        fig.add("scatter",
                x=[x for x, _ in xy], y=[y for _, y in xy], mode="markers+text", text=labels,
                textposition=label_positions(points), hovertext=hover, hoverinfo="text",
                cliponaxis=False, marker={"size": 14, "color": "#1f4e79"}, showlegend=False)
    fig.vline(MIDPOINT, {"dash": "dot", "color": "#888"})
    fig.hline(MIDPOINT, {"dash": "dot", "color": "#888"})
    return fig
