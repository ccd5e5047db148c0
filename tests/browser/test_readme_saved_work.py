"""Issue 13 points 4 and 5 through `make lab` exactly as the README starts it: saved work is
shown after a kernel restart (the answer selected, its feedback, the module score), and a
download always holds everything saved up to the click, with no refresh button.

Module 09 holds both: the final check (one module quiz with a score line), the plan form, the
assembled plan and the progress panel.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from labpage import (
    ARTIFACTS,
    answer_quiz_by_clicking,
    bank_question,
    command_from_menu,
    error_outputs,
    fail_on_dialog,
    open_notebook,
    run_all_cells,
    screenshot,
)
from labserver import open_page, stop_kernels

pytestmark = pytest.mark.browser
NOTEBOOK = "notebooks/09_wrap_up.ipynb"
TYPED = "Иргэдийн гомдол сард 20-иос доош буурна"


def _question(page, qid: str) -> int:
    """Which .cl-quiz shows this question (textContent: Lab skips painting cells out of view,
    so their innerText is empty)."""
    prompt = bank_question("09_wrap_up", qid)["prompt"]["mn"]
    for i, text in enumerate(page.locator(".cl-quiz").all_text_contents()):
        if prompt[:40] in text:
            return i
    raise AssertionError(f"{qid} is not on the page")


def _answer(page, qid: str, option: str) -> str:
    return answer_quiz_by_clicking(page, option, _question(page, qid))


def _download(page, name: str) -> bytes:
    link = page.locator(f".cl-progress-panel a[download='{name}']").first
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    return info.value.path().read_bytes()


def _attempts(page) -> list[str]:
    return [a["question_id"] for a in json.loads(_download(page, "course_progress.json"))
            ["attempts"]]


@contextlib.contextmanager
def _module(browser, base: str, notebook: str):
    """A fresh page on ``notebook`` after Run All; its kernels stopped afterwards."""
    with open_page(browser, base) as page:
        open_notebook(page, base, notebook)
        run_all_cells(page)
        assert error_outputs(page) == []
        yield page
    stop_kernels(base)


def _fill(page, placeholder: str, text: str) -> None:
    box = page.get_by_placeholder(placeholder).first
    box.scroll_into_view_if_needed()
    box.fill(text)


def _score(page) -> str:
    return page.locator(".cl-module-quiz > .cl-score").first.inner_text().strip()


def test_a_download_holds_every_answer_up_to_the_click(browser, make_lab):
    with _module(browser, make_lab[0], NOTEBOOK) as page:
        # no refresh button in the course's outputs (Lab's own file browser, in Mongolian, has
        # one named «Шинэчлэх»: it refreshes the listing, not a download)
        outputs = page.locator(".jp-OutputArea")
        assert outputs.count() > 0
        assert outputs.get_by_role("button", name="Холбоосыг шинэчлэх").count() == 0
        assert outputs.get_by_role("button", name="Шинэчлэх").count() == 0
        assert _answer(page, "m09.plan_only", "Худал")
        first = _attempts(page)
        assert _answer(page, "m09.wave", "давалгаа адил тасралтгүй")  # feedback shown
        second = _attempts(page)  # clicked at once: no refresh pressed in between
        assert len(second) == len(first) + 1 and second[-1] == "m09.wave"

        box = page.locator(".cl-plan textarea").first  # m09.success, saved as typed
        box.scroll_into_view_if_needed()
        box.click()
        box.press_sequentially(TYPED, delay=10)
        page.locator(".cl-plan-status", has_text="Хадгалагдлаа").first.wait_for(timeout=30_000)
        assert TYPED in _download(page, "action_plan.html").decode("utf-8")
        assert TYPED in json.loads(_download(page, "course_progress.json"))["plan"][
            "m09.success"]["value"]
        # the assembled plan (its own links and preview) followed the same save
        with page.expect_download() as info:
            page.locator("a[download='action_plan.md']").first.click()
        assert TYPED in info.value.path().read_text(encoding="utf-8")
        screenshot(page, "make_lab_downloads_follow_the_record")


def _restart_and_clear(page, output: str = ".cl-quiz") -> None:
    """Kernel ▸ Restart Kernel and Clear Outputs of All Cells… («Цөм ▸ Цөмийг дахин эхлүүлээд бүх
    гаралтыг цэвэрлэх…»), confirmed, as a trainee would."""
    page.locator(".jp-Notebook .jp-Cell").first.click()
    command_from_menu(page, "kernelmenu:restart-and-clear")  # the label is translated
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached", timeout=30_000)
    page.locator(output).first.wait_for(state="detached", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true",
                           timeout=120_000)


def test_answers_and_score_come_back_after_a_kernel_restart(browser, make_lab):
    with _module(browser, make_lab[0], NOTEBOOK) as page:
        right = _answer(page, "m09.psych_safety", "Үнэн")
        wrong = _answer(page, "m09.attack", "Шоолох")  # a wrong answer comes back wrong
        score = _score(page)
        assert score.startswith("Оноо:") and not score.startswith("Оноо: 0 /"), score
        planned = page.locator(".cl-plan textarea").first
        planned.fill("")
        planned.press_sequentially("Сар бүр хянана", delay=10)
        page.locator(".cl-plan-status", has_text="Хадгалагдлаа").first.wait_for(timeout=30_000)
        before = _attempts(page)

        _restart_and_clear(page)
        run_all_cells(page)
        fail_on_dialog(page, "after the rerun")
        assert error_outputs(page) == []
        assert _score(page) == score  # the module score counts the saved answers
        for qid, option, feedback in [("m09.psych_safety", "Үнэн", right),
                                      ("m09.attack", "Шоолох", wrong)]:
            question = page.locator(".cl-quiz").nth(_question(page, qid))
            question.scroll_into_view_if_needed()
            chosen = question.locator("label", has_text=option).first.locator("input")
            assert chosen.is_checked(), f"{qid}: the saved answer is not selected"
            assert question.locator(".cl-feedback").first.inner_text().strip() == feedback
            # checked: its one button offers Retry (there is no second, disabled Check)
            assert question.locator(".cl-retry").first.is_visible()
            assert question.locator(".cl-check").count() == 0
        assert page.locator(".cl-plan textarea").first.input_value() == "Сар бүр хянана"
        assert _attempts(page) == before  # reopening stored nothing new
        screenshot(page, "make_lab_saved_work_after_restart")


def test_my_organisation_comes_back_after_a_kernel_restart(browser, make_lab):
    name = "Баянзүрх дүүргийн ЗДТГ"
    with _module(browser, make_lab[0], "notebooks/04_adaptive_governance.ipynb") as page:
        _fill(page, "Манай байгууллага", name)  # module 04's map centre
        page.wait_for_timeout(1000)  # the change reaches the kernel, which keeps it
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true")
        _restart_and_clear(page, ".cl-plan")
        run_all_cells(page)
        assert error_outputs(page) == []
        assert page.get_by_placeholder("Манай байгууллага").first.input_value() == name


def test_the_plan_preview_shows_an_exploration_save_at_once(browser, make_lab):
    """Module 07: the pitch builder saves, and the plan form below shows it without a button."""
    problem = "Тэтгэврийн лавлагаа авахад гурван өдөр зарцуулдаг"
    with _module(browser, make_lab[0], "notebooks/07_buy_in.ipynb") as page:
        plan = page.locator(".cl-plan").first
        assert problem not in (plan.text_content() or "")
        _fill(page, "Иргэн эсвэл байгууллагад тулгараад буй", problem)
        page.get_by_role("button", name="Нэг хуудсанд нэгтгэх").first.click()
        page.wait_for_function("([el, text]) => el.textContent.includes(text)",
                               arg=[plan.element_handle(), problem], timeout=30_000)
        assert plan.get_by_role("button").count() == 0  # nothing to refresh, nothing to save


def test_in_the_app_too_downloads_follow_and_answers_come_back(browser, make_app):
    """The same through `make app` (Voilà): a reload is a new kernel there."""
    base = make_app[0]
    url = f"{base}/voila/render/09_wrap_up.ipynb"
    with open_page(browser, base) as page:
        page.goto(url, wait_until="domcontentloaded")
        page.locator(".cl-progress-panel a[download]").first.wait_for(timeout=180_000)
        first = _attempts(page)
        feedback = _answer(page, "m09.seventy_myth", "Худал")
        assert feedback
        assert _attempts(page) == [*first, "m09.seventy_myth"]
        score = _score(page)
        page.reload(wait_until="domcontentloaded")
        page.locator(".cl-progress-panel a[download]").first.wait_for(timeout=180_000)
        question = page.locator(".cl-quiz").nth(_question(page, "m09.seventy_myth"))
        assert question.locator("label", has_text="Худал").first.locator("input").is_checked()
        assert question.locator(".cl-feedback").first.inner_text().strip() == feedback
        assert _score(page) == score
        page.screenshot(path=str(ARTIFACTS / "make_app_saved_work.png"), full_page=True)
