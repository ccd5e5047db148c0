"""Answer keys of the checked explorations, from data/exercises.yaml (schema exercises.v1.json).

Keys are content: an instructor who adapts a case edits the YAML, not the figure code.
"""

from __future__ import annotations

from functools import lru_cache

from ..paths import data_dir
from .loading import Kind, Problem, load_content

CRITERIA = ("novelty", "implementation", "impact")  # the order of the module 01 checkboxes


@lru_cache(maxsize=1)
def _keys() -> dict:
    return load_content(data_dir() / "exercises.yaml", EXERCISES)


def criteria_key() -> dict[str, tuple[bool, bool, bool]]:
    """Module 01: case id -> the reference marks (novelty, implementation, impact)."""
    return {cid: tuple(marks[c] for c in CRITERIA) for cid, marks in _keys()["criteria"].items()}


def challenge_key() -> dict[str, str]:
    """Module 04: challenge id -> "technical" or "adaptive"."""
    return dict(_keys()["challenges"])


# locale keys every id needs, so that a key edited in the YAML never shows a raw id to a trainee
TEXT_KEYS = {
    "criteria": ("explore.criteria.case.{id}", "explore.criteria.case.{id}.text",
                 "explore.criteria.case.{id}.why"),
    "challenges": ("explore.challenges.ch.{id}", "explore.challenges.short.{id}",
                   "explore.challenges.why.{id}"),
}


def semantic_problems(name: str, data: dict) -> list[Problem]:
    """What the schema cannot say: every case and challenge has its texts in the catalogue."""
    from ..i18n import catalogue

    known = catalogue()
    return [Problem(name, f"no text {pattern.format(id=item)!r} in data/locale/", part, item)
            for part, patterns in TEXT_KEYS.items() for item in data[part]
            for pattern in patterns if pattern.format(id=item) not in known]


EXERCISES = Kind("exercises", "exercises.v1.json", "exercises.yaml", "criteria",
                 rules=semantic_problems, load=_keys)
