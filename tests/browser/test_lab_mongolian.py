"""Issue 23: `make lab` as the README gives it speaks Mongolian on a trainee's whole route.

Menus and submenus, toolbar tooltips, the status bar, side panels, the file browser, the
Launcher, the cell, tab and file context menus, ⏩'s restart dialog and the rename,
change-kernel and close dialogs show no English word outside the allowed names
(lab_route.ALLOWED) and what no pack can translate (the pack's route.yaml); a module reopened
after its kernel is gone shows the course's Mongolian placeholder, never "Error displaying
widget"; Settings ▸ Language switches to English and back.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import json

import lab_route as lr
import pytest
from labpage import ARTIFACTS, BUSY, IDLE, pending_cells, wait_for_cells
from labserver import open_page, stop_kernels

from course_lib import i18n

pytestmark = pytest.mark.browser
WELCOME = "notebooks/00_welcome.ipynb"
MODULE = "notebooks/01_definition.ipynb"
RESTART_RUN_ALL = ".jp-NotebookPanel-toolbar [data-command='notebook:restart-run-all']"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell >> visible=true", timeout=120_000)
    page.wait_for_selector(IDLE, timeout=120_000)


def _press_restart_run_all(route: lr.Route, step: str) -> None:
    """⏩ and its dialog accepted; pressed once more if a kernel still starting let the first
    press run nothing (a loaded machine, as for labpage.run_all_cells)."""
    page = route.page
    for _ in range(2):
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(RESTART_RUN_ALL).first.click()
        lr.dialog(route, step, accept=True)
        page.wait_for_timeout(3000)
        if pending_cells(page) == 0 or page.locator(BUSY).count():
            break
        page.wait_for_selector(IDLE, timeout=120_000)
    wait_for_cells(page)


def _assert_mongolian(route: lr.Route, where: str) -> None:
    """No English on what the route looked at (the findings also go to tests/artifacts/)."""
    english = route.english(lr.untranslatable())
    (ARTIFACTS / "lab_mongolian_english.json").write_text(
        json.dumps(english, ensure_ascii=False, indent=1), encoding="utf-8")
    problems = "\n".join(f"{step}: {texts}" for step, texts in english.items())
    assert problems == "", f"English on {where}:\n{problems}"


@contextlib.contextmanager
def _module_opened(browser, base: str):
    """Module 01 opened afresh in a page of its own, its route watched; every kernel stopped
    after (closing the page closes the tab)."""
    with open_page(browser, base) as page:
        route = lr.Route(page)
        _open(page, f"{base}/lab/tree/{MODULE}?reset")
        yield page, route
    stop_kernels(base)


def test_trainee_route_in_mongolian(browser, make_lab):
    base, printed, log = make_lab
    with open_page(browser, base) as page:
        route = lr.Route(page)
        _open(page, printed[0])
        route.look("welcome opened")
        _shot(page, "lab_mn_welcome")
        assert lr.open_menus(route) >= 8 + 3  # File … Help, and their submenus
        page.locator(".jp-Notebook .jp-Cell").first.click()
        lr.context_menu(route, ".jp-Notebook .jp-Cell", "cell context menu")
        lr.context_menu(route, ".lm-DockPanel-tabBar .lm-TabBar-tab", "tab context menu")
        lr.side_panels(route)
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab").first.click()  # file browser
        page.locator(".jp-DirListing-item").first.wait_for(timeout=30_000)
        route.look("file browser")
        lr.context_menu(route, ".jp-DirListing-item", "file context menu")
        _shot(page, "lab_mn_file_browser")
        page.locator(".jp-FileBrowser-toolbar .jp-ToolbarButtonComponent").first.click()
        page.locator(".jp-Launcher").first.wait_for(timeout=30_000)
        route.look("launcher")
        _shot(page, "lab_mn_launcher")
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="00_welcome").first.click()
        page.wait_for_selector(IDLE, timeout=60_000)

        # ⏩, as the first cell asks: the restart dialog is Mongolian, then everything runs
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(RESTART_RUN_ALL).first.click()
        page.locator(".jp-Dialog").wait_for(timeout=30_000)
        _shot(page, "lab_mn_restart_dialog")
        page.locator(".jp-Dialog .jp-mod-reject").last.click()  # then as a trainee goes on:
        _press_restart_run_all(route, "⏩ restart dialog")
        route.look("after ⏩")
        _shot(page, "lab_mn_after_run_all")

        lr.command_from_menu(page, "docmanager:rename")
        lr.dialog(route, "rename dialog")
        lr.command_from_menu(page, "kernelmenu:change")
        lr.dialog(route, "change kernel dialog")
        lr.command_from_menu(page, "filemenu:close-and-cleanup")
        lr.dialog(route, "close and shut down dialog")
        _assert_mongolian(route, "the trainee's route")
    stop_kernels(base)


def test_reopened_module_shows_a_placeholder_not_a_dead_widget(browser, make_lab):
    """A module run, saved and closed (its kernel stops with the tab), then opened again."""
    base, printed, log = make_lab
    with _module_opened(browser, base) as (page, route):
        _press_restart_run_all(route, "module ⏩")
        page.keyboard.press("Control+s")
        page.wait_for_timeout(2000)
    with _module_opened(browser, base) as (page, route):
        page.wait_for_timeout(3000)  # the widget manager gives up on unknown models after 2 s
        outputs = " ".join(page.locator(".jp-OutputArea").all_inner_texts())
        _shot(page, "lab_mn_reopened_module")
        assert "Error displaying widget" not in outputs
        assert i18n.t("saved_views.placeholder", lang="mn") in outputs
        route.look("reopened module")
        _assert_mongolian(route, "the reopened module")


def test_language_menu_switches_to_english_and_back(browser, make_lab):
    base, printed, log = make_lab
    with open_page(browser, base) as page:
        _open(page, printed[0])
        for locale, word in (("en", "File"), ("mn_MN", "Файл")):
            lr.command_from_menu(page, f"jupyterlab-translation:{locale}")
            # Lab asks to reload the page in the new language
            page.locator(".jp-Dialog .jp-mod-accept").click()
            page.wait_for_load_state("domcontentloaded")
            page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=120_000)
            page.locator(f".lm-MenuBar-itemLabel:text-is('{word}')").wait_for(timeout=60_000)
            _shot(page, f"lab_language_{locale}")
    stop_kernels(base)
