"""Plan fields stored as rows keyed by id ({"id": ..., <value>: ...}), and the save notice."""

from __future__ import annotations

import json

from ..record import store as record


def load_keyed(plan_key: str, allowed, value_field: str) -> dict[str, str]:
    """id -> value from the plan field; {} for nothing saved or a damaged value."""
    try:
        rows = json.loads(record.plan_load(plan_key) or "[]")
        return {r["id"]: str(r[value_field]) for r in rows if r.get("id") in allowed}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def notice(text: str, ok: bool) -> str:
    """The coloured one-line HTML the explorations show after a save."""
    colour = "#1b5e20" if ok else "#b71c1c"
    return f"<div style='color:{colour}'>{'✅' if ok else '⚠️'} {text}</div>"
