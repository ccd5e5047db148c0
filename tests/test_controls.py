"""The course's own controls, without a kernel (issue 13 point 7): the labelled slider, the
check mark on a selected toggle, figure margins that grow to their labels, and sliders that
start inside a class, never on the line between two."""

from __future__ import annotations

import ipywidgets as W
import pytest

import course_lib as cl
from course_lib.explorations import available
from course_lib.figures import stakeholder_grid
from course_lib.figures import supporters_chart as supporters
from course_lib.figures._spec import Figure
from course_lib.widgets.shared_models import make
from course_lib.widgets.slider import FloatSlider, IntSlider, _Slider, slider
from course_lib.widgets.toggles import mark_selected

pytestmark = pytest.mark.usefixtures("mongolian_record")


def test_slider_keeps_the_ipywidgets_api_and_clamps():
    s = slider(IntSlider, value=12, min=0, max=10, description="Эрх мэдэл",
               label_width="150px", width="460px")
    assert (s.value, s.description, s.label_width, s.layout.width) == (10, "Эрх мэдэл",
                                                                        "150px", "460px")
    seen = []
    s.observe(lambda c: seen.append(c["new"]), names="value")
    s.value = -3
    assert s.value == 0 and seen == [0]
    f = slider(FloatSlider, value=0.25, min=0.0, max=1.5, step=0.05, description="x")
    assert f.value == 0.25 and isinstance(f.value, float)
    # the front end is shipped with the package: a label names a native range input
    assert "input.type = \"range\"" in f._esm and "label.htmlFor = id" in f._esm
    assert "min-width: 200px" in f._css


def test_a_slider_opens_with_its_value_and_a_shared_layout():
    """Issue 20 point 8: the value is in the comm open (no update after it) and sliders of one
    width share one Layout model."""
    sent = []
    real = W.Widget.send_state
    # an update once the model is open (before it, send_state sends nothing)
    W.Widget.send_state = lambda self, key=None: (
        self.comm is not None and sent.append((self, key))) or real(self, key)
    try:
        a = slider(IntSlider, value=7, min=0, max=10, description="a", width="460px")
        b = slider(IntSlider, value=99, min=0, max=10, description="b", width="460px")
    finally:
        W.Widget.send_state = real
    assert (a.value, b.value) == (7, 10)  # clamped into min..max, as when set after
    assert a.layout is b.layout and a.layout.width == "460px"
    assert [key for widget, key in sent if widget in (a, b)] == []


def test_every_exploration_slider_is_the_named_course_slider():
    for name in available():
        found = []

        def walk(w, found=found, name=name):
            if isinstance(w, W.FloatSlider | W.IntSlider):
                found.append(("stock", w.description))
            if isinstance(w, _Slider):
                assert w.description.strip(), name  # its accessible name
                found.append(("course", w.description))
            for child in getattr(w, "children", ()):
                walk(child)

        walk(cl.explore(name))
        assert [f for f in found if f[0] == "stock"] == [], name


def test_selected_toggle_carries_the_check_icon():
    toggle = make(W.ToggleButtons, options=[("Тийм", "yes"), ("Үгүй", "no")], value=None)
    assert list(toggle.icons) == ["", ""]
    toggle.value = "no"
    assert list(toggle.icons) == ["", "check"]
    toggle.value = "yes"
    assert list(toggle.icons) == ["check", ""]
    plain = mark_selected(W.ToggleButtons(options=["a", "b", "c"], value="c"))
    assert list(plain.icons) == ["", "", "check"]
    assert toggle.value == "yes"  # marking never changes the answer


def test_cartesian_figures_grow_their_margins_to_their_labels():
    spec = Figure(layout={"xaxis": {"side": "top"}}).add("heatmap", z=[[1]]).to_json()
    assert spec["layout"]["xaxis"]["automargin"] and spec["layout"]["yaxis"]["automargin"]
    polar = Figure().add("scatterpolar", r=[1], theta=["a"]).to_json()
    assert "xaxis" not in polar["layout"]  # no empty cartesian axes drawn under a radar
    for name in available():
        fig = getattr(cl.explore(name), "figure", None)
        if fig is not None:
            layout = fig.to_json()["layout"]
            axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
            assert all(a.get("automargin") for a in axes), name


def test_sliders_start_inside_a_class_not_on_its_line():
    mapper = cl.explore("stakeholders")
    for value in (mapper.power.value, mapper.interest.value):
        assert value != stakeholder_grid.MIDPOINT
    assert cl.explore("supporters").influence.value != supporters.MIDPOINT
