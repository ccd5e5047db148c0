"""What every exploration shares: the one-line status under its controls, its labelled sliders,
and its plan rows read and written through ``plan_data`` (the field's declared kind), never by
hand-made JSON."""

from __future__ import annotations

import ipywidgets as widgets

from ..content import plan_data
from ..i18n import t
from ..record import store as record
from ..widgets.shared_models import FIT, make

OK_COLOUR, ERROR_COLOUR = "#1b5e20", "#b71c1c"
# marks DejaVu has (no emoji font on many training PCs or in headless Chromium); a mark is
# never the only sign: a word says right or wrong beside it
OK_MARK, WRONG_MARK, WARN_MARK = "✔", "✘", "⚠"


def status(text: str, ok: bool = True) -> str:
    """The coloured one-line HTML an exploration shows after a save or a refused input."""
    colour = OK_COLOUR if ok else ERROR_COLOUR
    return f"<div style='color:{colour}'>{OK_MARK if ok else WARN_MARK} {text}</div>"


def action(label_key: str, icon: str, on_click, *, style: str = "primary", plot: bool = True,
           layout: dict = FIT):
    """An exploration's button (labelled from the catalogue, as wide as its label, wired to
    ``on_click()``), the status line under it and, with ``plot``, the output its figure goes to:
    (button, message, plot or None). ``layout``: ALONE (shared_models) for a button that stands
    in a column without being stretched to its width."""
    button = make(widgets.Button, description=t(label_key), button_style=style, icon=icon,
                  layout=layout)
    button.on_click(lambda _: on_click())
    return button, make(widgets.HTML), make(widgets.Output) if plot else None


def verdict(ok: bool) -> str:
    """Right or wrong in words, with its mark: «✔ Зөв» / «✘ Буруу»."""
    return f"{OK_MARK if ok else WRONG_MARK} {t('explore.right' if ok else 'explore.wrong')}"


def _field(plan_key: str) -> plan_data.PlanField:
    field = plan_data.plan_field(plan_key)
    if field is None or field.kind != "table":
        raise KeyError(f"{plan_key} is not a table field in data/plan/")  # a course bug, not input
    return field


def load_rows(plan_key: str) -> list[dict]:
    """The rows saved under a table field; [] for nothing saved or a damaged value."""
    return plan_data.table_rows(_field(plan_key), record.plan_load(plan_key) or "")


def save_rows(plan_key: str, rows: list[dict]) -> bool:
    """Store the rows as the table field's value; False when the record could not be written."""
    return record.plan_save(plan_key, plan_data.encode(_field(plan_key), rows))


def load_keyed(plan_key: str, allowed, value_field: str) -> dict[str, str]:
    """id -> value from rows keyed by id ({"id": ..., <value_field>: ...})."""
    return {
        r["id"]: str(r[value_field])
        for r in load_rows(plan_key)
        if r.get("id") in allowed and value_field in r
    }


def remember(name: str, controls: dict) -> None:
    """Reopen ``controls`` (control name -> widget) as the trainee left them, and keep each
    change in the record (``record/explore_state.py``) under exploration ``name``. Call it
    before observing the controls: restoring then costs no redraws."""
    from traitlets import TraitError

    from ..record.explore_state import load_state, save_state

    for key, value in load_state(name).items():
        if key in controls:
            try:
                controls[key].value = value
            except (TraitError, TypeError, ValueError):  # the control changed since: default
                pass

    def keep(_change=None) -> None:
        save_state(name, {key: control.value for key, control in controls.items()})

    for control in controls.values():
        control.observe(keep, names="value")


def slider(
    label_key: str,
    value: float,
    lo: float,
    hi: float,
    step: float,
    *,
    label_width: str,
    width: str,
    kind=None,
    **extra,
):
    """A slider labelled from the catalogue; every exploration's sliders are built here so
    that their size and accessible name are set in one place (``widgets/slider.py``);
    ``kind`` defaults to its FloatSlider."""
    # imported here: the slider is an anywidget, whose import (psygnal with it) only the
    # explorations that show a slider should pay
    from ..widgets.slider import FloatSlider
    from ..widgets.slider import slider as make_slider

    return make_slider(kind or FloatSlider, value=value, min=lo, max=hi, step=step,
                       description=t(label_key), label_width=label_width, width=width, **extra)
