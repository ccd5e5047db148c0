"""Redraw a plotly figure inside an Output widget (plotly_mimetype; no FigureWidget)."""

from __future__ import annotations

import json

MIME = "application/vnd.plotly.v1+json"


def mimebundle(fig) -> dict:
    """The bundle plotly's ``plotly_mimetype`` renderer would produce for ``fig``.

    Built from the figure's own JSON encoder rather than through ``plotly.io``: importing
    plotly.io pulls in nbformat and jsonschema, seconds on a busy machine, for nothing a
    figure in a widget needs (tests/test_draw.py checks the two bundles are identical).
    """
    from _plotly_utils.utils import PlotlyJSONEncoder

    return {MIME: json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))}


def draw(output, fig) -> None:
    """Make ``output`` show ``fig`` (and nothing else), as plotly's mime bundle.

    The bundle is set as the widget's outputs instead of captured from the kernel's output
    stream: with capture (``with output: fig.show()``) headless runs under nbclient stall until
    the cell timeout every so often, because the client syncs the Output widget back to the
    busy kernel. Setting ``outputs`` renders the same in JupyterLab and lets unit tests read
    the figure without a kernel.
    """
    output.outputs = ({"output_type": "display_data", "data": mimebundle(fig), "metadata": {}},)
