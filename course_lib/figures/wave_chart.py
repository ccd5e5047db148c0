"""Many small improvement waves against one big wave: why the deck calls innovation continuous.

Each improvement lifts results by ``size`` and its effect then fades at rate ``decay`` per
year (people leave, routines drift, needs change). A stream of ``frequency`` improvements a
year settles near size * frequency / decay; one big wave of the same total effort, made once,
fades back to nothing.
"""

from __future__ import annotations

import math

from ._spec import Figure, axis, title


def pulse(age: float, size: float, decay: float, rise: float = 0.25) -> float:
    """Effect of one improvement ``age`` years after it started: a quick rise, then fading."""
    if age < 0:
        return 0.0
    return size * min(1.0, age / rise) * math.exp(-decay * max(0.0, age - rise))


def series(frequency: float, size: float, decay: float, years: float = 10.0,
           big_at: float = 1.0, steps_per_year: int = 20) -> dict[str, list[float]]:
    """t, the sum of small waves, and one big wave with the same total effort."""
    if frequency <= 0 or size < 0 or decay < 0 or years <= 0:
        raise ValueError("frequency > 0, size >= 0, decay >= 0, years > 0")
    starts = [k / frequency for k in range(int(math.floor(years * frequency)) + 1)]
    starts = [s for s in starts if s < years]
    big_size = size * len(starts)
    t = [n / steps_per_year for n in range(int(round(years * steps_per_year)) + 1)]
    small = [sum(pulse(x - s, size, decay) for s in starts) for x in t]
    big = [pulse(x - big_at, big_size, decay) for x in t]
    return {"t": t, "small": small, "big": big, "starts": starts,
            "plateau": [size * frequency / decay if decay > 0 else math.inf]}


def figure(data: dict[str, list[float]], texts: dict, size: float, decay: float) -> Figure:
    """The two stories over time; faint lines show each small wave on its own."""
    t = data["t"]
    # every small wave in one trace, separated by gaps: one trace draws far faster than dozens
    xs, ys = [], []
    for s in data["starts"]:
        xs += [*t, None]
        ys += [*(pulse(x - s, size, decay) for x in t), None]
    fig = Figure(layout={
        "title": title(texts.get("title")), "xaxis": axis(texts["x"]),
        "yaxis": axis(texts["y"]), "height": 420, "legend": {"orientation": "h", "y": -0.2},
        "plot_bgcolor": "white", "margin": {"l": 60, "r": 20, "t": 60, "b": 40}})
    fig.add("scatter", x=xs, y=ys, mode="lines", connectgaps=False, hoverinfo="skip",
            line={"width": 1, "color": "rgba(31,78,121,0.25)"}, name=texts["one_small"])
    fig.add("scatter", x=t, y=data["big"], name=texts["big"],
            line={"width": 3, "color": "#d95f02", "dash": "dash"})
    fig.add("scatter", x=t, y=data["small"], name=texts["small"], fill="tozeroy",
            line={"width": 3, "color": "#1f4e79"}, fillcolor="rgba(31,78,121,0.15)")
    return fig


def summary(data: dict[str, list[float]], late_from: float = 5.0) -> dict[str, float | None]:
    """What the feedback line compares: each story's level at the end, its average over the
    later years (from ``late_from`` on: what lasts), and the year from which the small waves
    stay ahead for good (None if they never do).

    No average over the whole period: with the same total effort, the big wave's integral
    equals the small waves', minus the late small waves whose effect falls after the window,
    so a whole-period average favours the big wave at every setting and says nothing about
    what lasts.
    """
    t, small, big = data["t"], data["small"], data["big"]
    late = [i for i, x in enumerate(t) if x >= late_from]
    ahead_from = None
    for i in range(len(t) - 1, -1, -1):
        if small[i] <= big[i]:
            break
        ahead_from = t[i]
    return {"small_end": small[-1], "big_end": big[-1],
            "small_late": sum(small[i] for i in late) / len(late),
            "big_late": sum(big[i] for i in late) / len(late),
            "ahead_from": ahead_from}


def lasting_from(frequency: float, size: float, decay: float, step: float,
                 top: float) -> float | None:
    """The smallest fading rate from ``decay`` up (in slider steps, at most ``top``) at which
    the small waves hold the higher level in the later years; None if none does."""
    n = 0
    while decay + n * step <= top + 1e-9:
        rate = round(decay + n * step, 6)
        s = summary(series(frequency, size, rate))
        if s["small_late"] > s["big_late"]:
            return rate
        n += 1
    return None
