"""Issue 23, point 3 (b, c): Enter checks a choice answer, and the upload button is heard as its
label, in JupyterLab and in Voilà (packages/jupyterlab-course/src/questions.ts, one file for
both: Voilà loads the course's lab extension like any federated extension).

Enter on a text answer was already handled by the kernel (quiz_kinds.py); a radio button, a
checkbox or a dropdown did nothing. The upload button showed «Ахиц оруулах» but its accessible
name was ipywidgets' «Ахиц оруулах (0)».
"""

from __future__ import annotations

import pytest
from labpage import ARTIFACTS, open_notebook, run_all_cells, screenshot
from labserver import open_page

pytestmark = pytest.mark.browser
UPLOAD = "Ахиц оруулах"  # data/locale/record.yaml progress.panel.upload
RETRY = "Дахин оролдох"  # data/locale/quiz.yaml quiz.retry


def _question_with(page, selector: str):
    # the first question still open: one answered right earlier in the tier (shared record) is
    # locked; pinned by its place, as answering it here locks it too
    questions = page.locator(".cl-quiz")
    questions.first.wait_for()
    index = questions.evaluate_all(
        "(qs, sel) => qs.findIndex(q => q.querySelector(sel + ':not([disabled])'))", selector)
    assert index >= 0, f"no open question with {selector}"
    question = questions.nth(index)
    question.scroll_into_view_if_needed()
    return question


def _enter_checks(page, question, selector: str) -> str:
    """Change the answer with the mouse (Check comes alive), then press Enter with the focus on
    the choice: the question is checked (its one button turns from Check into Retry) and
    feedback appears.

    The tier shares one server and one learner record, so a question may come back answered
    from an earlier test: the change is always to another option than the one shown."""
    if selector == "select":  # a matching question: every row answered, focus on the first
        choice = question.locator("select").first
        for row in question.locator("select").all():
            row.select_option(index=2 if row.evaluate("s => s.selectedIndex") == 1 else 1)
    else:
        choice = question.locator(f"{selector}:not(:checked)").first
        choice.check()
    button = question.locator(".cl-check").first.element_handle()
    page.wait_for_function("el => !el.disabled", arg=button, timeout=30_000)
    choice.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.classList.contains('cl-retry')", arg=button,
                           timeout=30_000)
    assert question.locator(".cl-check").count() == 0  # one button, now Retry: never both
    assert button.get_attribute("title") == RETRY and RETRY in button.inner_text()
    feedback = question.locator(".cl-feedback").first
    page.wait_for_function("el => el.innerText.trim().length > 0", arg=feedback.element_handle(),
                           timeout=30_000)
    return feedback.inner_text().strip()


def _retry_opens_the_question_again(page, question, selector: str) -> None:
    """Retry (the same button, clicked by the mouse) clears the answer and offers Check again;
    Enter on a choice of the checked question changed nothing and edited no cell."""
    button = question.locator(".cl-retry").first.element_handle()
    page.wait_for_timeout(600)  # a click this soon after the check is taken for a double-click
    button.click()
    page.wait_for_function("el => el.classList.contains('cl-check')", arg=button,
                           timeout=30_000)
    assert question.locator(f"{selector}:not([disabled])").count() > 0
    # the verdict is gone; a single question keeps the module's score line under it
    left = question.locator(".cl-feedback").first.inner_text().strip()
    assert left == "" or left.startswith("Энэ модулийн оноо"), left


def _upload_is_named_by_its_label(page) -> None:
    button = page.locator(".cl-upload").first
    button.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const b = document.querySelector('.cl-upload');"
        " return b && b.getAttribute('aria-label') === b.getAttribute('title'); }",
        timeout=30_000)
    assert page.get_by_role("button", name=UPLOAD, exact=True).count() == 1
    assert page.get_by_role("button", name=f"{UPLOAD} (0)").count() == 0
    # the name a screen reader announces; the "(0)" text still inside the button is drawn at
    # size 0 and, a button's children being presentational in ARIA, is not read as well
    snapshot = button.aria_snapshot()
    assert snapshot.startswith(f'- button "{UPLOAD}"'), snapshot


@pytest.mark.parametrize("module, kinds", [
    ("00_welcome", ("input[type=radio]", "input[type=checkbox]")),
    ("01_definition", ("select",)),
])
def test_enter_checks_choice_answers_in_lab(page, lab_url, module, kinds):
    open_notebook(page, lab_url, f"notebooks/{module}.ipynb")
    run_all_cells(page)
    for kind in kinds:
        question = _question_with(page, kind)
        assert _enter_checks(page, question, kind), kind
        # Enter stayed with the question: the notebook did not switch a cell to editing
        assert page.locator(".jp-Notebook.jp-mod-editMode").count() == 0, kind
    _retry_opens_the_question_again(page, question, kinds[-1])
    if module == "00_welcome":  # the progress panel with its upload button
        _upload_is_named_by_its_label(page)
        screenshot(page, "question_keys_lab")


def test_enter_checks_and_upload_is_named_in_voila(browser, make_app):
    base, _, _ = make_app
    with open_page(browser, base) as page:
        page.goto(f"{base}/voila/render/00_welcome.ipynb", wait_until="domcontentloaded")
        page.locator(".cl-quiz").first.wait_for(timeout=180_000)
        radio = _question_with(page, "input[type=radio]")
        assert _enter_checks(page, radio, "input[type=radio]")
        _upload_is_named_by_its_label(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "question_keys_voila.png"), full_page=True)
