"""The course map: the ten modules listed once, in data/modules.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..i18n import pick
from ..paths import data_dir
from .loading import Kind, Problem, load_content


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
    raw = load_content(data_dir() / "modules.yaml", MODULES)
    return tuple(
        Module(m["id"], m["slug"], m["minutes"], m["title"], m["desc"]) for m in raw["modules"]
    )


def module(module_id: str) -> Module:
    for m in modules():
        if m.id == module_id:
            return m
    raise KeyError(module_id)


def module_problems(name: str, data: dict) -> list[Problem]:
    """What the schema cannot say: every module id once."""
    seen: dict[str, int] = {}
    problems = []
    for index, module in enumerate(data["modules"]):
        if module["id"] in seen:
            problems.append(Problem(name, f"duplicate module id (also #{seen[module['id']] + 1})",
                                    f"module {module['id']}", "id"))
        seen.setdefault(module["id"], index)
    return problems


MODULES = Kind("modules", "modules.v1.json", "modules.yaml", "modules", rules=module_problems,
               load=modules)
