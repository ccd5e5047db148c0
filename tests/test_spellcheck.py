"""tools/spellcheck.py finds misspelled Mongolian in notebooks and data; forgives the word list."""

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import spellcheck  # noqa: E402


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

