"""Modules 01–04 in a real JupyterLab, in headless Chromium, offline: every cell runs without an
error output, the plotted exploration is drawn, one self-check question is answered by clicking
and its feedback is read back; a screenshot per module under tests/artifacts/."""

from __future__ import annotations

import labpage as lab
import pytest

from course_lib import i18n

# notebook, question id, option id to click (the right one)
MODULES = [
    ("01_definition", "m01.process", "a"),
    ("02_wave", "m02.hokusai", "a"),
    ("03_approaches", "m03.q_meaning", "a"),
    ("04_adaptive_governance", "m04.deck_principle", "a"),
]


@pytest.mark.browser
@pytest.mark.parametrize("module, qid, option_id", MODULES, ids=[m[0] for m in MODULES])
def test_module_runs_draws_and_a_quiz_answers_by_click(page, lab_url, module, qid, option_id):
    lab.open_notebook(page, lab_url, f"notebooks/{module}.ipynb")
    lab.run_all_cells(page)
    assert lab.error_outputs(page) == []
    assert lab.cut_button_labels(page) == []  # Mongolian labels are long: none may be cut
    assert page.locator(".jp-RenderedMarkdown h1").first.inner_text().startswith(module[:2] + ".")
    # the exploration's figure is drawn by the offline plotly renderer inside its Output widget
    page.locator(".widget-output .js-plotly-plot .main-svg").first.wait_for(
        state="visible", timeout=60_000)

    question = lab.bank_question(module, qid)
    option = next(o for o in question["options"] if o["id"] == option_id)
    feedback = lab.answer_quiz_by_clicking(page, option["text"]["mn"],
                                           nth=lab.quiz_index(page, question["prompt"]["mn"]))
    i18n.set_language("mn")
    assert i18n.t("quiz.correct") in feedback
    assert option["explain"]["mn"][:30] in feedback
    lab.screenshot(page, module)


@pytest.mark.browser
def test_the_wave_figure_is_drawn_from_the_plain_spec(page, lab_url):
    # the kernel builds figures as plain JSON (course_lib/figures/_spec.py): plotly.js must read
    # its title and axis objects and draw all three traces
    lab.open_notebook(page, lab_url, "notebooks/02_wave.ipynb")
    lab.run_all_cells(page)
    plot = page.locator(".widget-output .js-plotly-plot").first
    plot.locator(".main-svg").first.wait_for(state="visible", timeout=60_000)
    i18n.set_language("mn")
    assert plot.locator(".gtitle").text_content() == i18n.t("explore.wave.title")
    assert plot.locator(".xtitle").text_content() == i18n.t("explore.wave.x")
    assert plot.locator(".scatterlayer .trace").count() == 3
    assert plot.locator(".legend .traces").count() == 3


@pytest.mark.browser
def test_criteria_sorter_checks_in_the_browser(page, lab_url):
    lab.open_notebook(page, lab_url, "notebooks/01_definition.ipynb")
    lab.run_all_cells(page)
    boxes = page.locator(".cl-explore-criteria .widget-checkbox input[type='checkbox']")
    for i in range(3):  # e-Mongolia, the first case, shows all three characteristics
        boxes.nth(i).scroll_into_view_if_needed()
        boxes.nth(i).check()
    check = page.locator("button.cl-explore-check")
    check.scroll_into_view_if_needed()
    check.click()
    # only e-Mongolia is fully right: the others still have a box that should (not) be ticked
    page.get_by_text("6 тохиолдлоос 1 нь бүрэн зөв.").wait_for(timeout=30_000)
    page.get_by_text("✔ Зөв — e-Mongolia").wait_for(timeout=30_000)
    assert lab.error_outputs(page) == []


# each tick label of the figure's column headers against its title: boxes, and any rotation
_HEADERS_VS_TITLE_JS = """(plot) => {
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const title = plot.querySelector('.gtitle');
  const ticks = [...plot.querySelectorAll('.xtick text')];
  return {title: title ? box(title) : null,
          ticks: ticks.map(t => ({text: t.textContent, box: box(t),
            rotated: /rotate\\((?!0[,)])/.test(t.getAttribute('transform') || '')}))};
}"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] \
        and b["top"] < a["bottom"]


@pytest.mark.browser
def test_criteria_figure_headers_clear_its_title_at_1024x768(page, lab_url):
    """Issue 23.3: on a 1024×768 screen the criteria grid's column headers (on top) neither
    overlap the figure's title nor turn sideways, and no text is cut at the figure's edge."""
    from readability import clipped_figure_text

    lab.open_notebook(page, lab_url, "notebooks/01_definition.ipynb")
    lab.run_all_cells(page)
    # then the small screen (at 1024 px Lab folds the toolbar's kernel indicator that
    # open_notebook waits on); Check draws the figure anew at this width
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_timeout(1000)
    check = page.locator("button.cl-explore-check")
    check.scroll_into_view_if_needed()
    check.click()  # checked: each mark gets its «Зөв»/«Буруу» word too
    page.get_by_text("тохиолдлоос").first.wait_for(timeout=30_000)
    plot = page.locator(".cl-explore-criteria .js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    plot.locator(".xtick text").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # plotly's automargin redraw
    drawn = plot.evaluate(_HEADERS_VS_TITLE_JS)
    i18n.set_language("mn")
    assert plot.locator(".gtitle").text_content() == i18n.t("explore.criteria.title")
    assert len(drawn["ticks"]) == 4, drawn
    assert [t["text"] for t in drawn["ticks"] if t["rotated"]] == []
    assert [t["text"] for t in drawn["ticks"] if _overlap(t["box"], drawn["title"])] == []
    assert [c for c in clipped_figure_text(page)
            if c["figure"] == i18n.t("explore.criteria.title")] == []
    lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    plot.screenshot(path=str(lab.ARTIFACTS / "criteria_figure_1024x768.png"))
