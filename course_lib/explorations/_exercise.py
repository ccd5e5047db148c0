"""What the checked exercises (m01 criteria, m04 challenges) share: a change clears the last
verdict, and reopening replays the last stored check without storing it again."""

from __future__ import annotations


class CheckedExercise:
    """Mixin for a widget with ``checked``, ``feedback``, ``_redraw()`` and ``check(store=)``."""

    _restoring = False

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
