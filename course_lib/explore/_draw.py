"""Redraw a plotly figure inside an Output widget (plotly_mimetype; no FigureWidget)."""

from __future__ import annotations


def draw(output, fig) -> None:
    """Replace what ``output`` shows with ``fig``; outside a kernel (unit tests) only keep it."""
    from IPython import get_ipython

    if get_ipython() is None:
        return  # no front end to draw on; tests read the widget's .figure instead
    output.clear_output(wait=True)
    with output:
        fig.show()
