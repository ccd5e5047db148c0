"""Graded items must not be near-copies of self-check questions, whose keys ship to learners.

Keys to graded items live only in hidden tests; a graded prompt that nearly repeats a bank
prompt lets a trainee read the answer off the shipped bank (issue 7).
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from course_instructor.grading.keys import graded_prompts, source_notebooks

REPO = Path(__file__).resolve().parents[1]

# Mean of the Mongolian and English difflib ratios; either language alone may go a little higher
# because names (Mendelow, Bass, OPSI) and house phrasing ("according to the deck") recur.
MEAN_LIMIT = 0.6
ONE_LANGUAGE_LIMIT = 0.75


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def similarity(graded: dict, bank: dict) -> tuple[float, float, float]:
    """(mean, mn, en) difflib ratio of two bilingual prompts."""
    mn, en = _ratio(graded["mn"], bank["mn"]), _ratio(graded["en"], bank["en"])
    return (mn + en) / 2, mn, en


def too_similar(graded: dict, bank: dict) -> bool:
    mean, mn, en = similarity(graded, bank)
    return mean > MEAN_LIMIT or max(mn, en) > ONE_LANGUAGE_LIMIT


@functools.cache
def bank_prompts() -> dict[str, dict]:
    prompts = {}
    for path in sorted((REPO / "data" / "questions").glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            prompts[q["id"]] = q["prompt"]
    return prompts


@functools.cache
def all_graded() -> dict[str, dict]:
    prompts = {}
    for notebook in source_notebooks(REPO / "assignments"):
        prompts.update(graded_prompts(notebook))
    return prompts


def test_every_autograded_item_is_scanned():
    """One prompt per autograder test cell, both languages present: no item escapes the scan."""
    tests = set()
    for notebook in source_notebooks(REPO / "assignments"):
        for cell in nbformat.read(notebook, as_version=4).cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if re.fullmatch(r"a\d\d-[qt]\d+-test", gid):
                tests.add(gid[:3] + "." + gid.split("-")[1])
    prompts = all_graded()
    assert tests and set(prompts) == tests
    for item, prompt in prompts.items():
        assert len(prompt["mn"]) > 15 and len(prompt["en"]) > 15, item


def test_detector_catches_a_copy():
    bank = bank_prompts()["m02.big_wave"]
    reworded = {"mn": bank["mn"].replace("Слайдын", "Сургалтын илтгэлийн"),
                "en": bank["en"] + " Tick one."}
    assert too_similar(reworded, bank)


@pytest.mark.parametrize("item", sorted(all_graded()))
def test_graded_prompt_is_not_a_bank_prompt(item):
    graded = all_graded()[item]
    copies = {qid: [round(r, 2) for r in similarity(graded, q)]
              for qid, q in bank_prompts().items() if too_similar(graded, q)}
    assert not copies, (f"{item} nearly repeats self-check question(s) {copies}: "
                        "test the same objective through a new scenario")
