"""Redraw a plotly figure inside an Output widget (plotly_mimetype; no FigureWidget)."""

from __future__ import annotations


def draw(output, fig) -> None:
    """Make ``output`` show ``fig`` (and nothing else), as plotly's mime bundle.

    The bundle is what ``fig.show()`` would print, but it is set as the widget's outputs
    instead of captured from the kernel's output stream: with capture (``with output:
    fig.show()``) headless runs under nbclient stall until the cell timeout every so often,
    because the client syncs the Output widget back to the busy kernel. Setting ``outputs``
    renders the same in JupyterLab and lets unit tests read the figure without a kernel.
    """
    # plotly.io imports nbformat, which imports jsonschema; importing jsonschema the lean way
    # first saves seconds of grammar building (rfc3987_syntax) before the first figure
    from ..content import _import_jsonschema

    _import_jsonschema()
    import plotly.io as pio

    bundle = pio.renderers["plotly_mimetype"].to_mimebundle(fig.to_dict())
    output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
