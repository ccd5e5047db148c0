"""Redraw a figure inside an Output widget, as plotly's mime bundle (no FigureWidget)."""

from __future__ import annotations

from ..figures._spec import MIME


def mimebundle(fig) -> dict:
    """The bundle plotly's ``plotly_mimetype`` renderer would produce for ``fig`` (a spec from
    ``course_lib.figures``), minus plotly.py's default template: plotly.js draws its own
    defaults, and the kernel never imports plotly (tests/test_draw.py)."""
    return {MIME: fig.to_json()}


def draw(output, fig) -> None:
    """Make ``output`` show ``fig`` (and nothing else), as plotly's mime bundle.

    The bundle is set as the widget's outputs instead of captured from the kernel's output
    stream: with capture (``with output: fig.show()``) headless runs under nbclient stall until
    the cell timeout every so often, because the client syncs the Output widget back to the
    busy kernel. Setting ``outputs`` renders the same in JupyterLab and lets unit tests read
    the figure without a kernel.
    """
    output.outputs = ({"output_type": "display_data", "data": mimebundle(fig), "metadata": {}},)
