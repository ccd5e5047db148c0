"""The course glossary, data/glossary.yaml (schema glossary.v1.json): one term per concept.

Plain Python: loading, the semantic checks ``validate`` runs, search for ``cl.glossary()`` and
the forbidden-variant finder the terminology test runs over everything a trainee reads.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

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


_WORD = re.compile(rf"{_LETTER}+")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]


def _same_word(word: str, wanted: str) -> bool:
    """``word`` is ``wanted`` in some inflected form (hunspell-mn stems, as short answers use)."""
    if word == wanted:
        return True
    # only words that begin alike can share a stem: the dictionary is asked about these alone
    if word[:3] != wanted[:3]:
        return False
    from . import mn_stem

    return bool(mn_stem.lemmas(word) & mn_stem.lemmas(wanted))


def stem_spans(text: str, phrase: str, words) -> list[tuple[int, int]]:
    """(start, end) of every run of words in ``text`` that is ``phrase`` with any endings.

    «буудан унагадаг» is «буудан унагах», «нягт хамтарч» is «нягт хамтрах»: Mongolian verbs and
    nouns are matched by their hunspell-mn stem, so an inflected form no longer slips through.
    ``words`` is ``_words(text)``, read once by the caller for every phrase.
    """
    wanted = [w for _, _, w in _words(phrase)]
    spans = []
    for i in range(len(words) - len(wanted) + 1):
        run = words[i: i + len(wanted)]
        if not wanted or not all(_same_word(run[j][2], x) for j, x in enumerate(wanted)):
            continue
        gaps = [text[a[1]: b[0]] for a, b in pairwise(run)]
        if all(not gap.strip(" \t\n-") for gap in gaps):  # one phrase, not across a comma
            spans.append((run[0][0], run[-1][1]))
    return spans


def _term_spans(concept: dict, text: str, words) -> list[tuple[int, int]]:
    term = concept["term"]["mn"].split(" (")[0]
    return stem_spans(text, term, words)


def find_forbidden(text: str, among=None) -> list[tuple[str, str, int]]:
    """(concept id, variant, position) for every forbidden variant in ``text``.

    A variant is found as written with any ending (the dictionary form as a prefix) and, through
    its stems, in any inflected form; an inflected form inside the concept's own term (its term
    inflected: «нягт хамтарч ажиллах») is the term, not the variant.
    """
    # Markdown emphasis is not a word: «хэрэгцээг **ойлгох**» reads as «хэрэгцээг ойлгох»
    # (positions are then in the text without the markers)
    text = _EMPHASIS.sub("", text)
    found, words = set(), _words(text)
    for concept in concepts() if among is None else among:
        terms = None
        for variant in concept["forbidden"]:
            found |= {(concept["id"], variant, m.start())
                      for m in _pattern(variant).finditer(text)}
            spans = stem_spans(text, variant, words)
            if spans:
                terms = _term_spans(concept, text, words) if terms is None else terms
                found |= {(concept["id"], variant, start) for start, end in spans
                          if not any(a <= start and end <= b for a, b in terms)}
    return sorted(found, key=lambda hit: (hit[2], hit[1]))


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


# recorded_rules: semantic_problems reads only the file and the course's stemmer (hunspell-mn,
# data/spelling), and loading that stemmer took 1-2.5 s of module 00's glossary; validate (make
# digests) has run it on these bytes, and tests/test_digests.py re-runs it on every change
GLOSSARY = Kind("glossary", "glossary.v1.json", "glossary.yaml", "concepts",
                rules=semantic_problems, load=concepts, recorded_rules=True)
