"""Stock widgets that share their Layout and Style models when those never change.

Every stock DOMWidget otherwise opens its own Layout model and, most of them, its own Style
model: three models, three comm messages, where one widget is wanted. A module's quizzes,
explorations and plan fields opened about 300 models, two thirds of them identical Layouts
and Styles, and in a kernel each model costs about 1.5 ms to open and sync to the page
(bench/course_exec.py). Sharing is what ipywidgets documents for identical layouts.

A widget that later changes its own layout or style must be given a model of its own: never
mutate a shared one.
"""

from __future__ import annotations

import ipywidgets as W

FIT = {"width": "auto"}  # a button as wide as its label: Mongolian labels are long
# the same for a button straight in a VBox (no HBox of its own around it): a column stretches
# its children to its width unless a child sets its own alignment
ALONE = {"width": "auto", "align_self": "flex-start"}
_models: dict[tuple, W.Widget] = {}


class Brief:
    """A short ``repr`` for a composite widget (a mixin, listed before its Box class).

    A displayed widget's text/plain is ``repr(widget)``, which ipywidgets builds from every
    child's every key, recursively, and then cuts to 110 characters: 0.3-0.6 ms a question or
    an exploration and ~4 ms a module quiz, in every cell that shows one, for text no page
    shows (the widget view is drawn instead). An export without widget state shows the name.
    """

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def shared(model_cls: type, **props) -> W.Widget:
    """The one ``model_cls`` (a Layout or a Style class) with exactly these properties."""
    key = (model_cls, tuple(sorted(props.items())))
    model = _models.get(key)
    if model is None or model.comm is None:  # closed (tests close every widget): open anew
        model = _models[key] = model_cls(**props)
    return model


def no_tooltip(widget_cls: type) -> str | None:
    """The ``tooltip`` that shows none: "" for a described widget, None (the default) else.

    ipywidgets 8.1's description label sets ``label.title = tooltip``, and the DOM writes
    null as the text "null": every HTML, RadioButtons or ToggleButtons left with the default
    showed "null" on hover (45-50 labels a module). A Button keeps None, which its view
    replaces by the description.
    """
    return "" if issubclass(widget_cls, W.widget_description.DescriptionWidget) else None


def make(widget_cls: type, *, classes: tuple[str, ...] = (), layout: dict | W.Layout | None = None,
         style: dict | None = None, **kwargs) -> W.Widget:
    """``widget_cls(**kwargs)`` with shared Layout/Style models and its CSS classes.

    ``layout`` and ``style`` are property dicts (shared models are looked up by them); a
    ``W.Layout`` instance is used as given, for a widget that will change it. ``classes`` are
    set at construction, which saves the update message ``add_class`` would send.
    """
    kwargs["layout"] = layout if isinstance(layout, W.Layout) else shared(W.Layout,
                                                                          **(layout or {}))
    style_trait = widget_cls.class_traits().get("style")
    if style_trait is not None:
        kwargs["style"] = shared(style_trait.klass, **(style or {}))
    if classes:
        kwargs["_dom_classes"] = tuple(classes)
    kwargs.setdefault("tooltip", no_tooltip(widget_cls))
    widget = widget_cls(**kwargs)
    if isinstance(widget, W.ToggleButtons):
        from .toggles import mark_selected  # every course toggle shows its selection plainly

        mark_selected(widget)
    return widget
