"""Shared shape of the 05–09 mappers: inputs, an Add button, a list of rows, a plot, a plan key.

The stakeholder mapper, the force field and the supporters map all let the learner add
rows and see them plotted; the first and last keep them in an action-plan table. Only the
inputs, the row check and the figure differ, so each subclass supplies those.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..i18n import t
from ..widgets.shared_models import ALONE, FIT, Brief, make
from ._base import action, load_rows, remember, save_rows, status
from ._draw import draw

if TYPE_CHECKING:
    from ..widgets.slider import IntSlider

MAX_NAME = 60
MAX_ROWS = 30
LABEL = {"description_width": "150px"}  # one label column, so the inputs line up


def field(widget_cls: type, **kwargs) -> widgets.Widget:
    """An input of the mapper's form, its label in the shared label column."""
    return make(widget_cls, style=LABEL, **kwargs)


def text_field(key: str, width: str = "420px") -> widgets.Text:
    """The form's text input: label ``explore.<key>`` and its hint ``explore.<key>_hint``."""
    return field(widgets.Text, description=t(f"explore.{key}"),
                 placeholder=t(f"explore.{key}_hint"), layout={"width": width})


def scale(description: str, value: int, low: int, high: int) -> IntSlider:
    """A whole-number slider of the form: label in the label column, a track of 250 px."""
    # imported here, as in _base.slider: not every exploration on these rows shows a scale
    from ..widgets.slider import IntSlider
    from ..widgets.slider import slider as make_slider

    return make_slider(IntSlider, value=value, min=low, max=high, description=description,
                       label_width=LABEL["description_width"], width="460px")


def grouped_summary(groups: dict, prefix: str, name: str, advice: str, intro: str = "") -> str:
    """The list under a map: per group with people in it, the group's name (``explore.<prefix>.
    <name>.<group>``), who (escaped: trainee text) and what to do (``...<advice>.<group>``)."""
    if not any(groups.values()):
        return f"<p><i>{t(f'explore.{prefix}.empty')}</i></p>"
    items = "".join(
        f"<li><b>{t(f'explore.{prefix}.{name}.{g}')}</b> "
        f"({', '.join(html.escape(n) for n in names)}): {t(f'explore.{prefix}.{advice}.{g}')}</li>"
        for g, names in groups.items() if names)
    return (f"<p>{intro}</p>" if intro else "") + f"<ul>{items}</ul>"


class InputError(ValueError):
    """Bad learner input; carries a catalogue key so the message is localised."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key, self.fields = key, fields


def clean_name(value) -> str:
    """A stripped, non-empty name of reasonable length, or InputError."""
    name = " ".join(str(value or "").split())
    if not name:
        raise InputError("explore.rows.error.empty_name")
    if len(name) > MAX_NAME:
        raise InputError("explore.rows.error.long_name", n=MAX_NAME)
    return name


def in_range(value, low: float, high: float, label_key: str) -> int:
    """A whole number within [low, high], or InputError naming the field."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError("explore.rows.error.not_number", field=t(label_key)) from None
    if not math.isfinite(number) or number != int(number):  # scales have whole steps only
        raise InputError("explore.rows.error.whole", field=t(label_key))
    if not low <= number <= high:
        raise InputError(
            "explore.rows.error.range", field=t(label_key), low=f"{low:g}", high=f"{high:g}"
        )
    return int(number)


class RowsExplorer(Brief, widgets.VBox):
    """Inputs + Add/Remove + plot + summary; rows saved as JSON under ``plan_key`` if it is set."""

    plan_key: str | None = None

    def __init__(self, plan_key: str | None = None, load: bool = True):
        super().__init__()
        self.plan_key = plan_key or self.plan_key
        self.rows: list[dict] = []
        self.figure = None
        self.saved = False
        self.add_button, self.message, self.plot = action("explore.rows.add", "plus",
                                                          self.add_from_inputs, layout=ALONE)
        self.summary = make(widgets.HTML)
        self.remove_choice = make(
            widgets.Dropdown, description=t("explore.rows.remove_which"), options=[]
        )
        self.remove_button = make(
            widgets.Button, description=t("explore.rows.remove"), icon="trash", layout=FIT
        )
        self.remove_button.on_click(lambda _: self.remove(self.remove_choice.value))
        if load and self.plan_key:
            self.rows = self._load()
        inputs = self.input_rows()
        if load:  # what was typed or set but not yet added comes back as left
            remember(f"inputs.{self.plan_key or type(self).__name__}",
                     {str(n): w for n, w in enumerate(inputs)})
        self.children = [
            *inputs,
            self.add_button,  # ALONE: as wide as its label with no HBox of its own around it
            self.message,
            self.plot,
            self.summary,
            make(widgets.HBox, children=[self.remove_choice, self.remove_button]),
        ]
        self.refresh()

    # --- what a subclass supplies -------------------------------------------------------
    def input_rows(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def read_inputs(self) -> dict:
        raise NotImplementedError

    def check(self, row: dict) -> dict:
        """Validate and normalise one row (raise InputError)."""
        raise NotImplementedError

    def make_figure(self):
        raise NotImplementedError

    def summary_html(self) -> str:
        return ""

    def rows_to_save(self) -> list[dict]:
        return self.rows

    # --- the shared behaviour ---------------------------------------------------------------
    def add_from_inputs(self) -> bool:
        return self.add(**self.read_inputs())

    def add(self, **row) -> bool:
        """Check a row, add (or replace the same name), redraw and save; False on bad input."""
        try:
            clean = self.check(row)
        except InputError as exc:
            self.say(t(exc.key, **exc.fields), ok=False)
            return False
        replaced = any(r["name"] == clean["name"] for r in self.rows)
        if not replaced and len(self.rows) >= MAX_ROWS:
            self.say(t("explore.rows.error.too_many", n=MAX_ROWS), ok=False)
            return False
        self.rows = [r for r in self.rows if r["name"] != clean["name"]] + [clean]
        self.refresh()
        self.save()
        key = "explore.rows.replaced" if replaced else "explore.rows.added"
        self.say(t(key, name=html.escape(clean["name"])) + self.saved_note(), ok=self.saved)
        return True

    def remove(self, name) -> bool:
        if not name or all(r["name"] != name for r in self.rows):
            self.say(t("explore.rows.error.nothing_to_remove"), ok=False)
            return False
        self.rows = [r for r in self.rows if r["name"] != name]
        self.refresh()
        self.save()
        self.say(
            t("explore.rows.removed", name=html.escape(name)) + self.saved_note(), ok=self.saved
        )
        return True

    def refresh(self) -> None:
        self.figure = self.make_figure()
        draw(self.plot, self.figure)
        self.summary.value = self.summary_html()
        self.remove_choice.options = [r["name"] for r in self.rows]

    def save(self) -> None:
        if not self.plan_key:
            self.saved = True  # nothing to keep: this exploration lives in the notebook only
            return
        rows = self.rows_to_save()
        self.saved = save_rows(self.plan_key, rows)

    def saved_note(self) -> str:
        if not self.plan_key:
            return ""
        return " " + (t("explore.rows.saved") if self.saved else t("explore.rows.not_saved"))

    def say(self, text: str, ok: bool = True) -> None:
        self.message.value = status(text, ok)

    def _load(self) -> list[dict]:
        """Rows saved earlier; anything unreadable is ignored rather than shown as an error."""
        rows = []
        for raw in load_rows(self.plan_key):
            try:
                rows.append(self.check(raw))
            except (InputError, TypeError, KeyError, AttributeError):
                continue
        return rows
