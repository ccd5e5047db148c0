"""Every learner-facing string exists in Mongolian and English, non-empty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from course_lib.content import bank
from course_lib.paths import data_dir

LOCALE_FILES = sorted((data_dir() / "locale").glob("*.yaml"))
BANK_FILES = sorted((data_dir() / "questions").glob("*.yaml"))
COURSE_LIB = Path(bank.__file__).parent.parent


@pytest.mark.parametrize("path", LOCALE_FILES, ids=lambda p: p.name)
def test_every_catalogue_key_has_mn_and_en(path):
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [f"{key}.{lang}" for key, entry in entries.items() for lang in ("mn", "en")
               if not isinstance(entry, dict) or not str(entry.get(lang) or "").strip()]
    assert not missing, f"{path.name}: {missing}"


@pytest.mark.parametrize("path", LOCALE_FILES, ids=lambda p: p.name)
def test_placeholders_match_across_languages(path):
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key, entry in entries.items():
        fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in ("mn", "en")}
        assert fields["mn"] == fields["en"], f"{path.name}: {key} {fields}"


def _texts(node, path=""):
    """Every {mn, en}-looking mapping in a bank, with where it is."""
    if isinstance(node, dict):
        if {"mn", "en"} & set(node) and all(isinstance(v, (str, list)) for v in node.values()):
            yield path, node
        else:
            for key, value in node.items():
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, f"{path}[{n}]")


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda p: p.name)
def test_every_question_text_has_mn_and_en(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, texts in _texts(raw):
        for lang in ("mn", "en"):
            value = texts.get(lang)
            assert value and (str(value).strip() if isinstance(value, str) else all(
                str(v).strip() for v in value)), f"{path.name}{where}: missing {lang}"


def test_every_quiz_key_used_in_code_is_in_the_catalogue():
    catalogue = yaml.safe_load((data_dir() / "locale" / "quiz.yaml").read_text("utf-8"))
    used = set()
    for name in ("content/scoring.py", "widgets/quiz.py", "widgets/quiz_kinds.py"):
        used |= set(re.findall(r"""["'](quiz\.[a-z_.]+)["']""", (COURSE_LIB / name).read_text()))
    # keys built at run time from the status (and a detail: "pairs" for matching)
    used |= {"quiz.partial", "quiz.wrong", "quiz.partial.pairs", "quiz.wrong.pairs"}
    assert used - set(catalogue) == set(), "used but not in data/locale/quiz.yaml"
    assert set(catalogue) - used == set(), "in data/locale/quiz.yaml but never used"


# t("key") / i18n.t("key", ...) with a literal key; the quote must close the argument
LITERAL_KEY = re.compile(r"""(?<![\w.])(?:i18n\.)?t\(\s*(["'])([\w.\-]+)\1\s*[,)]""")
# keys built at run time: f-strings (t(f"explore.challenges.ch.{cid}")) and concatenations
# (t("explore.team_climate.band." + b))
BUILT_KEY = re.compile(r"""(?<![\w.])(?:i18n\.)?t\(\s*(f?)(["'])([^"'\n]*)\2\s*\+?""")


def _catalogue() -> dict:
    merged = {}
    for path in LOCALE_FILES:
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


def _calls():
    for path in sorted(COURSE_LIB.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        yield path.relative_to(COURSE_LIB), text


def built_keys() -> list[tuple[str, str]]:
    """(file, key pattern) of every key made at run time: the exceptions to the literal check."""
    found = []
    for path, text in _calls():
        for m in BUILT_KEY.finditer(text):
            if m.group(1) or text[m.end() - 1] == "+":
                found.append((str(path), m.group(3)))
    return found


def test_every_literal_key_in_course_lib_is_in_the_catalogue():
    catalogue = _catalogue()
    used = {(str(path), m.group(2)) for path, text in _calls()
            for m in LITERAL_KEY.finditer(text)}
    assert len(used) > 100  # the regex still finds the calls
    missing = sorted((path, key) for path, key in used if key not in catalogue)
    assert not missing, f"t() keys not in data/locale/*.yaml: {missing}"
    empty = sorted(key for _, key in used for lang in ("mn", "en")
                   if not str((catalogue[key] or {}).get(lang) or "").strip())
    assert not empty, f"keys without mn or en text: {empty}"


def test_keys_built_at_run_time_have_a_known_prefix():
    """Keys made at run time are excepted from the literal check (listed by ``built_keys``),
    but the fixed part before the first placeholder must still start some catalogue key."""
    catalogue = _catalogue()
    built = built_keys()
    assert built, "no f-string keys found: the pattern no longer matches the calls"
    orphans = sorted({(path, key) for path, key in built
                      if not any(k.startswith(key.split("{", 1)[0]) for k in catalogue)})
    assert not orphans, f"no catalogue key starts like these: {orphans}"
