"""Case cards: every data/cases file matches cases.v1.json; cards render in both languages;
bad files and unknown ids give clear messages."""

import pytest

import course_lib as cl
from course_lib.content import cases


@pytest.fixture(autouse=True)
def clear_cache():
    cases.all_cases.cache_clear()
    cl.set_language("mn")
    yield
    cases.all_cases.cache_clear()
    cl.set_language("mn")


@pytest.mark.parametrize("path", cases.case_files(), ids=lambda p: p.name)
def test_every_case_file_is_valid(path):
    assert cases.check_file(path) == []


def test_card_renders_title_body_prompt_sources_in_both_languages():
    card = cl.case("m01.e_mongolia")
    assert "e-Mongolia" in card.data and "Эх сурвалж" in card.data
    assert "181" in card.data and "🗨" in card.data
    cl.set_language("en")
    english = cl.case("m01.e_mongolia").data
    assert "Sources" in english and "To discuss" in english and "Шинэлэг" not in english


def test_unknown_case_is_a_message_not_a_traceback():
    assert "олдсонгүй" in cl.case("m01.nope").data


def test_schema_rejects_extra_field_and_missing_language(tmp_path):
    bad = tmp_path / "01_bad.yaml"
    bad.write_text(
        "schema_version: 1\nmodule: m01\ncases:\n"
        "  - id: m01.x\n    title: {mn: a}\n    body: {mn: b, en: b}\n"
        "    sources: [somewhere]\n    colour: red\n", encoding="utf-8")
    problems = "\n".join(cases.check_file(bad))
    # the same messages as every other content kind (schema_messages): file, case, field
    assert "01_bad.yaml: case m01.x: field 'colour': unknown field" in problems
    assert "field 'title.en': missing language 'en'" in problems


def test_case_id_must_carry_its_module(tmp_path):
    bad = tmp_path / "02_x.yaml"
    bad.write_text("schema_version: 1\nmodule: m02\ncases:\n  - id: m03.x\n"
                   "    title: {mn: a, en: a}\n    body: {mn: b, en: b}\n    sources: [abc]\n",
                   encoding="utf-8")
    [problem] = cases.check_file(bad)
    assert problem.endswith("02_x.yaml: case m03.x: field 'id': id must start with m02.")


def test_duplicate_ids_across_files_are_reported(tmp_path, monkeypatch):
    (tmp_path / "cases").mkdir()
    text = ("schema_version: 1\nmodule: m01\ncases:\n  - id: m01.same\n"
            "    title: {mn: a, en: a}\n    body: {mn: b, en: b}\n    sources: [abc]\n")
    for name in ("01_a.yaml", "01_b.yaml"):
        (tmp_path / "cases" / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(cases, "data_dir", lambda: tmp_path)
    with pytest.raises(cases.CaseError, match="duplicate"):
        cases.all_cases()
    assert "⚠" in cl.case("m01.same").data
