"""A selected toggle button that cannot be missed: a ✔ icon on it, not only a darker grey.

The stock ToggleButtons show the selection by a slightly darker background; the trainees who
tried the course could not tell which answer they had picked. ``icons`` is a stock trait (one
Font Awesome name per button, drawn by JupyterLab and Voilà offline): the selected button
gets "check", the others none, kept in step with the selection.
"""

from __future__ import annotations

import ipywidgets as W


def _marks(toggle: W.ToggleButtons) -> list[str]:
    return ["check" if i == toggle.index else "" for i in range(len(toggle.options))]


def mark_selected(toggle: W.ToggleButtons) -> W.ToggleButtons:
    """Put the check icon on ``toggle``'s selected button, now and after every change."""
    def follow(_change=None) -> None:
        marks = _marks(toggle)
        if list(toggle.icons) != marks:
            toggle.icons = marks

    follow()
    toggle.observe(follow, names=["index", "options"])
    return toggle
