"""The course map: the ten modules listed once, in data/modules.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..i18n import pick
from ..paths import data_dir


@dataclass(frozen=True)
class Module:
    id: str
    slug: str
    minutes: int
    title_texts: dict
    desc_texts: dict

    @property
    def number(self) -> str:
        return self.id[1:]

    @property
    def notebook(self) -> str:
        return f"{self.number}_{self.slug}.ipynb"

    def title(self, lang: str | None = None) -> str:
        return pick(self.title_texts, lang)

    def desc(self, lang: str | None = None) -> str:
        return pick(self.desc_texts, lang)


@lru_cache(maxsize=1)
def modules() -> tuple[Module, ...]:
    """Every module of the course, in order."""
    raw = yaml.safe_load((data_dir() / "modules.yaml").read_text(encoding="utf-8"))
    return tuple(
        Module(m["id"], m["slug"], m["minutes"], m["title"], m["desc"]) for m in raw["modules"]
    )


def module(module_id: str) -> Module:
    for m in modules():
        if m.id == module_id:
            return m
    raise KeyError(module_id)
