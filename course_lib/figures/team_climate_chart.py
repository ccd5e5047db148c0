"""Edmondson's seven-item psychological-safety check-in: scoring and the chart."""

from __future__ import annotations

from ._spec import Figure, axis, likert, title

ITEMS = (1, 2, 3, 4, 5, 6, 7)
REVERSED = frozenset({1, 3, 5})  # worded negatively: agreeing means less safety
SCALE = 5  # 1 = strongly disagree .. 5 = strongly agree
LOW, HIGH = 2.5, 3.5  # bands of the adjusted score, for suggested actions


def adjusted(item: int, response: int, scale: int = SCALE) -> int:
    """The item's safety score: reverse-scored items are flipped (1 <-> scale)."""
    if item not in ITEMS:
        raise ValueError(f"unknown item {item}")
    return likert("response", response, scale, item in REVERSED)


def scores(responses: dict[int, int]) -> dict[int, int]:
    """Adjusted scores for every answered item."""
    return {item: adjusted(item, r) for item, r in sorted(responses.items())}


def mean(responses: dict[int, int]) -> float | None:
    """The mean adjusted score, or None when nothing is answered."""
    s = scores(responses)
    return sum(s.values()) / len(s) if s else None


def band(score: float) -> str:
    """'low', 'mid' or 'high' for an adjusted score or a mean."""
    if score <= LOW:
        return "low"
    return "high" if score >= HIGH else "mid"


def weakest(responses: dict[int, int]) -> list[int]:
    """Items in the low band, weakest first: where a suggested action helps most."""
    s = scores(responses)
    return sorted((i for i, v in s.items() if band(v) == "low"), key=lambda i: (s[i], i))


def figure(responses: dict[int, int], texts: dict) -> Figure:
    """Horizontal bars of adjusted scores, coloured by band; ``texts``: {"title", "x", "item.N"}."""
    s = scores(responses)
    colours = {"low": "#d62728", "mid": "#ff7f0e", "high": "#2ca02c"}
    items = list(s)
    fig = Figure(layout={
        "title": title(texts.get("title")), "height": 120 + 45 * max(len(items), 1),
        "xaxis": axis(texts.get("x"), range=[0, SCALE + 0.2], dtick=1),
        "yaxis": {"autorange": "reversed"}, "margin": {"l": 330, "r": 20, "t": 60, "b": 50},
        "plot_bgcolor": "white", "showlegend": False})
    fig.add("bar",
            y=[texts.get(f"item.{i}", str(i)) for i in items], x=[s[i] for i in items],
            orientation="h", marker={"color": [colours[band(s[i])] for i in items]},
            text=[str(s[i]) for i in items], textposition="inside")
    avg = mean(responses)
    if avg is not None:
        fig.vline(avg, {"dash": "dash", "color": "#333"},
                  label=f"{texts.get('mean', 'mean')}: {avg:.1f}")
    return fig
