"""Innovation spreading like a useful infection: the Bass model, optionally with fatigue.

Bass (1969): dF/dt = (p + qF)(1 - F), F the share who have adopted. With a "recovery" rate
gamma (Fibich's Bass-SIR idea) adopters stop spreading the change after a while:
S' = -(p + q I) S, I' = (p + q I) S - gamma I, R' = gamma I; adopted = I + R.
With gamma = 0, I = F and the model is plain Bass.
"""

from __future__ import annotations

import math

from ._spec import Figure, axis, title

P_DEFAULT = 0.03  # Sultan, Farley & Lehmann (1990) average, via content-anchors §2.2 [P]
Q_DEFAULT = 0.38
# Rogers' adopter categories cut the adoption curve at these cumulative shares
ROGERS = (("innovators", 0.025), ("early_adopters", 0.16), ("early_majority", 0.50),
          ("late_majority", 0.84), ("laggards", 1.0))


def bass_closed_form(t: float, p: float, q: float) -> float:
    """F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}), the share adopted by time t."""
    if p <= 0:
        raise ValueError("p must be positive for the closed form")
    e = math.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)


def simulate(p: float, q: float, gamma: float = 0.0, years: float = 20.0,
             steps_per_year: int = 20) -> dict[str, list[float]]:
    """Time series of the model (RK4): t, adopted (I+R), spreading (I), new per year."""
    if p < 0 or q < 0 or gamma < 0 or years <= 0:
        raise ValueError("p, q and gamma must be >= 0 and years > 0")
    dt = 1.0 / steps_per_year

    def rates(s, i):
        force = (p + q * i) * s
        return -force, force - gamma * i

    s, i = 1.0, 0.0
    out = {"t": [0.0], "adopted": [0.0], "spreading": [0.0], "new": [p]}
    for n in range(1, int(round(years * steps_per_year)) + 1):
        k1 = rates(s, i)
        k2 = rates(s + dt / 2 * k1[0], i + dt / 2 * k1[1])
        k3 = rates(s + dt / 2 * k2[0], i + dt / 2 * k2[1])
        k4 = rates(s + dt * k3[0], i + dt * k3[1])
        s += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
        i += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        out["t"].append(n * dt)
        out["adopted"].append(1.0 - s)
        out["spreading"].append(i)
        out["new"].append((p + q * i) * s)
    return out


def category_times(t: list[float], adopted: list[float]) -> list[tuple[str, float, float]]:
    """(category, start, end) in time for each Rogers category the curve reaches."""
    bands, start, lower = [], 0.0, 0.0
    for name, upper in ROGERS:
        end = next((tt for tt, f in zip(t, adopted, strict=True) if f >= upper), None)
        if lower > adopted[-1]:
            break
        bands.append((name, start, t[-1] if end is None else end))
        if end is None:
            break
        start, lower = end, upper
    return bands


COLOURS = {"innovators": "#c6dbef", "early_adopters": "#9ecae1", "early_majority": "#fdd0a2",
           "late_majority": "#fdae6b", "laggards": "#d9d9d9"}


def figure(series: dict[str, list[float]], texts: dict, show_spreading: bool = False) -> Figure:
    """S-curve of adoption (%), new adopters per year, Rogers bands; ``texts`` holds labels."""
    t = series["t"]
    fig = Figure(layout={
        "title": title(texts.get("title")), "xaxis": axis(texts["x"]),
        "yaxis": axis(texts["y"], range=[0, 101]), "height": 440,
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"l": 60, "r": 20, "t": 60, "b": 40}, "plot_bgcolor": "white"})
    for name, start, end in category_times(t, series["adopted"]):
        fig.vrect(start, end, fillcolor=COLOURS[name], opacity=0.45, line={"width": 0},
                  layer="below")
        fig.annotate(x=start, y=1, xref="x", yref="y domain", text=texts.get(name, name),
                     textangle=-90, font={"size": 10}, xanchor="left", yanchor="top")
    fig.add("scatter", x=t, y=[100 * f for f in series["adopted"]], name=texts["adopted"],
            line={"width": 3, "color": "#1f4e79"})
    fig.add("scatter", x=t, y=[100 * n for n in series["new"]], name=texts["new"],
            line={"dash": "dot", "color": "#d95f02"})
    if show_spreading:
        fig.add("scatter", x=t, y=[100 * i for i in series["spreading"]],
                name=texts["spreading"], line={"color": "#1b9e77"})
    return fig
