"""Interactive explorations: ``cl.explore("wave")`` shows ``course_lib/explorations/wave.py``.

Each exploration is one file with ``show(**kw)`` returning a widget. ``NAMES`` lists them; each
is a lazy attribute of this package (PEP 562), so a notebook imports only the one it shows.
"""

from __future__ import annotations

import html
import sys
from importlib import import_module

from ..i18n import t

# one per file here; tests/test_explore_01_04.py holds the list equal to the files
NAMES = ("action_plan", "attacks", "challenges", "coordination", "criteria", "culture",
         "diffusion", "force_field", "pitch", "stakeholders", "supporters", "team_climate",
         "wave")


def available() -> list[str]:
    """Names of the explorations shipped with the course."""
    return list(NAMES)


def __getattr__(name: str):
    # PEP 562: `explorations.wave` imports explorations/wave.py on first use
    if name not in NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")


def explore(name: str, **kw):
    """Show the interactive exploration ``name`` (a widget), e.g. ``cl.explore("wave")``.

    An unknown name gives a short message in the learner's language, not a traceback.
    """
    if name not in NAMES:
        import ipywidgets as widgets

        text = t("explore.unknown", name=html.escape(str(name)), names=", ".join(NAMES))
        # tooltip "": ipywidgets' label shows a None tooltip as "null" (shared_models.no_tooltip)
        return widgets.HTML(f"<div class='course-explore-unknown'>⚠ {text}</div>", tooltip="")
    return getattr(sys.modules[__name__], name).show(**kw)
