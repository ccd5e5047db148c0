"""Issue 23, point 1 (a): nbgrader's Assignments tab speaks the trainee's language.

nbgrader 0.9.6 draws its tab in English literals; the course's extension
(packages/jupyterlab-course/src/nbgrader.ts) applies the language pack's `nbgrader` domain to
it. A trainee opens it from the menu bar as they would: the tab, its menu, headings, empty-list
texts and the refresh tooltip are Mongolian, no English text of nbgrader's is left; with the
language menu on English, the same tab is English again.
"""

from __future__ import annotations

import json
import re

import pytest
from labpage import ARTIFACTS, fail_on_dialog
from labserver import ROOT

pytestmark = pytest.mark.browser
OPEN = "nbgrader:open-assignment-list"
PANEL = "#nbgrader-assignment-list"
TAB = "li.lm-TabBar-tab[data-id='nbgrader-assignment-list']"
TS = ROOT / "packages" / "jupyterlab-course" / "src" / "nbgrader.ts"
SETTINGS = "@jupyterlab/translation-extension:plugin"


def english_messages() -> list[str]:
    """nbgrader's English texts the extension translates (its MESSAGES list)."""
    block = TS.read_text(encoding="utf-8").split("export const MESSAGES", 1)[1].split("];")[0]
    return re.findall(r"'((?:[^'\\]|\\.)*)'", block)


def _open_tab(page, lab_url: str, menu_title: str) -> None:
    page.goto(f"{lab_url}/lab?reset", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand("
                           f"'{OPEN}')", timeout=120_000)
    page.evaluate("() => window.jupyterapp.restored")
    fail_on_dialog(page, "after opening Lab")
    # nbgrader's menu, as a trainee opens it: the bar item holding its command
    bar = page.locator(".lm-MenuBar-content > .lm-MenuBar-item", has_text=menu_title)
    bar.first.click()
    page.locator(f".lm-Menu .lm-Menu-item[data-command='{OPEN}']").first.click()
    panel = page.locator(PANEL)
    panel.wait_for(state="visible", timeout=60_000)
    # nbgrader has loaded its lists once the "loading" lines are hidden
    page.wait_for_function(
        "() => [...document.querySelectorAll('#nbgrader-assignment-list .list_loading')]"
        ".every(e => e.offsetParent === null)", timeout=60_000)
    page.wait_for_timeout(500)


def _set_locale(page, lab_url: str, locale: str) -> None:
    page.evaluate(
        "([id, raw]) => window.jupyterapp.serviceManager.settings.save(id, raw)",
        [SETTINGS, json.dumps({"locale": locale})])


def test_assignments_tab_is_mongolian_and_english_after_the_language_menu(page, lab_url):
    _open_tab(page, lab_url, "Даалгавар")
    text = page.locator(PANEL).inner_text()
    for heading in ("Нийтлэгдсэн даалгаврууд", "Татсан даалгаврууд", "Илгээсэн даалгаврууд"):
        assert heading in text, text
    left = [m for m in english_messages() if m in text and m not in ("Assignments",)]
    assert left == [], f"English left in the Assignments tab: {left}"
    assert page.locator(TAB).inner_text().strip() == "Даалгаврууд"
    assert page.locator("#refresh_assignments_list").get_attribute("title") == \
        "Даалгаврын жагсаалтыг шинэчлэх"
    assert "Даалгавар" in page.locator(".lm-MenuBar-content").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "nbgrader_assignments_mn.png"))
    try:
        _set_locale(page, lab_url, "en")
        _open_tab(page, lab_url, "Nbgrader")
        text = page.locator(PANEL).inner_text()
        assert "Released assignments" in text and "Нийтлэгдсэн" not in text, text
        assert page.locator(TAB).inner_text().strip() == "Assignments"
        page.screenshot(path=str(ARTIFACTS / "nbgrader_assignments_en.png"))
    finally:  # the tier's server is shared: every other test runs in Mongolian
        _set_locale(page, lab_url, "mn_MN")
