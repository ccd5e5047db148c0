"""An add-row / remove-row editor for a table-kind plan field (stock ipywidgets only).

A row is a dict keyed by column id, as the record stores it (JSON list of row dicts): text
columns hold strings, number columns numbers, choice columns an option id ("" when unset).
"""

from __future__ import annotations

import ipywidgets as widgets

from ..i18n import pick, t
from .shared_models import FIT, make

MAX_ROWS = 30  # a plan table longer than this is no longer a plan


def _cell(column: dict, value):
    kind = column.get("kind", "text")
    layout = {"width": "auto", "flex": "1 1 0"}
    if kind == "number":
        low, high = column.get("min", 0), column.get("max", 10)
        try:
            number = min(max(float(value), low), high)
        except (TypeError, ValueError):
            number = low
        return make(widgets.BoundedFloatText, value=number, min=low, max=high, step=1,
                    layout={"width": "90px"})
    if kind == "choice":
        options = [("—", "")] + [(pick(o["text"]), o["id"]) for o in column.get("options", ())]
        ids = [o["id"] for o in column.get("options", ())]
        return make(widgets.Dropdown, options=options,
                    value=str(value) if str(value) in ids else "", layout=layout)
    return make(widgets.Text, value="" if value is None else str(value), continuous_update=True,
                layout=layout)


def _plain(column: dict, widget):
    if column.get("kind") == "number":
        value = float(widget.value)
        return int(value) if value.is_integer() else value
    return widget.value


class TableEditor(widgets.VBox):
    """Rows of cells with a remove button each, and an add-row button under them."""

    def __init__(self, field, rows: list[dict]):
        super().__init__()
        self.columns = list(field.columns)
        self._callbacks = []
        self._rows: list[tuple[widgets.HBox, dict]] = []
        labels = [make(widgets.HTML, value=f"<b>{pick(c['label'])}</b>",
                       layout={"width": "90px"} if c.get("kind") == "number"
                       else {"flex": "1 1 0"}) for c in self.columns]
        # the blank over the rows' remove buttons keeps the labels over their columns
        self.header = make(widgets.HBox,
                           children=[*labels, make(widgets.HTML, layout={"width": "40px"})])
        self.add_button = make(widgets.Button, description=t("plan.form.add_row"), icon="plus",
                               layout=FIT)
        self.add_button.on_click(lambda _: self.add_row())
        for row in rows[:MAX_ROWS]:
            self.add_row(row, notify=False)
        self._layout()

    def on_change(self, callback) -> None:
        self._callbacks.append(callback)

    def _notify(self, *_):
        for callback in self._callbacks:
            callback()

    def add_row(self, row: dict | None = None, notify: bool = True) -> None:
        if len(self._rows) >= MAX_ROWS:
            return
        row = row or {}
        cells = {c["id"]: _cell(c, row.get(c["id"])) for c in self.columns}
        remove = make(widgets.Button, icon="trash", tooltip=t("plan.form.remove_row"),
                      layout={"width": "40px"})
        box = make(widgets.HBox, children=[*cells.values(), remove])
        remove.on_click(lambda _: self.remove_row(box))
        for cell in cells.values():
            cell.observe(self._notify, names="value")
        self._rows.append((box, cells))
        self._layout()
        if notify:
            self._notify()

    def remove_row(self, box) -> None:
        self._rows = [(b, c) for b, c in self._rows if b is not box]
        self._layout()
        self._notify()

    def rows(self) -> list[dict]:
        """The table as row dicts; rows with every cell blank are left out."""
        out = []
        for _, cells in self._rows:
            row = {c["id"]: _plain(c, cells[c["id"]]) for c in self.columns}
            if any(str(row[c["id"]]).strip() for c in self.columns
                   if c.get("kind", "text") != "number"):
                out.append(row)
        return out

    def _layout(self) -> None:
        self.children = [self.header, *(box for box, _ in self._rows), self.add_button]
