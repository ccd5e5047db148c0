"""Figures reach the notebook as plotly's own mimetype bundle; the kernel never imports plotly."""

from __future__ import annotations

import math
import subprocess
import sys

import ipywidgets
from plotly_spec import validated

from course_lib.explorations._draw import MIME, draw, mimebundle
from course_lib.figures._spec import Figure, title


def _figure():
    return Figure(layout={"title": title("Соёл")}).add("bar", x=["Итгэлцэл", "Оролцоо"],
                                                      y=[3, 4.5])


def test_bundle_is_what_the_plotly_mimetype_renderer_makes_without_its_template():
    import plotly.io as pio

    fig = _figure()
    theirs = pio.renderers["plotly_mimetype"].to_mimebundle(validated(fig).to_dict())
    theirs[MIME]["layout"].pop("template")
    theirs[MIME].pop("config", None)
    assert mimebundle(fig) == theirs


def test_a_spec_shows_itself_as_a_cell_result():
    bundle = _figure()._repr_mimebundle_()
    assert bundle[MIME]["data"][0]["y"] == [3, 4.5]
    assert bundle["text/plain"] == "Соёл"  # what a viewer without plotly shows
    assert Figure()._repr_mimebundle_()["text/plain"] == "plotly figure"


def test_bundle_is_strict_json():
    # plotly.js and the notebook file take JSON: no NaN/Infinity, no tuples
    fig = Figure().add("scatter", x=(1, 2, 3), y=[1.0, math.inf, math.nan])
    assert mimebundle(fig)[MIME]["data"][0] == {"type": "scatter", "x": [1, 2, 3],
                                                "y": [1.0, None, None]}


def test_draw_replaces_the_output_with_one_figure():
    out = ipywidgets.Output()
    draw(out, _figure())
    draw(out, _figure())
    assert len(out.outputs) == 1
    assert out.outputs[0]["data"][MIME]["data"][0]["y"] == [3, 4.5]


def test_drawing_and_the_progress_chart_do_not_import_plotly():
    code = (
        "import sys, ipywidgets\n"
        "import course_lib as cl\n"
        "from course_lib.explorations._draw import draw\n"
        "w = cl.explore('wave'); cl.explore('diffusion'); cl.explore('culture')\n"
        "cl.progress_overview()._repr_mimebundle_()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('plotly', 'nbformat')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]"]
