"""Issue 13, point 3 and issue 23, point 4 through the README's `make app`: the course as pages
with nothing to run, in Mongolian and accessible.

A trainee opens the printed URL: a Mongolian page list (`lang="mn"`, a `<main>` landmark) with
the modules in course order under their titles (data/modules.yaml); picks the welcome page and
sees working widgets without Run All; the prev/next links move between modules inside the app.
axe-core finds no violation on the list nor on any module page.
"""

from __future__ import annotations

import json

import pytest
from labpage import ARTIFACTS
from labserver import open_page
from readability import axe_violations

from course_lib.content.course_map import modules

pytestmark = pytest.mark.browser
PAGE_LIST_JS = """() => [...document.querySelectorAll('main ol li a')].map(a => [
  a.textContent.replace(/\\s+/g, ' ').trim(), a.getAttribute('href')])"""


def _home_url(printed: list[str]) -> str:
    # Voilà prints localhost; the page may reach only 127.0.0.1 (the same server)
    return printed[0].replace("//localhost:", "//127.0.0.1:")


def _is_mongolian_with_main(page) -> None:
    assert page.evaluate("() => document.documentElement.lang") == "mn"
    assert page.locator("main").count() == 1


def _no_axe_violations(page, name: str) -> None:
    found = axe_violations(page)
    if found:
        (ARTIFACTS / f"axe_{name}.json").write_text(
            json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    assert found == [], f"axe on {name}: " + "; ".join(
        f"{v['id']} ({v['impact']}) {v['html'][:80]}" for v in found)


def _page_ready(page) -> None:
    page.locator(".cl-quiz, .cl-plan, .widget-button").first.wait_for(timeout=180_000)
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator("text=cl.quiz(").count() == 0  # no code shown


def test_app_lists_the_modules_in_mongolian_in_course_order(browser, make_app):
    base, printed, _ = make_app
    assert printed, "make app printed no URL"
    with open_page(browser, base) as home:
        home.goto(_home_url(printed), wait_until="domcontentloaded")
        _is_mongolian_with_main(home)
        listed = home.evaluate(PAGE_LIST_JS)
        assert [text for text, _ in listed] == [f"{m.number} {m.title('mn')}" for m in modules()]
        assert [href.rsplit("/", 1)[-1] for _, href in listed] == [
            m.notebook for m in modules()]
        assert home.get_by_text("Select items to open").count() == 0  # Voilà's English header
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        home.screenshot(path=str(ARTIFACTS / "make_app_page_list.png"), full_page=True)
        _no_axe_violations(home, "make_app_page_list")


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.notebook)
def test_every_module_page_is_mongolian_and_accessible(browser, make_app, module):
    base = make_app[0]
    with open_page(browser, base) as page:
        page.goto(f"{base}/voila/render/{module.notebook}", wait_until="domcontentloaded")
        _page_ready(page)
        page.wait_for_timeout(2000)  # the last outputs and figures settle
        _is_mongolian_with_main(page)
        # every cell's output is inside the landmark (axe's `region` rule)
        assert page.locator("main .jp-OutputArea-output").count() == page.locator(
            ".jp-OutputArea-output").count() > 0
        _no_axe_violations(page, f"make_app_{module.number}")


def test_app_serves_modules_as_pages_and_the_links_move_between_them(browser, make_app):
    base, printed, _ = make_app
    with open_page(browser, base) as page:
        page.goto(_home_url(printed), wait_until="domcontentloaded")
        page.get_by_role("link", name=modules()[0].title("mn")).click()  # the welcome page
        page.wait_for_url("**/voila/render/00_welcome.ipynb*", timeout=60_000)
        _page_ready(page)
        # the tier's earlier tests share this learner record: a question still open (one answered
        # right is locked), and another option than any shown
        choice = "input[type=radio]:not(:checked), input[type=checkbox]:not(:checked)"
        open_one = page.locator(".cl-quiz").evaluate_all(
            "(qs, sel) => qs.findIndex(q => q.querySelector(sel))",
            "input[type=radio]:not([disabled]), input[type=checkbox]:not([disabled])")
        quiz = page.locator(".cl-quiz").nth(open_one)
        quiz.locator(choice).first.check()
        quiz.locator(".cl-check").first.click()  # works without Run All
        quiz.locator(".cl-feedback").first.wait_for(state="visible", timeout=60_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "make_app_welcome.png"), full_page=True)
        page.goto(f"{base}/voila/render/01_definition.ipynb", wait_until="domcontentloaded")
        _page_ready(page)
        page.locator("a[href$=\"02_wave.ipynb\"]").first.click()  # the generated next link
        page.wait_for_url("**/voila/render/02_wave.ipynb*", timeout=60_000)
        _page_ready(page)
        page.locator("a[href$=\"01_definition.ipynb\"]").first.click()  # and back
        page.wait_for_url("**/voila/render/01_definition.ipynb*", timeout=60_000)
        _page_ready(page)
        page.screenshot(path=str(ARTIFACTS / "make_app_01.png"), full_page=True)
