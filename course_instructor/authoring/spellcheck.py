"""Mongolian spell check of the course: ``make spell`` (``course-author spell``).

Collects everything a trainee reads (course_instructor/authoring/trainee_text.py): every notebook's
markdown cells, the
strings and comments of its code cells (graded item texts, options, accepted answers), every
``mn`` field in data/**/*.yaml (the glossary included) and the instructor dashboard's
course_instructor/dashboard/*.yaml and the JupyterLab language pack's .po translations; asks
hunspell (-d mn_MN) which words it does not know, forgives the words of the project list
data/spelling/mn_extra.txt, and prints
each remaining word with its file and context. Exit 0 when clean, 1 on any unknown word, 2 when
hunspell or its Mongolian dictionary is missing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from course_instructor.authoring import trainee_text
from course_instructor.repo import REPO as ROOT

WORD = re.compile(r"[А-ЯЁӨҮа-яёөү]+(?:-[А-ЯЁӨҮа-яёөү]+)*")
# markup whose letters are not prose: code, urls, html tags, math
NOT_PROSE = re.compile(r"```.*?```|`[^`]*`|https?://\S+|<[^>]+>|\$[^$]*\$", re.S)
# a case ending after a number, an abbreviation or a {placeholder} is no word:
# 2019-ний, ЭЗХАХБ-ын, {n}-р
SUFFIX = re.compile(r"(?<=[0-9A-Za-zА-ЯЁӨҮ»)\"}])-[а-яёөү]{1,4}(?![а-яёөү])")


def collect(root: Path) -> list[tuple[str, str]]:
    """Every (location, Mongolian text) a trainee reads under ``root``
    (course_instructor/authoring/trainee_text.py),
    plus the instructor dashboard's Mongolian strings (kept in tools/, not shipped to learners)."""
    found = trainee_text.collect(root)
    for path in sorted(root.glob("course_instructor/dashboard/*.yaml")):
        rel = path.relative_to(root)
        found += [(f"{rel} {where}", text) for where, text in trainee_text.yaml_texts(path)]
    return found + po_texts(root)


def po_texts(root: Path) -> list[tuple[str, str]]:
    """The Mongolian JupyterLab language pack's translations (packages/*/**/*.po msgstr)."""
    import polib

    found = []
    for path in sorted(root.glob("packages/*/*/locale/*/LC_MESSAGES/*.po")):
        rel = path.relative_to(root)
        for entry in polib.pofile(str(path)).translated_entries():
            for text in [entry.msgstr, *(entry.msgstr_plural or {}).values()]:
                if text:
                    found.append((f"{rel} msgid {entry.msgid[:40]!r}", text))
    return found


def words_of(text: str) -> Iterator[tuple[str, int]]:
    """Cyrillic words of the prose, with their position (hyphenated parts checked one by one)."""
    text = NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    text = SUFFIX.sub(lambda m: " " * len(m.group()), text)
    for match in WORD.finditer(text):
        offset = match.start()
        for part in match.group().split("-"):
            yield part, offset
            offset += len(part) + 1


def load_extra(path: Path) -> set[str]:
    """The project word list: one word per line; '#' starts a comment."""
    if not path.exists():
        return set()
    text = path.read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return {line.lower() for line in lines if line}


def hunspell_unknown(words: set[str], dictionary: str = "mn_MN") -> set[str]:
    """The words hunspell does not know (raises RuntimeError if it cannot run)."""
    if shutil.which("hunspell") is None:
        raise RuntimeError("hunspell is not installed (Debian: apt-get install hunspell-mn)")
    listing = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    if not re.search(rf"[/\\]{re.escape(dictionary)}\s*$", listing.stdout + listing.stderr, re.M):
        raise RuntimeError(f"the hunspell dictionary {dictionary} is missing "
                           "(Debian: apt-get install hunspell-mn)")
    run = subprocess.run(["hunspell", "-d", dictionary, "-l", "-i", "utf-8"],
                         input="\n".join(sorted(words)), capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"hunspell failed: {run.stderr.strip()}")
    return set(run.stdout.split())


def check(root: Path, extra_path: Path) -> list[tuple[str, str, str]]:
    """(location, word, context) for every unknown word under ``root``."""
    texts = collect(root)
    extra = load_extra(extra_path)
    vocabulary = {w for _, text in texts for w, _ in words_of(text) if w.lower() not in extra}
    unknown = hunspell_unknown(vocabulary) if vocabulary else set()
    problems = []
    for where, text in texts:
        for word, pos in words_of(text):
            if word in unknown:
                context = " ".join(text[max(0, pos - 40): pos + len(word) + 40].split())
                problems.append((where, word, context))
    return problems


def unit_of(where: str) -> str:
    """The module (m05) or assignment (a05) a location belongs to; '' for shared files."""
    match = re.search(r"(?:notebooks|questions|plan|cases)/([0-9]{2})_", where)
    if match:
        return f"m{match.group(1)}"
    match = re.search(r"assignments/source/a([0-9]{2})_", where)
    return f"a{match.group(1)}" if match else ""


def unknown_rates(root: Path, extra_path: Path) -> dict[str, tuple[int, int]]:
    """Per module and per assignment: (unknown words, all words)."""
    texts = collect(root)
    extra = load_extra(extra_path)
    vocabulary = {w for _, text in texts for w, _ in words_of(text) if w.lower() not in extra}
    unknown = hunspell_unknown(vocabulary) if vocabulary else set()
    rates: dict[str, tuple[int, int]] = {}
    for where, text in texts:
        unit = unit_of(where)
        if not unit:
            continue
        words = [w for w, _ in words_of(text)]
        bad, total = rates.get(unit, (0, 0))
        rates[unit] = (bad + sum(w in unknown for w in words), total + len(words))
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="course folder (default: repo)")
    parser.add_argument("--extra", type=Path, help="word list (data/spelling/mn_extra.txt)")
    args = parser.parse_args(argv)
    extra = args.extra or args.root / "data" / "spelling" / "mn_extra.txt"
    try:
        problems = check(args.root, extra)
    except RuntimeError as exc:
        print(f"spellcheck: {exc}", file=sys.stderr)
        return 2
    for where, word, context in problems:
        print(f"{where}: {word}    … {context} …")
    if problems:
        distinct = len({word for _, word, _ in problems})
        shown = extra.relative_to(args.root) if extra.is_relative_to(args.root) else extra
        print(f"\n{distinct} unknown word(s) in {len(problems)} place(s). Fix the spelling, or, if "
              f"the word is a real, correctly spelled term, add it to {shown}.")
        return 1
    print("spellcheck: no unknown Mongolian words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
