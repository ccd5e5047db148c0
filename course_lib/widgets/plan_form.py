"""``cl.plan_form("m01")``: a module's part of the action plan, bound to the learner record.

Each field is saved as the trainee types: a change (re)starts a short timer and the save
runs when typing pauses (debounce), so a keystroke never waits for the disk. The Save button
saves at once, and pending saves are flushed when the kernel exits. Stock ipywidgets cannot
see a blur event; with ``continuous_update`` every keystroke reaches the kernel, so the
timer covers it. Values come back from the record when the notebook is reopened.
"""

from __future__ import annotations

import atexit
import html
import threading
import weakref

import ipywidgets as widgets

from ..content import plan_data
from ..content.loading import ContentError
from ..i18n import t
from ..record import store as record
from .links import follow_record
from .page_style import style_tag
from .plan_table import TableEditor
from .shared_models import FIT, Brief, make

DEBOUNCE_S = 1.0
_live_forms: weakref.WeakSet = weakref.WeakSet()


class Debouncer:
    """Run ``action`` once, ``delay`` seconds after the last ``schedule()``."""

    def __init__(self, action, delay: float = DEBOUNCE_S):
        self.action, self.delay = action, delay
        self.timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def schedule(self) -> None:
        with self._lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.delay, self.action)
            self.timer.daemon = True
            self.timer.start()

    def cancel(self) -> None:
        with self._lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None


def _input_for(field: plan_data.PlanField, value):
    """The widget for one field kind, holding ``value`` (already decoded)."""
    layout = {"width": "98%"}
    if field.kind == "text":
        return make(widgets.Textarea, value=value or "", continuous_update=True,
                    layout={**layout, "height": "80px"})
    if field.kind == "list":  # one item per line: the simplest list editor there is
        return make(widgets.Textarea, value="\n".join(value or []), continuous_update=True,
                    placeholder=t("plan.form.list_hint"), layout={**layout, "height": "90px"})
    if field.kind == "rating":
        options = [str(n) for n in range(1, field.scale + 1)]
        return make(widgets.ToggleButtons, options=options,
                    value=str(value) if str(value) in options else None,
                    style={"button_width": "48px"})
    if field.kind == "choice":
        options = [(field.option_text(o["id"]), o["id"]) for o in field.options]
        ids = [o["id"] for o in field.options]
        return make(widgets.RadioButtons, options=options,
                    value=value if value in ids else None, layout=layout)
    return TableEditor(field, value or [])


def _choices(widget) -> list:
    return [o[1] if isinstance(o, tuple) else o for o in widget.options]


def _value_of(field: plan_data.PlanField, widget):
    if field.kind == "list":
        return [line.strip() for line in widget.value.splitlines() if line.strip()]
    if field.kind == "table":
        return widget.rows()
    return widget.value


class PlanForm(Brief, widgets.VBox):
    """One module's plan fields with autosave and a status line."""

    def __init__(self, part: plan_data.PlanPart, delay: float = DEBOUNCE_S):
        super().__init__()
        self.part = part
        self.db = record.db_path()  # the record this form was loaded from
        self.inputs: dict[str, widgets.Widget] = {}
        self.dirty: set[str] = set()
        self._quiet: set[str] = set()  # fields being shown from the record (not to be saved)
        self._saving: set[str] = set()  # fields being written now
        self._lock = threading.Lock()
        self.debouncer = Debouncer(self.save_pending, delay)
        self.status = make(widgets.HTML)
        self.status.add_class("cl-plan-status")
        self.previews: dict[str, widgets.HTML] = {}
        self._preview_heads: dict[str, str] = {}  # the text a preview's HTML starts with
        self._tails: dict[widgets.HTML, str] = {}  # and the text it ends with
        self.save_button = make(widgets.Button, description=t("plan.form.save"), icon="save",
                                layout=FIT)
        self.save_button.on_click(lambda _: self.save_now())
        # text that follows text (the heading, the intro, a field's label, an exploration's
        # preview) goes into one HTML: one comm open where there were two to four. The page
        # rules ride with the heading: plan fields in the page's font (page_style.py)
        children = []
        text = f"<h3>{html.escape(part.title())}</h3>{style_tag()}"
        if part.intro():
            text += f"<p>{html.escape(part.intro())}</p>"
        problems, last_preview = [], None
        for field in part.fields:
            # a <div>: the label starts its own line, as it did in an HTML of its own
            text += (f"<div><b>{html.escape(field.label())}</b>"
                     + (f"<br><i>{html.escape(field.help())}</i>" if field.help() else "")
                     + "</div>")
            if field.filled_by:  # previews in a row share one HTML too
                if not (children and children[-1] is self.previews.get(last_preview)):
                    children.append(make(widgets.HTML))
                    self._tails[children[-1]] = ""  # the next field's label, if it follows
                self.previews[field.key] = children[-1]
                self._preview_heads[field.key], text, last_preview = text, "", field.key
                continue
            stored = record.plan_load(field.key)
            try:
                value = plan_data.decode(field, stored)
            except ValueError:
                value, problems = None, [*problems, field.label()]
            widget = _input_for(field, value)
            self.inputs[field.key] = widget
            self._watch(field, widget)
            children += [*self._text_after(children, text), widget]
            text = ""
        children += self._text_after(children, text)
        # only explorations' fields here: they save themselves, nothing for a button to do
        children.append(make(widgets.HBox, children=[self.save_button, self.status])
                        if self.inputs else self.status)
        self.children = children
        self.refresh_previews()
        # an exploration's save shows here at once
        follow_record(self, "follow", f"plan_form:{part.module}")
        self.add_class("cl-plan")
        if problems:
            self._say(t("plan.form.unreadable", fields=", ".join(problems)), ok=False)
        _live_forms.add(self)

    def _text_after(self, children: list, text: str) -> list:
        """The HTML for ``text``: none when it is empty or can end the preview before it."""
        if not text:
            return []
        if children and children[-1] in self._tails:
            self._tails[children[-1]] = text
            return []
        return [make(widgets.HTML, value=text)]

    def follow(self) -> None:
        """The record changed (an exploration saved, say): show it in the previews and in
        the clicked fields (rating, choice) this form is not itself about to save. Typed
        fields are left alone: a keystroke must never be overwritten by an older copy."""
        self.refresh_previews()
        for key, widget in self.inputs.items():
            field = plan_data.plan_field(key)
            if field.kind not in ("rating", "choice"):
                continue
            with self._lock:  # decided and shown before a click can queue the field
                if key in self.dirty or key in self._saving:
                    continue
                try:
                    value = plan_data.decode(field, record.plan_load(key))
                except ValueError:
                    continue
                value = None if value in (None, "") else str(value) \
                    if field.kind == "rating" else value
                if value != widget.value and (value is None or value in _choices(widget)):
                    self._quiet.add(key)
                    try:
                        widget.value = value
                    finally:
                        self._quiet.discard(key)

    def refresh_previews(self) -> None:
        """Show what the explorations have saved (they write while this form is open)."""
        from ..record.plan_document import html_payload, render_value

        values: dict[widgets.HTML, str] = {}
        for key, preview in self.previews.items():  # in field order, each after its label
            field = plan_data.plan_field(key)
            shape, payload = render_value(field, record.plan_load(key), None)
            note = t("plan.form.filled_by", name=t(f"explore.{field.filled_by}.exercise"))
            body = html_payload(shape, payload, t("plan.doc.empty"))
            values[preview] = (values.get(preview, "") + self._preview_heads[key]
                               + f"<div><i>{html.escape(note)}</i>{body}</div>")
        for preview, value in values.items():
            preview.value = value + self._tails[preview]

    def _watch(self, field, widget) -> None:
        def changed(*_):
            if field.key in self._quiet:  # shown from the record, not typed: nothing to save
                return
            with self._lock:
                self.dirty.add(field.key)
            self._say(t("plan.form.pending"), ok=True)
            self.debouncer.schedule()

        if isinstance(widget, TableEditor):
            widget.on_change(changed)
        else:
            widget.observe(changed, names="value")

    def value(self, key: str):
        """The current value of a field as the form holds it."""
        field = plan_data.plan_field(key)
        return _value_of(field, self.inputs[key])

    def save_pending(self) -> bool:
        """Write every changed field now; True when all were saved."""
        with self._lock:
            keys, self.dirty = set(self.dirty), set()
            self._saving |= keys  # follow() leaves them alone until they are written
        ok = True
        for key in sorted(keys):
            field = plan_data.plan_field(key)
            try:
                record.save_plan_field(key, plan_data.encode(field, self.value(key)))
            except record.RecordError as exc:
                with self._lock:
                    self.dirty.add(key)  # keep it pending: the next change or Save retries
                self._say(str(exc), ok=False)
                ok = False
            finally:
                with self._lock:
                    self._saving.discard(key)
        if ok and keys:
            self._say(t("plan.form.saved"), ok=True)
        return ok

    def save_now(self) -> bool:
        """Save button: write pending changes at once. Untouched fields are not rewritten, so
        a value an exploration saved meanwhile is never replaced by this form's older copy."""
        self.debouncer.cancel()
        ok = self.save_pending()
        if ok:
            self._say(t("plan.form.saved"), ok=True)
        return ok

    def _say(self, text: str, ok: bool) -> None:
        colour = "#1b5e20" if ok else "#b71c1c"
        self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"


@atexit.register
def _flush_all() -> None:
    """A kernel shut down inside the debounce window still keeps the last keystrokes."""
    for form in list(_live_forms):
        form.debouncer.cancel()
        if form.db == record.db_path():  # never write one record's edits into another
            form.save_pending()


def plan_form(module: str, delay: float = DEBOUNCE_S):
    """The action-plan inputs of ``module`` ("m01"), saved to the learner record as you type.

    Returns a widget; an unknown module gives a short message instead of an error.
    """
    try:
        part = plan_data.plan_part(str(module))
    except ContentError as exc:
        return make(widgets.HTML, value=f"<pre>{html.escape(str(exc))}</pre>")
    if part is None:
        known = ", ".join(p.module for p in plan_data.plan_parts())
        return make(widgets.HTML,
                    value=html.escape(t("plan.form.unknown", module=str(module), known=known)))
    return PlanForm(part, delay)
