"""Every learner-facing string exists in Mongolian and English, non-empty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from course_lib import bank
from course_lib.paths import data_dir

LOCALE_FILES = sorted((data_dir() / "locale").glob("*.yaml"))
BANK_FILES = sorted((data_dir() / "questions").glob("*.yaml"))
COURSE_LIB = Path(bank.__file__).parent


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
    for name in ("scoring.py", "quiz.py", "quiz_kinds.py"):
        used |= set(re.findall(r"""["'](quiz\.[a-z_.]+)["']""", (COURSE_LIB / name).read_text()))
    # keys built at run time from the status (and a detail: "pairs" for matching)
    used |= {"quiz.partial", "quiz.wrong", "quiz.partial.pairs", "quiz.wrong.pairs"}
    assert used - set(catalogue) == set(), "used but not in data/locale/quiz.yaml"
    assert set(catalogue) - used == set(), "in data/locale/quiz.yaml but never used"
