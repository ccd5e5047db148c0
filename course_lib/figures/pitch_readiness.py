"""How a decision-maker may see a proposal: Rogers' five perceived attributes, as bars."""

from __future__ import annotations

from ._spec import Figure, axis, title

ATTRIBUTES = ("advantage", "compatibility", "complexity", "trialability", "observability")
SLOWS = frozenset({"complexity"})  # the one attribute that slows adoption as it grows
SCALE = 5


def favourable(attribute: str, rating: int, scale: int = SCALE) -> int:
    """The rating turned so that higher always helps adoption (complexity is flipped)."""
    if attribute not in ATTRIBUTES:
        raise ValueError(f"unknown attribute {attribute}")
    if not 1 <= int(rating) <= scale:
        raise ValueError(f"rating {rating} outside 1..{scale}")
    return scale + 1 - int(rating) if attribute in SLOWS else int(rating)


def weakest(ratings: dict[str, int]) -> str | None:
    """The attribute to strengthen first (lowest favourable score; ATTRIBUTES order on ties)."""
    if not ratings:
        return None
    return min(ATTRIBUTES, key=lambda a: favourable(a, ratings[a]) if a in ratings else SCALE + 1)


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
        marker={"color": ["#d62728" if a == low and v < SCALE else "#1f4e79"
                          for a, v in zip(names, values, strict=True)]})
