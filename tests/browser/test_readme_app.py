"""Issue 13, point 3 through the README's `make app`: the course as pages with nothing to run.

A trainee opens the printed URL, picks the welcome page, sees working widgets without Run All,
and the prev/next links move between modules inside the app.
"""

from __future__ import annotations

import pytest
from labpage import ARTIFACTS
from labserver import open_page

pytestmark = pytest.mark.browser


def _page_ready(page) -> None:
    page.locator(".cl-quiz, .cl-plan, .widget-button").first.wait_for(timeout=180_000)
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator("text=cl.quiz(").count() == 0  # no code shown


def test_app_serves_modules_as_pages_and_the_links_move_between_them(browser, make_app):
    base, printed, _ = make_app
    assert printed, "make app printed no URL"
    with open_page(browser, base) as home:
        # Voilà prints localhost; the page may reach only 127.0.0.1 (the same server)
        home.goto(printed[0].replace("//localhost:", "//127.0.0.1:"), wait_until="domcontentloaded")
        with home.context.expect_page() as opened:
            home.get_by_text("00_welcome.ipynb").click()  # the home list opens a new tab
        page = opened.value
        page.wait_for_url("**/voila/render/00_welcome.ipynb*", timeout=60_000)
        _page_ready(page)
        quiz = page.locator(".cl-quiz").first
        quiz.locator("input[type=radio], input[type=checkbox]").first.check()
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
