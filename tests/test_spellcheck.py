"""course_instructor/authoring/spellcheck.py finds misspelled Mongolian in notebooks and data;
forgives the word list."""

import json
import shutil
from pathlib import Path

import pytest

from course_instructor.authoring import spellcheck

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _hunspell_present():
    # `make test` installs hunspell-mn (tools/sysdeps.sh): its absence is a failure, not a skip
    assert shutil.which("hunspell"), "hunspell is missing: run `make sysdeps`"


def _course(tmp_path: Path, yaml_text: str, markdown: str = "Сайн байна уу") -> Path:
    (tmp_path / "data" / "questions").mkdir(parents=True)
    (tmp_path / "data" / "spelling").mkdir()
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data" / "questions" / "01_x.yaml").write_text(yaml_text, encoding="utf-8")
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": [markdown]},
                    {"cell_type": "code", "metadata": {}, "source": ["Алдаатттай = 1"],
                     "outputs": []}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "01_x.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return tmp_path


def test_misspelled_word_in_yaml_is_reported_with_file(tmp_path, capsys):
    root = _course(tmp_path, "prompt:\n  mn: Төрийн албанд шинэчлэлт хэрэгтэйй\n  en: Hello\n")
    assert spellcheck.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "хэрэгтэйй" in out and "data/questions/01_x.yaml" in out
    assert "Hello" not in out


def test_misspelled_word_in_markdown_cell_is_reported(tmp_path, capsys):
    root = _course(tmp_path, "a: {mn: Сайн}\n", markdown="# Гарчиг\nБайгууллагаа хөгжүүлэхх")
    assert spellcheck.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "хөгжүүлэхх" in out and "notebooks/01_x.ipynb cell 0" in out
    assert "Алдаатттай" not in out  # code cells are not prose


def test_clean_text_and_word_list_pass(tmp_path, capsys):
    root = _course(tmp_path, "a: {mn: 'Инновацийн ЭЗХАХБ-ын санаа'}\n")
    words = root / "data" / "spelling" / "mn_extra.txt"
    words.write_text("# rule\nинновацийн\nЭЗХАХБ\n", encoding="utf-8")
    assert spellcheck.main(["--root", str(root)]) == 0
    words.write_text("# rule\nЭЗХАХБ\n", encoding="utf-8")
    assert spellcheck.main(["--root", str(root)]) == 1



def test_graded_item_texts_in_code_cells_are_read(tmp_path, capsys):
    root = _course(tmp_path, "a: {mn: Сайн}\n")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": 'cl.graded_item("a01.q1", {"mn": "Хойшлуулжж", "en": "x"})\n'
                               'assert cl.graded_text(answer, ["Зөвлөгөөө"])  # Тайлбарр'}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "assignments" / "source" / "a01_x").mkdir(parents=True)
    (root / "assignments" / "source" / "a01_x" / "a01_x.ipynb").write_text(json.dumps(nb),
                                                                           encoding="utf-8")
    assert spellcheck.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "Хойшлуулжж" in out and "Зөвлөгөөө" in out and "Тайлбарр" in out
    assert "a01_x.ipynb cell 0 (code)" in out


def test_unknown_words_at_most_one_percent_per_module_and_assignment():
    extra = ROOT / "data" / "spelling" / "mn_extra.txt"
    rates = spellcheck.unknown_rates(ROOT, extra)
    assert {f"m{n:02d}" for n in range(10)} | {f"a{n:02d}" for n in range(1, 10)} <= set(rates)
    over = {unit: f"{bad}/{total}" for unit, (bad, total) in rates.items() if bad > total / 100}
    assert over == {}, f"more than 1% unknown words: {over}"


def test_every_word_list_entry_is_in_use():
    texts = spellcheck.collect(ROOT)
    used = {w.lower() for _, text in texts for w, _ in spellcheck.words_of(text)}
    dead = sorted(w for w in spellcheck.load_extra(ROOT / "data" / "spelling" / "mn_extra.txt")
                  if w not in used)
    assert dead == [], f"remove these unused entries from data/spelling/mn_extra.txt: {dead}"
