"""One term per concept (data/glossary.yaml): no forbidden variant in anything a trainee reads
outside a marked deck quote, in any inflected form (matched by hunspell-mn stems); every
marked quote is the deck's own text; cl.glossary() finds terms."""

from pathlib import Path

import pytest
import yaml

from course_instructor.authoring import trainee_text
from course_lib.content import glossary
from course_lib.content.kinds import load_content

ROOT = Path(__file__).resolve().parent.parent


def _deck() -> str:
    fixes = load_content(ROOT / "data" / "glossary.yaml", "glossary")["deck_spelling_fixes"]
    return trainee_text.deck_text(ROOT / "data" / "deck_2019.txt", fixes)


def _forbidden_uses(root: Path) -> list[str]:
    found, deck = [], _deck()
    for where, text in trainee_text.collect(root, only_mn=False, hidden=False):
        if where.startswith("data/glossary.yaml"):
            continue  # the glossary names the deck's words to define its terms
        markdown = " cell " in f" {where} " and "(code)" not in where
        text = trainee_text.outside_quotes(text, deck, markdown)
        for concept, variant, pos in glossary.find_forbidden(text):
            context = " ".join(text[max(0, pos - 30): pos + len(variant) + 30].split())
            found.append(f"{where}: {variant!r} (use the term of {concept}) … {context} …")
    return found


def test_no_forbidden_variant_outside_deck_quotes():
    found = _forbidden_uses(ROOT)
    assert not found, "\n".join(found)


def test_the_check_finds_a_variant_and_spares_a_marked_quote(tmp_path):
    import json

    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data").mkdir()
    cells = ["Бидний багт фракц байхгүй.",
             "> Байгууллага дотор үүссэн фракц нь хамт олны уур амьсгалыг эвддэг.\n>\n"
             "> — *2019 оны илтгэлийн 10-р слайдаас*",
             "Слайдад «фракц» гэсэн.", "Энэ «манай фракц» биш."]
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": c} for c in cells]
          + [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": 'cl.graded_item("a1", {"mn": "Хойшлуулж үхүүлэх", "en": "x"})'}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "01_x.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "data" / "q.yaml").write_text("a: {mn: 'Менделоугийн торонд', en: x}\n",
                                              encoding="utf-8")
    found = "\n".join(_forbidden_uses(tmp_path))
    assert "cell 0" in found and "cell 1" not in found and "cell 2" not in found
    assert "cell 3" in found  # guillemets around words the deck does not have exempt nothing
    assert "хойшлуулж үхүүлэх" in found and "Менделоугийн тор" in found


def test_every_marked_deck_quote_is_in_the_deck():
    deck = _deck()
    quoted, wrong = 0, []
    for where, text in trainee_text.collect(ROOT, code=False):
        if " cell " not in f" {where} ":
            continue
        for line in trainee_text.quoted_lines(text):
            quoted += 1
            if line not in deck:
                wrong.append(f"{where}: {line}")
    assert quoted > 50  # every module quotes its slide
    assert not wrong, ("not in the deck (fix the quote, or disclose a spelling fix):\n"
                       + "\n".join(wrong))


def test_a_changed_quote_is_caught():
    deck = trainee_text.deck_text(ROOT / "data" / "deck_2019.txt", [])
    text = "> Байгууллага дотор үүссэн бүлэглэл нь хамт олны уур амьсгалыг эвддэг.\n>\n" \
           "> — *2019 оны илтгэлийн 10-р слайдаас*\n"
    assert [line for line in trainee_text.quoted_lines(text) if line not in deck]


def test_concepts_have_one_term_each_and_variants_are_not_terms():
    data = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    assert glossary.semantic_problems("glossary.yaml", data) == []
    bad = {**data, "concepts": data["concepts"] + [dict(data["concepts"][0], id="copy")]}
    assert glossary.semantic_problems("glossary.yaml", bad)


def test_search_finds_a_term_in_either_language():
    assert [c["id"] for c in glossary.search("guiding coalition")] == ["guiding_coalition"]
    assert "guiding_coalition" in [c["id"] for c in glossary.search("эвсэл")]
    assert glossary.search("zzzz") == []


def test_glossary_widget_searches_both_languages():
    import course_lib as cl

    cl.set_language("mn")
    view = cl.glossary()
    box, table = view.children
    assert table.value.count("<tr>") == len(glossary.concepts()) + 1
    box.value = "power–interest"
    assert "эрх мэдэл–сонирхлын матриц" in table.value and table.value.count("<tr>") == 2
    box.value = "ээдрээтэй"  # a forbidden variant finds the term to use instead
    assert "нарийн төвөгтэй" in table.value
    box.value = "zzzz"
    assert "олдсонгүй" in table.value
    cl.set_language("en")
    try:
        assert "<th>Term</th>" in cl.glossary("coalition").children[1].value
    finally:
        cl.set_language("mn")


INFLECTED = yaml.safe_load((ROOT / "tests" / "fixtures" / "glossary-inflected-forms.yaml")
                           .read_text(encoding="utf-8"))


# ASCII ids: mutmut hands node ids back to pytest, and escaped Cyrillic ones did not select
@pytest.mark.parametrize("case", INFLECTED["found"],
                         ids=[f"found{n}" for n in range(len(INFLECTED["found"]))])
def test_an_inflected_forbidden_form_is_found_by_its_stem(case):
    """The three forms that escaped the dictionary-form match (issue 24, point 4)."""
    assert case["variant"] in [variant for _, variant, _ in glossary.find_forbidden(case["text"])]


@pytest.mark.parametrize("text", INFLECTED["spared"],
                         ids=[f"spared{n}" for n in range(len(INFLECTED["spared"]))])
def test_the_term_inflected_is_not_a_forbidden_form(text):
    assert glossary.find_forbidden(text) == []


def test_a_forbidden_variant_split_by_markdown_emphasis_is_found():
    # module 06 once wrote «өөрчлөлтийн хэрэгцээг **ойлгох**»: the bold hid it from the phrase
    from course_lib.content.glossary import find_forbidden

    hits = find_forbidden("өөрчлөлтийн хэрэгцээг **ойлгох**, оролцох **хүсэл**")
    assert [(concept, variant) for concept, variant, _ in hits] == [
        ("adkar_awareness", "хэрэгцээг ойлгох")]
    assert find_forbidden("snake_case_name and *italic* prose") == []


def _concept(cid, term, forbidden=()):
    return {"id": cid, "term": {"mn": term, "en": term}, "forbidden": list(forbidden)}


def test_validate_names_each_glossary_problem_and_where_it_is():
    from course_lib.content.schema_messages import Problem

    data = {"concepts": [_concept("pilot", "туршилт", ["санаачилга"]),
                         _concept("pilot", "Туршилт"),       # same id, same term (any case)
                         _concept("initiative", "санаачилга")]}  # forbidden by «pilot»
    assert [str(p) for p in glossary.semantic_problems("glossary.yaml", data)] == [
        str(Problem("glossary.yaml", "duplicate concept id", "concept pilot", "id")),
        str(Problem("glossary.yaml", "same term as pilot", "concept pilot", "term")),
        str(Problem("glossary.yaml", "forbids 'санаачилга', which is the term of initiative",
                    "concept pilot", "forbidden")),
    ]


def test_every_hit_is_reported_in_text_order_from_the_concepts_asked():
    among = [_concept("a", "нэгдүгээр", ["alpha", "beta"]), _concept("b", "хоёрдугаар", ["gamma"])]
    assert glossary.find_forbidden("gamma, beta, alpha beta", among) == [
        ("b", "gamma", 0), ("a", "beta", 7), ("a", "alpha", 13), ("a", "beta", 19)]
    assert glossary.find_forbidden("гол тоглогч", among) == []  # only the concepts asked


def test_an_inflected_variant_ending_the_text_is_found():
    assert [v for _, v, _ in glossary.find_forbidden("Бид тэдэнтэй нягт хамтарч")] == [
        "нягт хамтрах"]


def test_the_term_spares_only_itself_not_a_variant_later_in_the_text():
    text = "Эрх мэдэл өндөр бол нягт хамтарч ажиллана; бусадтай нягт хамтарч болно."
    hits = glossary.find_forbidden(text)
    assert [(v, pos) for _, v, pos in hits] == [("нягт хамтрах", text.rindex("нягт"))]


def test_a_hyphen_joins_a_phrase_and_a_comma_splits_it():
    assert [v for _, v, _ in glossary.find_forbidden("нягт - хамтарч")] == ["нягт хамтрах"]
    assert glossary.find_forbidden("нягт, хамтарч") == []


def test_hits_at_one_place_are_ordered_by_variant_and_search_keeps_to_its_pool():
    among = [_concept("a", "нэгдүгээр", ["alpha", "alp", "al"])]
    assert glossary.find_forbidden("alpha", among) == [("a", "al", 0), ("a", "alp", 0),
                                                       ("a", "alpha", 0)]
    pool = [dict(_concept("mine", "миний нэр томьёо"), definition={"mn": "", "en": ""})]
    assert glossary.search("нэр", pool) == pool and glossary.search("эвсэл", pool) == []
