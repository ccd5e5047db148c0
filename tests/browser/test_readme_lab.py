"""Issue 13 through the README's own commands: `make lab` (trainee) and `make lab-instructor`.

One server root for everyone (the repository), the printed URL lands on the welcome notebook on a
first and on a second visit, module links of the `lab/tree/notebooks/...` (Binder) form open,
trainees see no nbgrader tools, instructors reach formgrader, a closed tab stops its kernel, and
command-mode keys pressed inside a course widget stay in the widget.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from labpage import fail_on_dialog, open_notebook, run_all_cells, screenshot
from labserver import open_page, stop_kernels

pytestmark = pytest.mark.browser
WELCOME = "notebooks/00_welcome.ipynb"
CURRENT_PATH_JS = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return w && w.context ? w.context.path : null; }"""
CELLS_JS = """() => { const nb = window.jupyterapp.shell.currentWidget.content;
  return nb.widgets.map(c => c.model.type); }"""
ACTIVE_JS = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"


def _lands_on(page, url: str, path: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    # a restored workspace may hold other notebooks in hidden tabs: wait for a visible cell
    page.wait_for_selector(".jp-Notebook .jp-Cell >> visible=true", timeout=120_000)
    page.wait_for_function(f"() => ({CURRENT_PATH_JS})() === {json.dumps(path)}",
                           timeout=60_000)
    assert page.locator(".jp-Launcher:visible").count() == 0
    fail_on_dialog(page, "on " + url)


def _sessions(base: str) -> list[dict]:
    with urllib.request.urlopen(f"{base}/api/sessions", timeout=10) as resp:
        return json.load(resp)


def _stop_kernels(base: str) -> None:
    stop_kernels(base)


def test_printed_url_lands_on_the_welcome_notebook_first_and_second_visit(browser, make_lab):
    base, printed, log = make_lab
    assert printed and all(u.endswith("/lab/tree/" + WELCOME) for u in printed), printed
    with open_page(browser, base) as page:
        _lands_on(page, printed[0], WELCOME)  # first visit: an empty workspace
        page.wait_for_timeout(3000)  # the news toast would have appeared by now
        toasts = " ".join(page.locator(".Toastify__toast").all_inner_texts())
        assert "news" not in toasts.lower(), toasts
        screenshot(page, "make_lab_first_visit")
    with open_page(browser, base) as page:
        _lands_on(page, printed[0], WELCOME)  # second visit: the saved workspace is restored
    with open_page(browser, base) as page:
        _lands_on(page, base + "/lab", WELCOME)  # a bare /lab restores the last workspace
    text = log.read_text()
    assert "not a subdirectory" not in text
    assert not server_tracebacks(text), server_tracebacks(text)
    _stop_kernels(base)


@pytest.mark.parametrize("name", ["01_definition.ipynb", "09_wrap_up.ipynb"])
def test_binder_style_links_open_modules(browser, make_lab, name):
    base = make_lab[0]
    with open_page(browser, base) as page:
        _lands_on(page, f"{base}/lab/tree/notebooks/{name}", f"notebooks/{name}")
        assert page.get_by_text("Could not find path").count() == 0
    _stop_kernels(base)


def test_binder_page_view_link_is_served(make_lab):
    """The README's Binder page-view link (`urlpath=voila/render/notebooks/...`): Voilà's
    server extension renders the notebook inside the `make lab` server, as on Binder."""
    base = make_lab[0]
    with urllib.request.urlopen(f"{base}/voila/render/{WELCOME}", timeout=180) as resp:
        html = resp.read().decode("utf-8")
    assert resp.status == 200 and "Төрийн албаны инноваци" in html
    assert "Traceback" not in html
    _stop_kernels(base)


# the menu bar's menus by id (their labels are translated): nbgrader's is jp-mainmenu-nbgrader
MENU_IDS_JS = """() => [...window.jupyterapp.shell.widgets('menu')].filter(w => w.menus)
  .flatMap(bar => bar.menus.map(m => m.id))"""


def _menus(page) -> list[str]:
    menus = page.evaluate(MENU_IDS_JS)
    assert "jp-mainmenu-file" in menus, menus  # the menu bar was read at all
    return menus


def _nbgrader_commands(page) -> list[str]:
    return page.evaluate("""() => window.jupyterapp.commands.listCommands()
        .filter(c => c.toLowerCase().includes('nbgrader') || c.includes('formgrader'))""")


def test_trainee_sees_no_instructor_tools(browser, make_lab):
    base, printed, _ = make_lab
    with open_page(browser, base) as page:
        _lands_on(page, printed[0], WELCOME)
        assert "jp-mainmenu-nbgrader" not in _menus(page)
        assert _nbgrader_commands(page) == []
        assert page.get_by_text("Create Assignment").count() == 0
        assert page.get_by_text("formgrader encountered an error").count() == 0
    _stop_kernels(base)


def test_instructor_command_reaches_formgrader(browser, make_lab_instructor):
    base, printed, _ = make_lab_instructor
    with open_page(browser, base) as page:
        _lands_on(page, printed[0], WELCOME)
        assert "jp-mainmenu-nbgrader" in _menus(page) and _nbgrader_commands(page)
        page.goto(base + "/formgrader", wait_until="domcontentloaded")
        page.locator("text=a01_definition >> visible=true").first.wait_for(timeout=60_000)
        assert page.get_by_text("formgrader encountered an error").count() == 0
        screenshot(page, "make_lab_instructor_formgrader")
    assert "not a subdirectory" not in make_lab_instructor[2].read_text()
    _stop_kernels(base)


def test_closing_a_tab_stops_its_kernel_without_a_dialog(browser, make_lab):
    base = make_lab[0]
    _stop_kernels(base)
    with open_page(browser, base) as page:
        open_notebook(page, base, "notebooks/01_definition.ipynb")
        for _ in range(40):
            if _sessions(base):
                break
            page.wait_for_timeout(500)
        assert [s["path"] for s in _sessions(base)] == ["notebooks/01_definition.ipynb"]
        # autosave (every 10 s in lab-config) clears the change Lab makes on opening
        page.wait_for_function(
            "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
        page.locator(".lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabCloseIcon").click()
        page.wait_for_timeout(500)
        fail_on_dialog(page, "after closing the tab")
        for _ in range(40):
            if not _sessions(base):
                break
            page.wait_for_timeout(500)
        assert _sessions(base) == []


def test_keys_pressed_in_a_quiz_stay_in_the_quiz(browser, make_lab):
    base = make_lab[0]
    with open_page(browser, base) as page:
        open_notebook(page, base, WELCOME)
        run_all_cells(page)
        radios = page.locator(".cl-quiz").first.locator("input[type=radio]")
        assert radios.count() >= 2
        radios.first.scroll_into_view_if_needed()
        radios.first.check()
        radios.first.focus()
        before, active = page.evaluate(CELLS_JS), page.evaluate(ACTIVE_JS)
        page.keyboard.press("ArrowDown")  # the next option, not the next cell
        assert radios.nth(1).is_checked() and not radios.first.is_checked()
        assert page.evaluate(ACTIVE_JS) == active
        for key in ("m", "y", "d", "d", "x", "a", "b"):
            page.keyboard.press(key)  # no cell converted, deleted, cut or added
        page.wait_for_timeout(500)
        assert page.evaluate(CELLS_JS) == before
        # outside the widgets the notebook keys still work, and `d d` cannot delete course cells
        page.locator(".jp-Cell .jp-InputPrompt").first.click()
        page.keyboard.press("Escape")
        start = page.evaluate(ACTIVE_JS)
        page.keyboard.press("ArrowDown")
        assert page.evaluate(ACTIVE_JS) > start  # command mode moved to a later cell
        page.keyboard.press("d")
        page.keyboard.press("d")
        page.wait_for_timeout(500)
        assert page.evaluate(CELLS_JS) == before
    _stop_kernels(base)


def test_a_locked_markdown_cell_stays_rendered_on_double_click(browser, make_lab):
    """Issue 23.3: double-clicking course text (a markdown cell with `editable: false`) shows
    the text, not its raw markdown source in a read-only editor (lab-config's
    showEditorForReadOnlyMarkdown)."""
    base, printed, _ = make_lab
    with open_page(browser, base) as page:
        _lands_on(page, printed[0], WELCOME)
        cells = page.locator(".jp-Notebook .jp-MarkdownCell")
        locked = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
            .filter(c => c.model.type === 'markdown').map(c => c.model.getMetadata('editable'))""")
        assert locked[:3] == [False, False, False]
        for i in range(3):
            cell = cells.nth(i)
            cell.locator(".jp-RenderedMarkdown").first.dblclick()
            page.wait_for_timeout(700)
            assert "jp-mod-rendered" in (cell.get_attribute("class") or ""), f"cell {i}"
            assert cell.locator(".cm-editor >> visible=true").count() == 0, f"cell {i}"
            assert cell.locator(".jp-RenderedMarkdown >> visible=true").count() == 1
        assert page.locator(".jp-RenderedMarkdown h1").first.inner_text().startswith("00.")
        screenshot(page, "make_lab_locked_markdown_after_double_click")
    _stop_kernels(base)


# A restart pressed while a kernel is still starting (the tier's route presses ⏩ early, and a
# loaded machine starts kernels slowly) interrupts the kernel's own imports and meets
# jupyter_server's websocket before the new kernel is connected: JupyterLab's race, not ours,
# and the page recovers (the kernel restarts). Any other traceback in the log fails.
KNOWN_RACES = ("KeyboardInterrupt", "'NoneType' object has no attribute 'kernel_ws_protocol'")


def server_tracebacks(text: str) -> list[str]:
    blocks = text.split("Traceback (most recent call last):")[1:]
    return [b[:400] for b in blocks
            if not any(race in b.split("\n[", 1)[0] for race in KNOWN_RACES)]
