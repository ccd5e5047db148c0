"""Shared Layout/Style models: one model per property set, never shared where it changes."""

from __future__ import annotations

import ipywidgets as W
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_style import Style

import course_lib as cl
from course_lib.content import bank
from course_lib.widgets.quiz import question_widget
from course_lib.widgets.shared_models import make, shared


def test_same_properties_share_one_model_and_different_ones_do_not():
    a = make(W.HTML, value="a", layout={"width": "auto"})
    b = make(W.HTML, value="b", layout={"width": "auto"})
    c = make(W.HTML, value="c", layout={"width": "50%"})
    assert a.layout is b.layout and a.layout is not c.layout
    assert a.style is b.style  # the HTML style model is shared too
    assert type(make(W.Button).style).__name__ == "ButtonStyle"  # each widget's own style class


def test_classes_are_set_at_construction():
    assert make(W.HTML, classes=("cl-feedback",))._dom_classes == ("cl-feedback",)


def test_a_closed_shared_model_is_replaced_not_reused():
    first = shared(W.Layout, width="12px")
    first.close()
    again = shared(W.Layout, width="12px")
    assert again is not first and again.comm is not None


def test_a_given_layout_is_kept_for_widgets_that_change_it():
    own = W.Layout(display="none")
    assert make(W.Button, layout=own).layout is own


def test_check_turning_into_retry_leaves_the_shared_layout_alone():
    # the one button changes its face (description, icon, class), never its Layout
    first, second = (question_widget(q) for q in bank.load_questions("m01")[:2])
    layout = dict(first.button.layout.get_state())
    first.result = first.question.check(None)  # a result turns this box's button into Retry
    assert first.button._dom_classes == ("cl-retry",)
    assert second.button._dom_classes == ("cl-check",)
    assert first.button.layout is second.button.layout
    assert dict(first.button.layout.get_state()) == layout


def test_a_module_quiz_opens_far_fewer_models_than_widgets():
    before = set(_instances)
    questions = len(bank.load_questions("m02"))
    cl.quiz("m02")
    opened = [_instances[k] for k in set(_instances) - before]
    looks = [w for w in opened if isinstance(w, W.Layout | Style)]
    # a few shared ones, none of a question's own; unshared, every widget here would bring a
    # Layout and most a Style as well
    assert len(looks) <= 8
    assert len(opened) - len(looks) > 5 * questions


def test_composite_widgets_show_a_short_text_and_still_their_view():
    # repr(widget) is the text/plain of every cell that shows one: a name, not every child's
    # every key (ipywidgets would build all of it, then cut it to 110 characters)
    box = question_widget(bank.load_questions("m01")[0])
    assert repr(box) == f"{type(box).__name__}()"
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"] == repr(box)
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
    assert repr(cl.quiz("m01")) == "ModuleQuiz()" and repr(cl.plan_form("m01")) == "PlanForm()"
    assert repr(cl.explore("stakeholders")) == "StakeholderMapper()"
