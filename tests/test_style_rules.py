"""Style rules a machine enforces (issue 24, point 6) over every string a trainee reads: locale,
questions, cases, plan, notebooks' and assignments' markdown and the strings of their code cells.
The rules and their documented exceptions live in course_instructor/authoring/style_rules.py;
rerun them with `course-author style`."""

from pathlib import Path

import pytest

from course_instructor.authoring import style_rules as sr
from course_instructor.authoring import trainee_text

ROOT = Path(__file__).resolve().parent.parent

LOCALE = sr.load_locale(ROOT)
LABELS = sr.button_labels(LOCALE)


def test_every_trainee_string_keeps_the_style_rules():
    texts = sr.collect(ROOT)
    assert len(texts) > 1000 and len(texts) == len(
        [w for w, _ in trainee_text.collect(ROOT, only_mn=True, hidden=False)
         if not w.startswith(("data/glossary.yaml", "data/spelling"))])
    found = sr.check_all(texts, LOCALE)
    assert not found, f"{len(found)} style violation(s):\n" + "\n".join(map(str, found))


@pytest.mark.parametrize("text, rule", [
    ('Слайдад "сэтгэл ханамжтай байлгах" гэсэн.', "quotes"),
    ("Ихэнхдээ инноваци “томоохон давалгаа” байдлаар хийгддэггүй.", "quotes"),
    ("Энэ бол manage closely хандлага.", "latin"),
    ("Матрицыг шинэчилнэ (Mendelow, 1981; Johnson & Scholes-ийн хувилбар).", "latin"),
    ("| Үр нөлөө | OECD; OPSI case criteria and lifecycle |", "english"),
    ("Ахицаа өөр компьютерт «Оруулах» товчоор буцааж оруулна.", "button"),
    # the two citation exceptions stay narrow: English prose after «et al.» is still English,
    # a quotation after a year that is not a cited title, or in Cyrillic, still takes «»
    ("Folke et al. found that governance adapts, гэж бичсэн.", "english"),
    ('Mendelow (1981), "сэтгэл ханамжтай байлгах" гэж бичсэн.', "quotes"),
    ('Слайдад "Keep Satisfied" гэсэн (1981).', "quotes"),
    # a site's closing parenthesis used to be eaten with the site, hiding the rest of the cell
    ("Мөчлөг (oecd-opsi.org/projects/x), дараа нь we keep the rest in English.", "english"),
    ("Шагнал (https://publicadministration.un.org) бол НҮБ-ын material here for all.", "english"),
])
def test_a_slip_breaks_its_rule(text, rule):
    assert {v.rule for v in sr.check_text("x", text, LABELS)} == {rule}


@pytest.mark.parametrize("text", [
    "Слайдад «сэтгэл ханамжтай байлгах» гэсэн.",
    "Эрх мэдэл–сонирхлын матриц (Mendelow power–interest grid) нь хэрэгсэл.",
    "Менделоу (Mendelow) болон IAP2-ын хүрээ, e-Mongolia-ийн жишээ, JupyterLab-д нээнэ.",
    "**1. Богино хариулт / short answer.** Асуулт?\n*Type your answer between the quotes.*",
    "Хариултаа хашилтын (\"\") дотор бичнэ; `cl.quiz(\"m01\")` нүдийг ажиллуулна.",
    "Монгол хэлээр бол \"mn\" гэж бичнэ.",
    "q нь p-ээс их үед муруй S хэлбэртэй; dF/dt тэгшитгэл.",
    "Сонголтоо хийгээд **«Шалгах»** товчийг дарна; «Ахиц оруулах» товчоор сэргээнэ; "
    "«Ахицаа татаж авах» товчоор татна; **Монгол | English** товчоор хэлээ сонгоно.",
    "- Hughes, M. (2011), \"Do 70 per cent of all organizational change initiatives fail?\"",
    "Only English here, \"quoted\" and all: this is the English mode.",
    # a reading list's row of authors and a Latin title in its own quotes (09's summary table
    # and further reading): citations, not English sentences or Mongolian quotations
    "| 04. Дасан зохицох засаглал | Heifetz (1994), Folke et al. (2005), Snowden & Boone (2007) |",
    "- Mendelow, A.L. (1981), \"Environmental Scanning: The Impact of the Stakeholder Concept\", "
    "*ICIS 1981 Proceedings*; Johnson & Scholes (эрх мэдэл–сонирхлын матриц)",
])
def test_good_style_passes(text):
    assert sr.check_text("x", text, LABELS) == []


def test_button_labels_come_from_the_locale():
    assert "ахиц оруулах" in LABELS and "шалгах" in LABELS and "оруулах" not in LABELS


def test_an_acronym_is_expanded_at_its_first_use_in_a_module():
    good = [("a", "Эдийн засгийн хамтын ажиллагаа, хөгжлийн байгууллага (ЭЗХАХБ) гэж бий."),
            ("b", "ЭЗХАХБ-ын шинж."), ("c", "IAP2 (Олон нийтийн оролцооны олон улсын холбоо)")]
    assert sr.check_acronyms("m01", good) == []
    bad = [("a", "ЭЗХАХБ-ын гурван шинж."), ("b", "ЭЗХАХБ (Эдийн засгийн …) гэж.")]
    found = sr.check_acronyms("m01", bad)
    assert [(v.rule, v.where) for v in found] == [("acronym", "a")]
    assert "ЭЗХАХБ" in str(found[0]) and "m01" in str(found[0])


def test_texts_are_grouped_by_module_and_assignment():
    assert sr.unit_of("notebooks/05_stakeholders.ipynb cell 3") == "m05"
    assert sr.unit_of("data/cases/05_stakeholders.yaml cases[0]/x/mn") == "m05"
    assert sr.unit_of("assignments/source/a05_stakeholders/a05_stakeholders.ipynb cell 2") == "a05"
    assert sr.unit_of("data/locale/core.yaml setup.x/mn") is None
