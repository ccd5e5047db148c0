"""The small frictions of issue 23.3, without a kernel or a browser (ipywidgets' dummy comm):
no label that hovers "null", an upload button without "(0)", plan fields in the page's font.

What the browser draws from this state is ipywidgets 8.1's own code: a description label sets
``label.title = tooltip`` (so None becomes "null"), and FileUpload prints "description (N)".
The tests hold the state those lines read."""

from __future__ import annotations

import re

import ipywidgets
import pytest
from ipywidgets.widgets.widget import _instances

import course_lib as cl
from course_lib.explorations import NAMES
from course_lib.startup import language_switch
from course_lib.widgets import page_style
from course_lib.widgets.shared_models import make

pytestmark = pytest.mark.usefixtures("mongolian_record")

DESCRIBED = ipywidgets.widget_description.DescriptionWidget


def live_widgets() -> list:
    return list(_instances.values())  # every widget opened (Widget.widgets is deprecated)


@pytest.fixture
def fresh():
    ipywidgets.Widget.close_all()
    yield
    ipywidgets.Widget.close_all()


def null_tooltips(widgets) -> list[str]:
    """Every described widget whose page label would carry title="null"."""
    return [f"{type(w).__name__} {str(getattr(w, 'value', ''))[:40]!r}" for w in widgets
            if isinstance(w, DESCRIBED) and w.get_state()["tooltip"] is None]


@pytest.mark.parametrize("build", [
    lambda: cl.quiz("m01"),
    lambda: cl.quiz("m05"),
    lambda: cl.plan_form("m05"),
    lambda: cl.plan_form("m09"),
    lambda: cl.progress_panel(),
    lambda: cl.quiz("m42"),  # the notice in place of an unknown quiz
    lambda: cl.explore("no_such_exploration"),
    lambda: language_switch(),  # what setup shows first in every notebook
], ids=["quiz-m01", "quiz-m05", "plan-m05", "plan-m09", "progress", "quiz-unknown",
        "explore-unknown", "language-switch"])
def test_no_label_hovers_null(fresh, build):
    build()
    built = live_widgets()
    assert any(isinstance(w, DESCRIBED) for w in built)
    assert null_tooltips(built) == []


@pytest.mark.parametrize("name", NAMES)
def test_no_exploration_label_hovers_null(fresh, name):
    cl.explore(name)
    assert null_tooltips(live_widgets()) == []


def test_the_null_check_catches_a_default_widget(fresh):
    ipywidgets.HTML("plain")  # made without the course's make(): the default None
    assert len(null_tooltips(live_widgets())) == 1


def test_a_button_keeps_its_description_as_hover_text(fresh):
    """ButtonView shows ``tooltip ?? description``: None is right for a Button."""
    button = make(ipywidgets.Button, description="Шалгах")
    assert button.tooltip is None


def styles_in(widgets) -> str:
    return " ".join(w.value for w in widgets if isinstance(w, ipywidgets.HTML)
                    and "<style>" in w.value)


def test_upload_button_reads_its_label_without_the_count(fresh):
    panel = cl.progress_panel()
    upload = panel.upload
    assert upload.description == "Ахиц оруулах" and upload.tooltip == "Ахиц оруулах"
    assert "cl-upload" in upload._dom_classes
    css = styles_in(live_widgets())
    # the button's own text ("Ахиц оруулах (0)") is drawn at size 0, its title after it
    assert re.search(r"\.cl-upload \{ font-size: 0 !important; \}", css)
    assert re.search(r"\.cl-upload::after \{[^}]*content: attr\(title\)", css)
    cl.set_language("en")
    assert cl.progress_panel().upload.tooltip == "Upload progress"


def test_plan_fields_use_the_pages_font_not_monospace(fresh):
    form = cl.plan_form("m01")
    assert "cl-plan" in form._dom_classes
    assert any(isinstance(w, ipywidgets.Textarea) for w in form.inputs.values())
    css = styles_in(form.children)
    rule = re.search(r"\.cl-plan textarea,\s*\.cl-plan-text textarea \{([^}]*)\}", css)
    assert rule and "font-family" in rule.group(1) and "monospace" not in rule.group(1)
    assert "sans-serif" in rule.group(1)


@pytest.mark.parametrize("name, attr", [("pitch", "texts"), ("attacks", "answers")])
def test_plan_texts_in_explorations_use_the_pages_font(fresh, name, attr):
    widget = cl.explore(name)
    areas = list(getattr(widget, attr).values())
    assert areas and all("cl-plan-text" in a._dom_classes for a in areas)
    assert ".cl-plan-text textarea" in styles_in(live_widgets())


def test_page_css_reaches_the_page_without_comments():
    css = page_style.page_css()
    assert "/*" not in css and "\n" not in css
    assert page_style.style_tag() == f"<style>{css}</style>"
