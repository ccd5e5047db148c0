"""Everything a trainee reads, as (location, text) pairs; and the marked verbatim deck quotes.

Shared by the spell check (course_instructor/authoring/spellcheck.py) and the terminology and quote
tests. It reads
notebook markdown, the string literals and comments of notebook code cells (graded item texts
and accepted answers live there), and the strings of data/**/*.yaml.

A deck quote is marked in one of two ways (docs/ARCHITECTURE.md, "Deck quotes"):
- in markdown, a blockquote whose last line is the attribution ``> — *2019 оны илтгэлийн …*``;
  a test holds that each of its lines is in the deck (data/deck_2019.txt), up to the spelling
  fixes disclosed in data/glossary.yaml;
- anywhere, a short quote in guillemets «…» whose content is, verbatim, deck text (the check
  is the exemption itself: guillemets around anything else exempt nothing).
Only marked quotes may use a glossary's forbidden variant.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import yaml

NOTEBOOK_GLOBS = ("notebooks/*.ipynb", "assignments/source/*/*.ipynb")
# the learners' README (course-instructor learner-dist ships it as dist/learner/README.md)
LEARNERS_README = "docs/LEARNERS.md"
ATTRIBUTION = re.compile(r"^>\s*—\s*\*2019 оны илтгэлийн[^*]*\*\s*$")
INLINE_QUOTE = re.compile(r"«([^«»]*)»")
_LETTER = re.compile(r"[^\W\d_]")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")).get("cells", [])


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def code_strings(code: str) -> Iterator[str]:
    """The string literals and comments of a code cell (IPython magics are skipped)."""
    lines = [line for line in code.splitlines(keepends=True)
             if not line.lstrip().startswith(("%", "!"))]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("".join(lines)).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return
    for token in tokens:
        if token.type == tokenize.COMMENT:
            yield token.string.lstrip("#").strip()
        elif token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue
            if isinstance(value, str) and _LETTER.search(value):
                yield value


HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)


def notebook_texts(path: Path, code: bool = True,
                   hidden: bool = True) -> Iterator[tuple[str, str]]:
    """(where, text) for every markdown cell, and every string or comment of the code cells.

    ``hidden=False`` leaves out nbgrader's hidden tests (accepted answers a trainee never sees).
    """
    for i, cell in enumerate(_cells(path)):
        if cell.get("cell_type") == "markdown":
            yield f"cell {i}", _source(cell)
        elif code and cell.get("cell_type") == "code":
            source = _source(cell) if hidden else HIDDEN.sub("", _source(cell))
            for text in code_strings(source):
                yield f"cell {i} (code)", text


def yaml_texts(path: Path, only_mn: bool = True) -> Iterator[tuple[str, str]]:
    """(where, text) for every string under an ``mn`` key (or every string), at any depth."""
    def walk(node, where: str, inside_mn: bool):
        if isinstance(node, dict):
            for key, value in node.items():
                label = node.get("id") or node.get("key")
                yield from walk(value, f"{where}/{label}" if label else f"{where}/{key}",
                                inside_mn or key == "mn")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{where}[{i}]", inside_mn)
        elif isinstance(node, str) and (inside_mn or not only_mn):
            yield where.lstrip("/"), node

    yield from walk(yaml.safe_load(path.read_text(encoding="utf-8")), "", False)


def collect(root: Path, only_mn: bool = True, code: bool = True,
            hidden: bool = True) -> list[tuple[str, str]]:
    """Every (location, text) pair a trainee reads under ``root``; the glossary's variants
    (listed there to be refused) and the spelling list are not prose."""
    found = []
    for pattern in NOTEBOOK_GLOBS:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root)
            found += [(f"{rel} {where}", text)
                      for where, text in notebook_texts(path, code, hidden)]
    for path in sorted((root / "data").rglob("*.yaml")):
        rel = path.relative_to(root)
        texts = yaml_texts(path, only_mn)
        if path.name == "glossary.yaml":
            texts = ((w, t) for w, t in texts if "forbidden" not in w and "deck_spelling" not in w)
        found += [(f"{rel} {where}", text) for where, text in texts]
    learners = root / LEARNERS_README
    if learners.is_file():  # the README learner-dist ships: trainees read it first
        found.append((LEARNERS_README, learners.read_text(encoding="utf-8")))
    return found


def inline_spans(text: str, deck: str) -> list[tuple[int, int]]:
    """(start, end) of every «…» whose content is verbatim deck text."""
    return [m.span(1) for m in INLINE_QUOTE.finditer(text)
            if _plain(m.group(1)).rstrip(".") and _plain(m.group(1)) in deck]


def quote_spans(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of every attributed blockquote (deck quote) in a markdown text."""
    spans = []
    block: list[tuple[int, int]] = []
    offset = 0
    for line in markdown.splitlines(keepends=True):
        if line.startswith(">"):
            block.append((offset, offset + len(line)))
            if ATTRIBUTION.match(line.strip()):
                spans.append((block[0][0], offset))
                block = []
        else:
            block = []
        offset += len(line)
    return spans


def outside_quotes(text: str, deck: str, markdown: bool = True) -> str:
    """The text with its marked deck quotes blanked (positions kept)."""
    chars = list(text)
    for start, end in (quote_spans(text) if markdown else []) + inline_spans(text, deck):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _plain(text: str) -> str:
    text = re.sub(r"\*+|_{2,}|`", "", text).replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def quoted_lines(markdown: str) -> list[str]:
    """The marked quotes as plain lines (markdown, bullets and table pipes removed)."""
    lines = []
    for start, end in quote_spans(markdown):
        block = [re.sub(r"^>\s?", "", line).strip() for line in markdown[start:end].splitlines()]
        for i, line in enumerate(block):
            if i + 1 < len(block) and re.fullmatch(r"\|[-:| ]+\|?", block[i + 1]):
                continue  # a table's header row labels the quote; it quotes nothing
            line = re.sub(r"^[-*]\s+", "", line)
            for part in line.strip("|").split("|") if line.startswith("|") else [line]:
                part = _plain(part)
                if _LETTER.search(part) and not re.fullmatch(r"[-:| ]+", part):
                    lines.append(part)
    return lines


def deck_text(seed: Path, fixes: list[dict]) -> str:
    """The deck as one plain line, with the disclosed spelling fixes applied."""
    text = _plain(seed.read_text(encoding="utf-8"))
    for fix in fixes:
        text = text.replace(fix["deck"], fix["course"])
    return text
