"""What the checked exercises (m01 criteria, m04 challenges) share: one layout (controls, a
"Check" button, the figure, the feedback), a change clears the last verdict, and reopening
replays the last stored check without storing it again."""

from __future__ import annotations

import ipywidgets as widgets

from ..widgets.shared_models import FIT, make


class CheckedExercise:
    """Mixin for a ``widgets.VBox`` that defines ``_redraw()``, ``_restore()`` and
    ``check(store=)``; its ``__init__`` builds its rows, then calls ``_assemble``."""

    _restoring = False
    figure = None
    checked = False

    def _assemble(self, rows: list, check_label: str) -> None:
        """Lay out ``rows`` above the Check button, the figure and the feedback; show the last
        stored check if there is one, else the unchecked figure."""
        self.button = make(
            widgets.Button, description=check_label, button_style="primary", icon="check",
            layout=FIT,
        )
        self.button.add_class("cl-explore-check")
        self.button.on_click(lambda _: self.check())
        self.plot = make(widgets.Output)
        self.feedback = make(widgets.HTML)
        self.children = [*rows, self.button, self.plot, self.feedback]
        if not self._restore():
            self._redraw()

    def _changed(self, _change=None) -> None:
        if self._restoring:
            return
        self.checked = False
        self.feedback.value = ""
        self._redraw()

    def _replay(self, apply) -> bool:
        """Set the controls with ``apply()`` (one redraw at the end, not one per control),
        then show the verdict of that stored check."""
        self._restoring = True
        try:
            apply()
        finally:
            self._restoring = False
        self.check(store=False)
        return True
