"""The dashboard's figures as plain plotly JSON (``{"data": [...], "layout": {...}}``), drawn by
the plotly.js shipped beside the page. No plotly import: the tests validate the specs with
plotly's own ``go.Figure``."""

from __future__ import annotations

FONT = {"family": "Noto Sans, DejaVu Sans, sans-serif", "size": 13}
BLUE, ORANGE, GREY = "#1f5f99", "#b35900", "#555555"


def _layout(x: str, y: str, **extra) -> dict:
    return {"font": FONT, "margin": {"l": 70, "r": 20, "t": 20, "b": 90}, "height": 380,
            "xaxis": {"title": {"text": x}, "automargin": True},
            "yaxis": {"title": {"text": y}, "automargin": True},
            "showlegend": False, **extra}


def completion(assignments: list[dict], t) -> dict:
    names = [a["assignment"] for a in assignments]
    students = assignments[0]["students"] if assignments else 0
    return {"data": [{"type": "bar", "x": names, "y": [a["submitted"] for a in assignments],
                      "marker": {"color": BLUE}, "name": t("submitted")}],
            "layout": _layout(t("assignment"), t("submitted"),
                              yaxis={"title": {"text": t("submitted")},
                                     "range": [0, max(students, 1)]})}


def boxes(groups: list[tuple[str, list[float]]], xlabel: str, ylabel: str) -> dict:
    """One box per group (assignment or reflection), every point shown."""
    return {"data": [{"type": "box", "name": name, "y": values, "boxpoints": "all",
                      "jitter": 0.4, "pointpos": 0, "marker": {"color": BLUE, "size": 3},
                      "line": {"color": GREY}} for name, values in groups],
            "layout": _layout(xlabel, ylabel)}


def items(rows: list[dict], t) -> dict:
    flagged = [bool(r["flags"]) for r in rows]
    return {"data": [{"type": "scatter", "mode": "markers",
                      "x": [r["difficulty"] for r in rows],
                      "y": [r["discrimination"] for r in rows],
                      "text": [r["item"] for r in rows], "hoverinfo": "text+x+y",
                      "marker": {"size": 9, "color": [ORANGE if f else BLUE for f in flagged],
                                 "symbol": ["x" if f else "circle" for f in flagged]}}],
            "layout": _layout(t("difficulty"), t("discrimination"),
                              xaxis={"title": {"text": t("difficulty")}, "range": [-0.05, 1.05],
                                     "tickformat": ".0%"},
                              yaxis={"title": {"text": t("discrimination")},
                                     "range": [-1.05, 1.05], "zeroline": True})}


def bars(labels: list[str], values: list[float], xlabel: str, ylabel: str,
         horizontal: bool = False, percent: bool = False) -> dict:
    trace = {"type": "bar", "marker": {"color": BLUE}}
    trace.update({"x": values, "y": labels, "orientation": "h"} if horizontal
                 else {"x": labels, "y": values})
    layout = _layout(xlabel, ylabel)
    if horizontal:
        layout["yaxis"]["autorange"] = "reversed"
        layout["height"] = max(300, 28 * len(labels) + 120)
    if percent:
        layout["xaxis" if horizontal else "yaxis"].update({"tickformat": ".0%", "range": [0, 1]})
    return {"data": [trace], "layout": layout}
