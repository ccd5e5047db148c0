"""Case cards: ``cl.case("m01.e_mongolia")`` shows a short local case from data/cases/.

Loading and checking are plain Python (used by ``validate``); only ``case`` touches IPython.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

from ..i18n import pick, t
from ..paths import data_dir, schema_path

# libyaml's safe loader when present (several times faster), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CaseError(ValueError):
    """A case file that does not match cases.v1.json (message names file and field)."""


@lru_cache(maxsize=1)
def _validator():
    from .loading import _import_jsonschema  # skips a slow optional import (see there)

    schema = json.loads(schema_path("cases.v1.json").read_text(encoding="utf-8"))
    return _import_jsonschema().Draft202012Validator(schema)


def check_file(path: Path) -> list[str]:
    """Every problem in one case file, each naming the file and the field ([] if clean)."""
    return _read_checked(path)[1]


def _read_checked(path: Path) -> tuple[dict | None, list[str]]:
    """The file's data and its problems, from one read and one parse."""
    from .loading import is_recorded

    try:
        raw = Path(path).read_bytes()
        data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [f"{Path(path).name}: cannot read: {exc}"]
    problems = []
    # bytes `validate` recorded passed this schema: no need to import jsonschema for them
    errors = [] if is_recorded("cases", raw) else _validator().iter_errors(data)
    for err in sorted(errors, key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        problems.append(f"{Path(path).name}: {where}: {err.message}")
    if problems:
        return data, problems
    for case in data["cases"]:
        if not case["id"].startswith(data["module"] + "."):
            prefix = data["module"] + "."
            problems.append(f"{Path(path).name}: {case['id']}: id must start with {prefix}")
    return data, problems


def case_files(root: Path | None = None) -> list[Path]:
    return sorted(((root or data_dir()) / "cases").glob("*.yaml"))


@lru_cache(maxsize=1)
def all_cases() -> dict[str, dict]:
    """Every case by id, from all files; raises CaseError on a bad file or a duplicate id."""
    cases: dict[str, dict] = {}
    for path in case_files():
        data, problems = _read_checked(path)
        if problems:
            raise CaseError("; ".join(problems))
        for case in data["cases"]:
            if case["id"] in cases:
                raise CaseError(f"{path.name}: {case['id']}: duplicate case id")
            cases[case["id"]] = case
    return cases


def card_markdown(case: dict, lang: str | None = None) -> str:
    """The card as markdown in one language."""
    heading = f"### 📋 {t('case.label', lang)}: {pick(case['title'], lang)}"
    parts = [heading, "", pick(case["body"], lang)]
    if case.get("prompt"):
        parts += ["", f"> 💬 **{t('case.prompt', lang)}** {pick(case['prompt'], lang)}"]
    sources = "; ".join(case["sources"])
    parts += ["", f"<small>{t('case.sources', lang)}: {sources}</small>"]
    return "\n".join(parts)


def case(case_id: str):
    """Show the case card ``case_id`` (e.g. "m01.e_mongolia") in the learner's language."""
    from IPython.display import Markdown

    try:
        found = all_cases().get(case_id)
    except CaseError as exc:
        return Markdown(f"> ⚠️ {t('case.broken', error=str(exc))}")
    if found is None:
        return Markdown(f"> ⚠️ {t('case.unknown', id=case_id)}")
    return Markdown(card_markdown(found))
