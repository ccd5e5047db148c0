"""Which exploration writes which action-plan field, and of what kind.

The explorations read their plan keys from here and the plan's cross-file rule checks data/plan/
against it, so a field whose kind changes in the YAML (a table made text) fails `validate`
instead of an exploration in a notebook.
"""

from __future__ import annotations

# exploration (cl.explore name) -> {plan key: the field kind it reads and writes}
WRITERS: dict[str, dict[str, str]] = {
    "culture": {"m02.trust": "rating", "m02.participation": "rating", "m02.risk": "rating"},
    "coordination": {"m04.coordination": "table"},
    "stakeholders": {"m05.stakeholder_map": "table"},
    "team_climate": {"m06.team_climate": "table"},
    "pitch": {"m07.pitch": "table"},
    "attacks": {"m07.attack_responses": "table"},
    "force_field": {"m08.force_field": "table"},
    "supporters": {"m08.supporters": "table"},
}


def plan_key(exploration: str) -> str:
    """The one table field an exploration keeps its rows in."""
    [key] = WRITERS[exploration]
    return key
