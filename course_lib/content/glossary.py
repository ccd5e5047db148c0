"""The course glossary, data/glossary.yaml (schema glossary.v1.json): one term per concept.

Plain Python: loading, the semantic checks ``validate`` runs, search for ``cl.glossary()`` and
the forbidden-variant finder the terminology test runs over everything a trainee reads.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..paths import data_dir
from .loading import Kind, Problem, load_content

_LETTER = r"[^\W\d_]"


def semantic_problems(name: str, data: dict) -> list[Problem]:
    """Ids and terms unique; no concept forbids its own term or another concept's term."""
    problems, seen, terms = [], set(), {}
    for concept in data["concepts"]:
        where = f"concept {concept['id']}"
        if concept["id"] in seen:
            problems.append(Problem(name, "duplicate concept id", where, "id"))
        seen.add(concept["id"])
        term = concept["term"]["mn"].casefold()
        if term in terms:
            problems.append(Problem(name, f"same term as {terms[term]}", where, "term"))
        terms.setdefault(term, concept["id"])
    for concept in data["concepts"]:
        for other in data["concepts"]:
            hits = find_forbidden(other["term"]["mn"], [concept])
            if hits:
                problems.append(Problem(name, f"forbids {hits[0][1]!r}, which is the term of "
                                              f"{other['id']}", f"concept {concept['id']}",
                                        "forbidden"))
    return problems


@lru_cache(maxsize=1)
def concepts() -> tuple[dict, ...]:
    """Every concept of data/glossary.yaml, validated, in file order."""
    return tuple(load_content(data_dir() / "glossary.yaml", GLOSSARY)["concepts"])


@lru_cache(maxsize=256)
def _pattern(variant: str) -> re.Pattern:
    # at a word start (when the variant starts with a letter); any inflection may follow
    start = rf"(?<!{_LETTER})" if re.match(_LETTER, variant) else ""
    return re.compile(start + re.escape(variant), re.IGNORECASE)


def find_forbidden(text: str, among=None) -> list[tuple[str, str, int]]:
    """(concept id, variant, position) for every forbidden variant in ``text``."""
    found = []
    for concept in concepts() if among is None else among:
        for variant in concept["forbidden"]:
            found += [(concept["id"], variant, m.start()) for m in _pattern(variant).finditer(text)]
    return sorted(found, key=lambda hit: hit[2])


def search(query: str, among=None) -> list[dict]:
    """Concepts whose term, definition or forbidden variants contain ``query`` (any language)."""
    needle = query.strip().casefold()
    pool = concepts() if among is None else among
    if not needle:
        return list(pool)
    def haystack(c: dict) -> str:
        return " ".join([c["term"]["mn"], c["term"]["en"], c["definition"]["mn"],
                         c["definition"]["en"], *c["forbidden"]]).casefold()
    return [c for c in pool if needle in haystack(c)]


GLOSSARY = Kind("glossary", "glossary.v1.json", "glossary.yaml", "concepts",
                rules=semantic_problems, load=concepts)
