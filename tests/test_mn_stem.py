"""Mongolian stems from hunspell-mn's affix rules (course_lib/content/mn_stem.py)."""

from pathlib import Path

import pytest

from course_lib.content import mn_stem

ROOT = Path(__file__).resolve().parent.parent
MODELS = mn_stem.read_models(ROOT / "data" / "spelling" / "mn_models.txt")


@pytest.mark.parametrize("word, stem", [
    ("нөлөөнд", "нөлөө"), ("байдлыг", "байдал"), ("аргачлалын", "аргачлал"), ("ёсны", "ёс"),
    ("унагадаг", "унага"), ("хамтарч", "хамтар"), ("хамтрах", "хамтар"), ("санааг", "санаа"),
    ("инноваторуудад", "инноватор"), ("түвшний", "түвшин"), ("интрапренершипийг",
                                                           "интрапренершип"),
])
def test_an_ending_comes_off(word, stem):
    assert mn_stem.lemmas(word) == {stem}


def test_a_derivation_with_its_own_headword_stays_apart():
    # «хэрэгжилт» (implementation) is a headword; «хэрэгжихүйц» (implementable) is not
    assert mn_stem.lemmas("хэрэгжилт") != mn_stem.lemmas("хэрэгжихүйц")
    assert mn_stem.lemmas("гадаад") != mn_stem.lemmas("дотоод")


def test_an_unknown_word_is_its_own_stem():
    assert mn_stem.lemmas("zzzq") == {"zzzq"}
    assert mn_stem.lemmas("") == {""}


def test_every_model_line_is_needed_and_its_models_exist():
    analyser = mn_stem._analyser()
    assert analyser is not None and MODELS
    for word, models in MODELS.items():
        for model in models:
            assert analyser._entries(model), f"mn_models.txt: {model!r} is not in mn_MN.dic"
        assert not analyser._entries(word), f"mn_models.txt: hunspell already knows {word!r}"
