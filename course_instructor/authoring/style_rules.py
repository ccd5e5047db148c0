"""House style rules a machine can check in Mongolian text a trainee reads (issue 24, point 6).

Plain functions over (where, text) pairs, so that tests/test_style_rules.py runs them over
every string a trainee reads (trainee_text.collect) and anyone can rerun them:

    course-author style      # prints every violation, exit 1 if any

Rules (each violation names its rule):

* ``quotes``: quotation marks in Mongolian text are «»; "…" and “…” are not;
* ``latin``: Latin script only inside parentheses or for a proper name (a capitalised word or an
  acronym); a person's Latin name does not take a Cyrillic ending («Scholes-ийн»): write the name
  in Cyrillic and the Latin in parentheses. Acronyms (IAP2-ын) and the software and programme
  names of LATIN_NAMES may;
* ``english``: no English sentence (four Latin words in a row) outside parentheses;
* ``acronym``: every acronym is expanded at its first use in a module: followed by «(…)» or
  itself inside parentheses after its expansion;
* ``button``: a button named in prose («Шалгах» товч) carries a label the widgets show, read from
  data/locale (mn or en value, a trailing «(JSON)» aside).

Not Mongolian text, so not checked: strings without a Cyrillic letter (the English mode), code
spans and blocks, links' targets, HTML tags, an italic span written wholly in Latin script (the
English line of a bilingual cell: *Type your answer…*, or a work's title), the citation
abbreviation «et al.» (Folke et al. (2005): Latin, not English prose), a work's Latin title in
"…" right after its author and year in a reading list (Mendelow, A.L. (1981), "Environmental
Scanning…": the title keeps its own punctuation, as the lines of the same list without Cyrillic
do), and the documented exceptions below.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

_CYRILLIC = re.compile(r"[а-яёөүА-ЯЁӨҮ]")

# Documented exceptions, each with its reason.
LATIN_WORDS = {
    "e",        # e-Mongolia, the state portal's own name
}
LATIN_NAMES = {  # software and programme names kept in Latin, taking a Cyrillic ending
    "JupyterLab", "Binder", "Voilà", "MindLab", "Prosci", "e-Mongolia",
}
ACRONYMS_KNOWN = {
    "JSON", "HTML", "PDF", "URL",  # file formats named as on the download buttons
    "II", "III", "IV", "VI", "VII", "VIII", "XX", "XXI",  # Roman numerals, not acronyms
    "УИХ", "ИТХ",  # the State Great Khural and citizens' representative khurals: every civil
                   # servant's own words
    "IBM", "КОВИД",  # a company's and a disease's names, not abbreviations a reader expands
    "BEGIN", "END", "SOLUTION", "HIDDEN", "TESTS",  # nbgrader's markers in code comments
}
BUTTONS_ELSEWHERE = {
    "илгээх",   # a web form's Send button inside a workplace scenario, not a course widget
    "монгол", "english",  # the language switch names each language in itself (startup.py)
}


@dataclass(frozen=True)
class Violation:
    """One broken rule at one place."""

    rule: str
    where: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.rule}] {self.excerpt}"


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


_NOT_PROSE = [
    re.compile(r"```.*?```", re.S),                 # code blocks
    re.compile(r"`[^`\n]*`"),                       # code spans
    re.compile(r"<!--.*?-->", re.S),                # HTML comments (navigation markers)
    re.compile(r"<[^<>\n]+>"),                      # HTML tags
    re.compile(r"\]\([^)\s]*\)"),                   # a link's target
    re.compile(r"https?://[^\s)]+|www\.[^\s)]+"),   # bare URLs (not a closing parenthesis)
    re.compile(r"\b[\w.-]+\.(?:ipynb|py|yaml|json|md|txt|csv|html)\b"),  # file names
    re.compile(r"\{[a-z_]+\}"),                     # format placeholders
    re.compile(r"&[a-z]+;"),                        # HTML entities (&nbsp;)
    # doi, sites; a closing parenthesis after a site is not part of it: «(oecd-opsi.org/x)»
    re.compile(r"\bdoi:[^\s)]+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|mn|com|net|int)\b(?:/[^\s)]*)?"),
    re.compile(r"\bd[A-Za-z]/d[a-z]\b"),              # a derivative in a formula (dF/dt)
    re.compile(r"(?<=[A-Za-z] )et al\b\.?"),         # a citation's «et al.» after a name
    # a reading list's «Author (1981), "Latin Title"»: the work's title in its own punctuation
    re.compile(r"(?<=\d{4}\), )\"[^\"\nа-яёөүА-ЯЁӨҮ]*\""),
    # the English half of a bilingual label: «Богино хариулт / short answer»
    re.compile(r"/[ \t]*[A-Za-z][^/\n*|а-яёөүА-ЯЁӨҮ]*"),
    re.compile(r"^[^а-яёөүА-ЯЁӨҮ\n]*$", re.M),          # a line without Cyrillic: English
]
_ITALIC = re.compile(r"(?<![*\w])(\*{1,2}|_)(?=\S)([^*_\n]+?)(?<=\S)\1(?![*\w])")


def prose(text: str) -> str:
    """``text`` with what is not Mongolian prose blanked (positions kept)."""
    for pattern in _NOT_PROSE:
        text = _blank(text, pattern)
    return _ITALIC.sub(lambda m: " " * len(m.group()) if not _CYRILLIC.search(m.group(2))
                       else m.group(), text)


def _outside_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        depth += char == "("
        out.append(char if depth == 0 else " ")
        depth -= char == ")" and depth > 0
    return "".join(out)


def _excerpt(text: str, start: int, end: int) -> str:
    return "… " + " ".join(text[max(0, start - 30): end + 30].split()) + " …"


_ASCII_QUOTES = re.compile(r"\"([^\"\n]*)\"|“([^”\n]*)”")


def check_quotes(where: str, text: str) -> list[Violation]:
    clean = prose(text)
    # a quoted single Latin word is something to type ("mn"), not a quotation
    return [Violation("quotes", where, _excerpt(clean, m.start(), m.end()))
            for m in _ASCII_QUOTES.finditer(clean)
            if _CYRILLIC.search(m.group()) or len(m.group().split()) > 1]


_LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z](?:[A-Za-z0-9'’.&]|-(?=[A-Za-z]))*(?:-[а-яёөү]+)?")
_TO_TYPE = re.compile(r"\"[A-Za-z]+\"")  # a value to type ("mn"), not a Latin word of prose
_MIXED = re.compile(r"-[а-яёөү]+$")


def _mixed(where: str, text: str) -> list[Violation]:
    found = []
    for m in _LATIN_WORD.finditer(text):
        word = m.group()
        latin = _MIXED.sub("", word)
        if word == latin or latin in LATIN_NAMES or re.fullmatch(r"[A-Z0-9]+", latin) \
                or len(latin) == 1:
            continue  # no ending, a software or programme name, an acronym, a variable
        found.append(Violation("latin", where, f"a Latin name with a Cyrillic ending {word!r} "
                                               f"{_excerpt(text, m.start(), m.end())}"))
    return found


def check_latin(where: str, text: str) -> list[Violation]:
    clean = _blank(prose(text), _TO_TYPE)
    found = _mixed(where, clean)  # inside parentheses too: «(Johnson & Scholes-ийн хувилбар)»
    clean = _outside_parentheses(clean)
    for run in _ENGLISH_RUN.finditer(clean):  # reported once, as an English sentence
        clean = clean[: run.start()] + " " * len(run.group()) + clean[run.end():]
    for m in _LATIN_WORD.finditer(clean):
        latin = _MIXED.sub("", m.group())
        if len(latin) == 1 or latin.split("-")[0] in LATIN_WORDS or latin[:1].isupper():
            continue  # a variable in a formula (p, q), a proper name or an acronym
        found.append(Violation("latin", where, f"Latin word {latin!r} outside parentheses "
                                               f"{_excerpt(clean, m.start(), m.end())}"))
    return found


_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}")


def check_english(where: str, text: str) -> list[Violation]:
    clean = _outside_parentheses(prose(text))
    return [Violation("english", where, f"{m.group()!r}") for m in _ENGLISH_RUN.finditer(clean)
            if re.search(r"\b[a-z]{2,}\b", m.group())]  # words, not a run of names


_ACRONYM = re.compile(r"(?<![\w-])([A-ZА-ЯЁӨҮ][A-ZА-ЯЁӨҮ0-9]*[A-ZА-ЯЁӨҮ][A-ZА-ЯЁӨҮ0-9]*)"
                      r"(?![\w])")


def _expanded(text: str, start: int, end: int) -> bool:
    after = re.match(r"(?:-[а-яёөү]+)?\s*\(", text[end:])
    before = text[:start]
    inside = before.count("(") > before.count(")")
    return bool(after) or inside


def check_acronyms(unit: str, texts: list[tuple[str, str]]) -> list[Violation]:
    """``texts`` in reading order (one module or one assignment): each acronym expanded at its
    first use."""
    seen, found = set(), []
    for where, text in texts:
        if not _CYRILLIC.search(text):
            continue
        clean = prose(text)
        for m in _ACRONYM.finditer(clean):
            acronym = m.group(1)
            if acronym in seen or acronym in ACRONYMS_KNOWN or re.search(r"\d{3}", acronym):
                continue  # known, or an identifier (MN0022)
            seen.add(acronym)
            if not _expanded(clean, m.start(), m.end()):
                found.append(Violation("acronym", where, f"{acronym} first used in {unit} "
                                       f"without its expansion "
                                       f"{_excerpt(clean, m.start(), m.end())}"))
    return found


_BUTTON = re.compile(r"(?:«([^«»\n]{1,40})»|\*\*([^*\n]{1,40})\*\*)\s+товч(?:ийг|оор|ин|луур)?\b")


def button_labels(locale: dict[str, dict]) -> set[str]:
    """Every label a widget can show: each locale mn and en value, with and without a trailing
    parenthesis («Ахицаа татаж авах (JSON)»)."""
    labels = set()
    for entry in locale.values():
        for value in (entry.get("mn"), entry.get("en")):
            if isinstance(value, str) and len(value) <= 60:
                labels |= {value.strip().casefold(),
                           re.sub(r"\s*\([^()]*\)$", "", value.strip()).casefold()}
    return labels


def check_buttons(where: str, text: str, labels: set[str]) -> list[Violation]:
    found = []
    for m in _BUTTON.finditer(text):
        name = (m.group(1) or m.group(2)).strip().strip("«»")
        parts = [p.strip().casefold() for p in name.split("|")]
        if all(p in labels or p in BUTTONS_ELSEWHERE for p in parts):
            continue
        found.append(Violation("button", where, f"«{name}» is no widget's label "
                                                f"{_excerpt(text, m.start(), m.end())}"))
    return found


def check_text(where: str, text: str, labels: set[str]) -> list[Violation]:
    """Every per-text rule on one Mongolian text (a text without Cyrillic is English mode)."""
    if not _CYRILLIC.search(text):
        return []
    return (check_quotes(where, text) + check_latin(where, text) + check_english(where, text)
            + check_buttons(where, text, labels))


def load_locale(root: Path) -> dict[str, dict]:
    import yaml

    catalogue = {}
    for path in sorted((root / "data" / "locale").glob("*.yaml")):
        catalogue.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return catalogue


def unit_of(where: str) -> str | None:
    """The module or assignment a text belongs to (m05, a05), or None (shared strings)."""
    m = re.match(r"(?:notebooks|data/(?:questions|cases|plan))/(\d\d)_", where)
    if m:
        return f"m{m.group(1)}"
    m = re.match(r"assignments/source/a(\d\d)_", where)
    return f"a{m.group(1)}" if m else None


def check_all(texts: list[tuple[str, str]], locale: dict[str, dict]) -> list[Violation]:
    """Every rule over (where, text) pairs in reading order (trainee_text.collect)."""
    labels = button_labels(locale)
    found, units = [], {}
    for where, text in texts:
        found += check_text(where, text, labels)
        unit = unit_of(where)
        if unit:
            units.setdefault(unit, []).append((where, text))
    for unit, unit_texts in sorted(units.items()):
        found += check_acronyms(unit, unit_texts)
    return found


def collect(root: Path) -> list[tuple[str, str]]:
    """Every Mongolian string a trainee reads under ``root``, marked deck quotes blanked (the
    deck's own words keep the deck's punctuation), by trainee_text.py."""
    from course_lib.content.kinds import load_content

    from . import trainee_text

    fixes = load_content(root / "data" / "glossary.yaml", "glossary")["deck_spelling_fixes"]
    deck = trainee_text.deck_text(root / "data" / "deck_2019.txt", fixes)
    texts = []
    for where, text in trainee_text.collect(root, only_mn=True, hidden=False):
        if where.startswith(("data/glossary.yaml", "data/spelling")):
            continue  # the glossary lists refused variants; the spelling list is not prose
        markdown = " cell " in f" {where} " and "(code)" not in where
        texts.append((where, trainee_text.outside_quotes(text, deck, markdown)))
    return texts


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    found = check_all(collect(root), load_locale(root))
    for violation in found:
        print(violation)
    print(f"style rules: {len(found)} violation(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
