"""How a decision-maker may see a proposal: Rogers' five perceived attributes, as bars."""

from __future__ import annotations

from ._spec import Figure, axis, likert, title

ATTRIBUTES = ("advantage", "compatibility", "complexity", "trialability", "observability")
SLOWS = frozenset({"complexity"})  # the one attribute that slows adoption as it grows
SCALE = 5


def favourable(attribute: str, rating: int, scale: int = SCALE) -> int:
    """The rating turned so that higher always helps adoption (complexity is flipped)."""
    if attribute not in ATTRIBUTES:
        raise ValueError(f"unknown attribute {attribute}")
    return likert("rating", rating, scale, attribute in SLOWS)


def weakest(ratings: dict[str, int]) -> tuple[str, ...]:
    """The attributes to strengthen first: every one sharing the lowest favourable score, in
    ATTRIBUTES order. Empty when nothing is below the top of the scale or when all rated
    attributes score the same (then none is weaker than another)."""
    scores = {a: favourable(a, ratings[a]) for a in ATTRIBUTES if a in ratings}
    if not scores:
        return ()
    low = min(scores.values())
    lowest = tuple(a for a, v in scores.items() if v == low)
    return () if low >= SCALE or len(lowest) == len(scores) else lowest


def all_equal(ratings: dict[str, int]) -> int | None:
    """The one favourable score every rated attribute shares, or None when they differ."""
    scores = {favourable(a, ratings[a]) for a in ATTRIBUTES if a in ratings}
    return scores.pop() if len(scores) == 1 else None


def figure(ratings: dict[str, int], texts: dict) -> Figure:
    """Bars of favourable scores per attribute; ``texts``: {"title", "x", "<attribute>"}."""
    names = [a for a in ATTRIBUTES if a in ratings]
    values = [favourable(a, ratings[a]) for a in names]
    low = weakest(ratings)
    fig = Figure(layout={
        "title": title(texts.get("title")), "height": 380, "plot_bgcolor": "white",
        "yaxis": axis(texts.get("y"), range=[0, SCALE + 0.3], dtick=1),
        "margin": {"l": 60, "r": 20, "t": 60, "b": 80}, "showlegend": False})
    return fig.add(
        "bar", x=[texts.get(a, a) for a in names], y=values, text=[str(v) for v in values],
        textposition="inside",
        marker={"color": ["#d62728" if a in low else "#1f4e79" for a in names]})
