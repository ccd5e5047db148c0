"""The action-plan form and the progress panel in a real JupyterLab: typing is saved by the
debounce timer inside a real kernel, the download link delivers the export, the upload merges
or rejects with a message."""

from __future__ import annotations

import json

from labpage import error_outputs, open_notebook, run_all_cells

NOTEBOOK = "record_check.ipynb"
CELLS = [
    'import course_lib as cl\ncl.setup("m01", quiet=True)',
    'cl.plan_form("m01")',
    "cl.progress_panel()",
    'print("SAVED:", repr(cl.plan_load("m01.idea")))',
]
KERNEL_IDLE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  return !!(ctx && ctx.session && ctx.session.kernel && ctx.kernelDisplayStatus === 'idle');
}"""
TYPED = "Өргөдлийг цахимаар <script>alert(1)</script>"


def _put_notebook(page, lab_url: str) -> None:
    """Create the notebook through the contents API, as the page itself would (XSRF cookie)."""
    cells = [{"cell_type": "code", "id": f"cell-{i}", "metadata": {}, "source": src,
              "outputs": [], "execution_count": None} for i, src in enumerate(CELLS)]
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}}}
    page.goto(f"{lab_url}/lab", wait_until="domcontentloaded")
    xsrf = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    resp = page.request.put(f"{lab_url}/api/contents/{NOTEBOOK}",
                            data=json.dumps({"type": "notebook", "format": "json",
                                             "content": nb}),
                            headers={"Content-Type": "application/json", "X-XSRFToken": xsrf})
    assert resp.status in (200, 201), resp.text()


def test_plan_form_saves_as_you_type_and_panel_moves_progress(page, lab_url, tmp_path):
    _put_notebook(page, lab_url)
    open_notebook(page, lab_url, NOTEBOOK)
    # a freshly created notebook may still be starting its kernel when the indicator first
    # reads idle: wait for the session itself
    page.wait_for_function(KERNEL_IDLE_JS, timeout=120_000)
    run_all_cells(page)
    assert error_outputs(page) == []

    form = page.locator(".cl-plan").first
    form.wait_for(state="visible")
    box = form.locator("textarea").first
    box.click()
    box.press_sequentially(TYPED, delay=20)
    status = page.locator(".cl-plan-status").first
    page.wait_for_function(
        "el => el.innerText.includes('Хадгалагдлаа')", arg=status.element_handle(),
        timeout=30_000)

    last = page.locator(".jp-Notebook .jp-Cell").nth(3)
    last.click()
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-OutputArea-output", has_text="SAVED:").first.wait_for(timeout=30_000)
    assert repr(TYPED) in page.locator(".jp-OutputArea-output", has_text="SAVED:").inner_text()

    panel = page.locator(".cl-progress-panel").first  # its links follow every save: no refresh
    with page.expect_download() as info:
        panel.locator("a[download='course_progress.json']").click()
    exported = info.value.path().read_bytes()
    assert json.loads(exported)["plan"]["m01.idea"]["value"] == TYPED
    with page.expect_download() as info:
        panel.locator("a[download='action_plan.html']").click()
    plan_page = info.value.path().read_text(encoding="utf-8")
    assert "&lt;script&gt;" in plan_page and "<script>" not in plan_page

    def upload(path):
        # ipywidgets' upload button opens a detached <input type=file>: answer its chooser
        with page.expect_file_chooser() as chooser:
            panel.locator(".widget-upload").click()
        chooser.value.set_files(path)

    bad = tmp_path / "not_progress.json"
    bad.write_text('{"format": "something else"}')
    upload(str(bad))
    message = panel.locator(".cl-progress-message")
    page.wait_for_function("el => el.innerText.includes('Юу ч өөрчлөгдсөнгүй')",
                           arg=message.element_handle(), timeout=30_000)
    good = tmp_path / "course_progress.json"
    good.write_bytes(exported)
    upload(str(good))
    page.wait_for_function("el => el.innerText.includes('нэгтгэлээ')",
                           arg=message.element_handle(), timeout=30_000)
    assert error_outputs(page) == []
