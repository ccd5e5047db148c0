"""Case cards: ``cl.case("m01.e_mongolia")`` shows a short local case from data/cases/.

Loading and checking are plain Python (used by ``validate``); only ``case`` touches IPython.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..i18n import pick, t
from ..paths import data_dir
from .loading import ContentError, Kind, Problem, UniqueIds, file_module_problems, load_all
from .loading import check_file as _check_content


class CaseError(ValueError):
    """A case file that does not match cases.v1.json or the rules below (names file and field)."""


def semantic_problems(name: str, data: dict) -> list[Problem]:
    """What the schema cannot say: every case id starts with its file's module."""
    prefix = data["module"] + "."
    return [Problem(name, f"id must start with {prefix}", f"case {case['id']}", "id")
            for case in data["cases"] if not case["id"].startswith(prefix)]


def check_file(path: Path) -> list[str]:
    """Every problem in one case file, each naming the file and the field ([] if clean)."""
    return [str(p) for p in _check_content(path, CASES)[1]]


def case_files(root: Path | None = None) -> list[Path]:
    return sorted(((root or data_dir()) / "cases").glob("*.yaml"))


def across_cases(files: dict[str, tuple[Path, dict]]) -> list[Problem]:
    """An NN_ file holds its own module's cases (ids unique: the row's ``ids``)."""
    return [p for name, (path, data) in files.items()
            for p in file_module_problems(name, path, data["module"])]


@lru_cache(maxsize=1)
def all_cases() -> dict[str, dict]:
    """Every case by id, from all files; raises CaseError on a bad file or a duplicate id."""
    try:
        files = load_all(CASES, case_files())
    except ContentError as exc:
        raise CaseError(str(exc)) from None
    return {case["id"]: case for _, data in files.values() for case in data["cases"]}


def card_markdown(case: dict, lang: str | None = None) -> str:
    """The card as markdown in one language."""
    heading = f"### 📋 {t('case.label', lang)}: {pick(case['title'], lang)}"
    parts = [heading, "", pick(case["body"], lang)]
    if case.get("prompt"):
        parts += ["", f"> 🗨 **{t('case.prompt', lang)}** {pick(case['prompt'], lang)}"]
    sources = "; ".join(case["sources"])
    parts += ["", f"<small>{t('case.sources', lang)}: {sources}</small>"]
    return "\n".join(parts)


def case(case_id: str):
    """Show the case card ``case_id`` (e.g. "m01.e_mongolia") in the learner's language."""
    from IPython.display import Markdown

    try:
        found = all_cases().get(case_id)
    except CaseError as exc:
        return Markdown(f"> ⚠ {t('case.broken', error=str(exc))}")
    if found is None:
        return Markdown(f"> ⚠ {t('case.unknown', id=case_id)}")
    return Markdown(card_markdown(found))


CASES = Kind("cases", "cases.v1.json", "cases/*.yaml", "cases", rules=semantic_problems,
             across=across_cases, load=all_cases, ids=UniqueIds("cases", "id", "case"))
