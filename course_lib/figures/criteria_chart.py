"""The OECD's three characteristics as a checklist: which cases count as innovation?

OPSI's case-study criteria: novel to its context, implemented (a pilot
counts, a plan alone does not), aiming at public impact. A case is an innovation only when
all three hold. The reference marks per case are data (data/exercises.yaml).
"""

from __future__ import annotations

from ._spec import Figure, title

CRITERIA = ("novelty", "implementation", "impact")

Marks = tuple[bool, bool, bool]


def is_innovation(marks: tuple[bool, bool, bool]) -> bool:
    return all(marks)


def judge(expected: Marks, given: Marks) -> dict:
    """Per criterion: does the learner's mark agree with the reference? And the verdict."""
    return {"criteria": [g == e for g, e in zip(given, expected, strict=True)],
            "verdict": is_innovation(given) == is_innovation(expected),
            "expected": expected}


def header(text: str, width: int = 10) -> str:
    """A column header on two lines (at the space nearest its middle) when longer than
    ``width`` characters."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if len(text) <= width or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "<br>" + text[cut + 1:]


def figure(labels: dict[str, str], given: dict[str, Marks], texts: dict, checked: bool,
           key: dict[str, Marks]) -> Figure:
    """A case x criterion grid of the learner's marks, coloured and labelled ("right"/"wrong"
    from ``texts``) by agreement with ``key`` (the reference marks per case,
    data/exercises.yaml) once checked."""
    ids = list(key)
    columns = [header(texts[c]) for c in CRITERIA] + [header(texts["verdict"])]
    z, cells = [], []
    for cid in ids:
        marks = given.get(cid, (False, False, False))
        row_marks = [*marks, is_innovation(marks)]
        result = judge(key[cid], marks)
        agree = [*result["criteria"], result["verdict"]]
        z.append([(1 if a else -1) if checked else 0 for a in agree])
        # once checked, a word under each mark says right or wrong: the colour is never alone
        cells.append([("✓" if m else "✗") + (f"<br><span style='font-size:12px'>"
                                              f"{texts['right' if a else 'wrong']}</span>"
                                              if checked else "")
                      for m, a in zip(row_marks, agree, strict=True)])
    # The headers sit on top, under the title. Level, and on two lines where they are long,
    # they fit a 1024-px screen's columns; plotly would otherwise turn them sideways, up into
    # the title. The title is pinned to the figure's top edge, the headers' two lines fit
    # in the top margin below it.
    heading = title(texts.get("title"))
    fig = Figure(layout={"title": {**heading, "yref": "container", "y": 1, "yanchor": "top",
                                   "pad": {"t": 10}} if heading else {},
                         "height": 100 + 55 * len(ids), "yaxis": {"autorange": "reversed"},
                         "xaxis": {"side": "top", "tickangle": 0},
                         "margin": {"l": 10, "r": 10, "t": 100, "b": 10}})
    return fig.add(
        "heatmap", z=z, x=columns, y=[labels[c] for c in ids], text=cells,
        texttemplate="%{text}", textfont={"size": 18}, zmin=-1, zmax=1, showscale=False,
        hoverinfo="skip", colorscale=[[0, "#f4a6a6"], [0.5, "#eeeeee"], [1, "#a6dba0"]],
        xgap=3, ygap=3)
