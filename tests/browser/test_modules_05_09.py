"""Modules 05–09 in a real JupyterLab, in headless Chromium, offline: every cell runs without an
error output, one self-check question is answered by clicking and its feedback is read back."""

from __future__ import annotations

import labpage as lab
import pytest

from course_lib import i18n

# notebook, bank file, question id, option id to click (the right one)
MODULES = [
    ("05_stakeholders", "m05.deck_tip", "a"),
    ("06_team_support", "m06.deck_tip", "a"),
    ("07_buy_in", "m07.deck_approval", "a"),
    ("08_persistence", "m08.seventy", "a"),
    ("09_wrap_up", "m09.wave", "a"),
]


def _run_all(page) -> None:
    """Run every cell; if Lab shows a dialog instead, fail with its text (not just a timeout)."""
    try:
        lab.run_all_cells(page)
    except Exception as exc:
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        raise AssertionError(f"Run All did not finish; dialogs on the page: {dialogs}") from exc


@pytest.mark.browser
@pytest.mark.parametrize("module, qid, option_id", MODULES, ids=[m[0] for m in MODULES])
def test_module_runs_and_a_quiz_answers_by_click(page, lab_url, module, qid, option_id):
    lab.open_notebook(page, lab_url, f"notebooks/{module}.ipynb")
    _run_all(page)
    assert lab.error_outputs(page) == []
    assert lab.cut_button_labels(page) == []  # Mongolian labels are long: none may be cut
    number = module[:2]
    assert page.locator(".jp-RenderedMarkdown h1").first.inner_text().startswith(f"{number}.")

    question = lab.bank_question(module, qid)
    option = next(o for o in question["options"] if o["id"] == option_id)
    feedback = lab.answer_quiz_by_clicking(page, option["text"]["mn"],
                                           nth=lab.quiz_index(page, question["prompt"]["mn"]))
    i18n.set_language("mn")
    assert i18n.t("quiz.correct") in feedback  # the verdict, as the catalogue words it
    assert option["explain"]["mn"][:30] in feedback  # the bank's own explanation, in Mongolian
    lab.screenshot(page, module)


@pytest.mark.browser
def test_stakeholder_mapper_adds_a_row_in_the_browser(page, lab_url):
    lab.open_notebook(page, lab_url, "notebooks/05_stakeholders.ipynb")
    _run_all(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(state="visible", timeout=30_000)
    name = page.get_by_placeholder("жишээ нь: Аймгийн Засаг даргын Тамгын газар")
    name.scroll_into_view_if_needed()
    name.fill("Малчид")
    # the course's button, in its output (Lab's own toolbar, in Mongolian, has «… нүд нэмэх»)
    add = page.locator(".jp-OutputArea").get_by_role("button", name="Нэмэх")
    add.click()
    page.get_by_text("«Малчид» нэмэгдлээ.").wait_for(timeout=30_000)
    # sliders start at 3/3: low power, low interest — the monitor quadrant, named as the
    # catalogue names it (issue 24 reworded it)
    i18n.set_language("mn")
    monitor = i18n.t("explore.stakeholders.q.monitor")
    page.get_by_text(f"{monitor} (Малчид)").wait_for(timeout=30_000)
    # empty name: a Mongolian message, not a traceback
    name.fill("")
    add.click()
    page.get_by_text("хоосон нэрээр нэмэх боломжгүй").wait_for(timeout=30_000)
    assert lab.error_outputs(page) == []


@pytest.mark.browser
def test_team_climate_check_in_scores_and_advises_in_the_browser(page, lab_url):
    lab.open_notebook(page, lab_url, "notebooks/06_team_support.ipynb")
    _run_all(page)
    groups = page.locator(".cl-team-climate .widget-toggle-buttons")
    assert groups.count() == 7
    for i in range(7):  # "2" everywhere: items 1, 3, 5 are reverse-scored to 4
        groups.nth(i).locator("button", has_text="2").click()
    climate = page.locator(".cl-team-climate")
    climate.get_by_role("button", name="Үр дүнг харах").click()
    climate.get_by_text("Дундаж 2.9").wait_for(timeout=30_000)  # (3 * 4 + 4 * 2) / 7
    climate.get_by_text("Санал болгох алхмууд").wait_for(timeout=30_000)
    climate.locator(".js-plotly-plot .main-svg").first.wait_for(state="visible", timeout=30_000)
    assert lab.error_outputs(page) == []
