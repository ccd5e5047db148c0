"""Driving a real JupyterLab page with Playwright: the moves every browser test makes.

Selectors follow ../shared/reference/jupyter-stack-notes.md (JupyterLab 4.6, ipywidgets 8).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"


def open_notebook(page, lab_url: str, rel_path: str, timeout: float = 90_000) -> None:
    """Open a notebook fresh (?reset drops restored tabs) and wait for an idle kernel."""
    page.goto(f"{lab_url}/lab/tree/{rel_path}?reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)


def run_all_cells(page, timeout: float = 240) -> None:
    """Run ▸ Run All Cells, then wait until no cell is queued or running."""
    page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
    page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')").click()
    wait_for_cells(page, timeout)


def wait_for_cells(page, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt")
    while time.monotonic() < deadline:
        texts = prompts.all_inner_texts()
        busy = [t for t in texts if "*" in t]
        unrun = [t for t in texts if not re.search(r"\[\d+\]", t)]
        if texts and not busy and not unrun and page.locator(IDLE).count():
            return
        page.wait_for_timeout(500)
    raise TimeoutError(f"cells still running after {timeout}s: {prompts.all_inner_texts()}")


def error_outputs(page) -> list[str]:
    """The text of every error output on the page (tracebacks)."""
    return page.locator(ERROR_OUTPUT).all_inner_texts()


def screenshot(page, name: str) -> Path:
    """A full-height picture of the notebook under tests/artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # The Lab shell does not scroll as a page: grow the viewport to the notebook's height.
    height = page.evaluate(
        "() => { const n = document.querySelector('.jp-NotebookPanel-notebook');"
        " return n ? n.scrollHeight + 200 : 1200; }"
    )
    page.set_viewport_size({"width": 1280, "height": int(min(max(height, 900), 16000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
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
