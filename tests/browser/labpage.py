"""Driving a real JupyterLab page with Playwright: the moves every browser test makes.

Selectors follow ../shared/reference/jupyter-stack-notes.md (JupyterLab 4.6, ipywidgets 8).
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true"
BUSY = ".jp-Notebook-ExecutionIndicator[data-status='busy']"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"


_KERNEL_IDLE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const session = panel && panel.sessionContext && panel.sessionContext.session;
  return !!(session && session.kernel && session.kernel.status === 'idle');
}"""


def open_notebook(page, lab_url: str, rel_path: str, timeout: float = 120_000) -> None:
    """Open a notebook fresh (?reset drops restored tabs) and wait until its own kernel is
    idle (the toolbar indicator alone can read idle before the kernel has started)."""
    page.goto(f"{lab_url}/lab/tree/{rel_path}?reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
    fail_on_dialog(page, "after opening " + rel_path)


def fail_on_dialog(page, when: str) -> None:
    """A Lab dialog blocks the menus: fail naming it, rather than time out later."""
    dialogs = page.locator(".jp-Dialog")
    if dialogs.count():
        raise AssertionError(f"JupyterLab dialog {when}: {dialogs.all_inner_texts()}")


_PENDING_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model) { return -1; }
  const cells = panel.content.model.cells;
  let pending = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && cell.executionCount === null) { pending += 1; }
  }
  return pending;
}"""


def pending_cells(page) -> int:
    """Code cells not yet run to completion (read from the notebook model: hidden inputs
    show no prompt, so the DOM cannot tell)."""
    return page.evaluate(_PENDING_JS)


def command_from_menu(page, command: str) -> None:
    """Click the menu item that runs ``command``, as a trainee would, in a menu of the menu bar
    or one of its submenus. Found by its command id (``data-command``), never by its label:
    the labels are translated (the Mongolian pack, or English after Settings ▸ Language).
    The menus are searched first, their submenus only if none holds it."""
    item = page.locator(f".lm-Menu .lm-Menu-item[data-command='{command}']")
    bar = page.locator(".lm-MenuBar-content > .lm-MenuBar-item")
    for with_submenus in (False, True):
        for i in range(bar.count()):
            menu = page.locator(".lm-Menu").first
            for attempt in range(3):
                # a page Lab has just reloaded (a language switch) draws its menu bar before
                # the bar takes clicks: a click then opens nothing, and the next one does
                bar.nth(i).click()
                try:
                    menu.wait_for(state="visible", timeout=10_000)
                    break
                except PlaywrightTimeout:
                    if attempt == 2:
                        raise
            subs = menu.locator(
                ":scope > .lm-Menu-content > .lm-Menu-item[data-type='submenu']")
            for j in range(-1, subs.count() if with_submenus else 0):
                if j >= 0:
                    subs.nth(j).hover()
                    page.wait_for_timeout(300)
                if item.count() and item.first.is_visible():
                    item.first.click()
                    return
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
    raise AssertionError(f"no menu holds {command}")


def run_all_cells(page, timeout: float = 300) -> None:
    """Run ▸ Run All Cells (in Mongolian «Ажиллуулах ▸ Бүх нүдийг ажиллуулах»), as a trainee
    would, then wait until every code cell has run."""
    fail_on_dialog(page, "before Run All")
    page.locator(".jp-Notebook .jp-Cell").first.click()  # the menu acts on the focused notebook
    for _ in range(2):
        command_from_menu(page, "runmenu:run-all")
        page.wait_for_timeout(1500)
        if pending_cells(page) == 0 or page.locator(BUSY).count():
            break
    wait_for_cells(page, timeout)


def wait_for_cells(page, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pending_cells(page) == 0 and page.locator(IDLE).count():
            page.wait_for_timeout(500)  # let the last outputs and widgets render
            return
        page.wait_for_timeout(500)
    dialogs = page.locator(".jp-Dialog").all_inner_texts()
    raise TimeoutError(
        f"{pending_cells(page)} cells still pending after {timeout}s; dialogs: {dialogs}; "
        f"kernel idle: {page.evaluate(_KERNEL_IDLE_JS)}"
    )


def error_outputs(page) -> list[str]:
    """The text of every error output on the page (tracebacks)."""
    return page.locator(ERROR_OUTPUT).all_inner_texts()


_CUT_LABELS_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea button, .jp-OutputArea .widget-upload, .jp-OutputArea .widget-label')]
  .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1)
  .map(b => b.innerText.trim() || b.title)"""


def cut_button_labels(page) -> list[str]:
    """Buttons in the outputs whose label does not fit (the browser cuts it with "…")."""
    return page.evaluate(_CUT_LABELS_JS)


_SCROLLER = ".jp-NotebookPanel-notebook .jp-WindowedPanel-outer"
_CONTENT = ".jp-NotebookPanel-notebook .jp-WindowedPanel-viewport"


def screenshot(page, name: str) -> Path:
    """A picture of the whole notebook under tests/artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # The Lab shell does not scroll as a page: make the viewport as tall as the cells (not the
    # scroller, which pads "scroll past end" space in proportion to the viewport).
    content, visible = page.evaluate(
        f"""() => {{ const c = document.querySelector('{_CONTENT}');
             const s = document.querySelector('{_SCROLLER}');
             return [c ? c.offsetHeight : 0, s ? s.clientHeight : 0]; }}"""
    )
    size = page.viewport_size
    if content > visible:
        height = int(min(size["height"] + content - visible + 40, 30000))
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(500)
    page.evaluate(
        f"() => {{ const s = document.querySelector('{_SCROLLER}'); if (s) s.scrollTop = 0; }}"
    )
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    return path


def answer_quiz_by_clicking(page, option_text: str, nth: int = 0) -> str:
    """Pick an option in the nth self-check question, press Check, return the feedback text."""
    question = page.locator(".cl-quiz").nth(nth)
    question.scroll_into_view_if_needed()
    question.locator("label", has_text=option_text).first.click()
    question.locator(".cl-check").first.click()
    feedback = question.locator(".cl-feedback").first
    feedback.wait_for(state="visible")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = feedback.inner_text().strip()
        if text:
            return text
        page.wait_for_timeout(200)
    return ""


def bank_question(module: str, qid: str) -> dict:
    """A question as the bank file ``data/questions/<module>.yaml`` states it."""
    bank = yaml.safe_load((ROOT / "data" / "questions" / f"{module}.yaml").read_text("utf-8"))
    return next(q for q in bank["questions"] if q["id"] == qid)


def quiz_index(page, prompt: str) -> int:
    """Which .cl-quiz on the page shows this prompt (a module quiz holds many questions)."""
    for i, text in enumerate(page.locator(".cl-quiz").all_inner_texts()):
        if prompt[:40] in text:
            return i
    raise AssertionError(f"question not on the page: {prompt[:40]}…")
