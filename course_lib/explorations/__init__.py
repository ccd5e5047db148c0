"""Interactive explorations: ``cl.explore("wave")`` shows ``course_lib/explorations/wave.py``.

Each exploration is one file with ``show(**kw)`` returning a widget; this dispatcher only
finds it by name, so a notebook needs no import beyond ``course_lib``.
"""

from __future__ import annotations

import html
import re
from importlib import import_module
from importlib.util import find_spec

from ..i18n import t

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def available() -> list[str]:
    """Names of the explorations shipped with the course."""
    from pathlib import Path

    here = Path(__file__).parent
    return sorted(p.stem for p in here.glob("*.py") if not p.stem.startswith("_"))


def explore(name: str, **kw):
    """Show the interactive exploration ``name`` (a widget), e.g. ``cl.explore("wave")``.

    An unknown name gives a short message in the learner's language, not a traceback.
    """
    import ipywidgets as widgets

    known = isinstance(name, str) and _NAME.match(name) and find_spec(f"{__name__}.{name}")
    if not known:
        text = t("explore.unknown", name=html.escape(str(name)), names=", ".join(available()))
        return widgets.HTML(f"<div class='course-explore-unknown'>⚠ {text}</div>")
    return import_module(f"{__name__}.{name}").show(**kw)
