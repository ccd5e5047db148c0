"""The class dashboard opened from disk in headless Chromium, offline (tools/offline.sh):
every figure draws with all its marks, the trainee table sorts, and axe-core finds nothing."""

from __future__ import annotations

import dashboard_fixture as fx  # noqa: E402
import pytest
from labpage import ARTIFACTS, ROOT

from course_instructor.dashboard import build

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FIGURES = 6
# marks per figure on the 200 x 9 class: bars, boxes, item points, bars, boxes, objective bars
MARKS = {"completion": 9, "scores": 9, "items": 36, "pending": 9, "reflection_scores": 9,
         "objectives": 16}
_MARKS_JS = """f => f.querySelectorAll(
  '.barlayer .point, .boxlayer .trace.boxes, .scatterlayer .trace .points .point').length"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    big = tmp_path_factory.mktemp("class200")
    fx.build(big / "gradebook.db", 200)
    fx.objectives_files(big / "data")
    empty = tmp_path_factory.mktemp("empty")
    fx.build(empty / "gradebook.db", 0, n_assignments=0)
    return {"big": build.build(big, big / "dashboard", big / "data"),
            "empty": build.build(empty, empty / "dashboard", empty / "data")}


def open_dashboard(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_selector(f"body[data-drawn='{FIGURES}']", timeout=60_000)
    return page, errors


def axe_violations(page) -> list:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm install of axe-core)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document)).violations
        .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))""")


@pytest.mark.parametrize("name", ["index.html", "en.html"])
def test_every_figure_draws_all_its_marks(browser, pages, name):
    page, errors = open_dashboard(browser, pages["big"].with_name(name))
    try:
        for fid, marks in MARKS.items():
            figure = page.locator(f"#{fid}")
            assert figure.locator(".main-svg").count() >= 1, fid
            assert figure.evaluate(_MARKS_JS) == marks, fid
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"dashboard_{name.split('.')[0]}.png"),
                        full_page=True)
        assert axe_violations(page) == []
        assert errors == []
    finally:
        page.close()


def test_empty_gradebook_page_draws_and_passes_axe(browser, pages):
    page, errors = open_dashboard(browser, pages["empty"])
    try:
        assert page.locator(".figure .main-svg").count() >= FIGURES
        page.screenshot(path=str(ARTIFACTS / "dashboard_empty.png"), full_page=True)
        assert axe_violations(page) == []
        assert errors == []
    finally:
        page.close()


def test_trainee_table_sorts_by_a_column(browser, pages):
    page, _ = open_dashboard(browser, pages["big"])
    try:
        table = page.locator("#table-h + p + .scroll table")
        first_total = "r => r.querySelector('tbody tr td:last-child').dataset.v"
        total = table.locator("th button").last
        total.click()
        assert table.locator("th").last.get_attribute("aria-sort") == "ascending"
        assert float(table.evaluate(first_total)) == 2   # s192: a01 only, reflection pending
        total.click()
        assert float(table.evaluate(first_total)) == 9 * 12   # every assignment, all 12
    finally:
        page.close()
