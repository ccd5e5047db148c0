"""Figures in widgets carry exactly plotly's own mimetype bundle, without importing plotly.io."""

from __future__ import annotations

import subprocess
import sys

import ipywidgets
import plotly.graph_objects as go

from course_lib.explore._draw import MIME, draw, mimebundle


def _figure():
    return go.Figure(go.Bar(x=["Итгэлцэл", "Оролцоо"], y=[3, 4.5]), layout={"title": "Соёл"})


def test_bundle_is_what_the_plotly_mimetype_renderer_makes():
    import plotly.io as pio

    fig = _figure()
    assert mimebundle(fig) == pio.renderers["plotly_mimetype"].to_mimebundle(fig.to_dict())


def test_draw_replaces_the_output_with_one_figure():
    out = ipywidgets.Output()
    draw(out, _figure())
    draw(out, _figure())
    assert len(out.outputs) == 1
    assert out.outputs[0]["data"][MIME]["data"][0]["y"] == [3, 4.5]


def test_drawing_does_not_import_plotly_io():
    code = (
        "import sys, ipywidgets, plotly.graph_objects as go\n"
        "from course_lib.explore._draw import draw\n"
        "draw(ipywidgets.Output(), go.Figure(go.Scatter(y=[1, 2])))\n"
        "print('plotly.io._renderers' in sys.modules, 'nbformat' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
