"""A trainee switches a module to English in the browser: the switch is remembered, the rerun
shows the widgets in English, and no English label is cut either."""

from __future__ import annotations

import labpage as lab
import pytest

from course_lib import i18n


def _choose(page, name: str) -> None:
    button = page.locator(".cl-language button", has_text=name).first
    button.scroll_into_view_if_needed()
    button.click()


# module 07 has the most labelled inputs; 09 the progress panel (download, upload)
CASES = [("07_buy_in", "explore.pitch.assemble", 6), ("09_wrap_up", "progress.panel.upload", 1)]


@pytest.mark.browser
@pytest.mark.parametrize("module, button_key, checks", CASES, ids=[c[0] for c in CASES])
def test_switching_to_english_and_back(page, lab_url, module, button_key, checks):
    lab.open_notebook(page, lab_url, f"notebooks/{module}.ipynb")
    lab.run_all_cells(page)
    try:
        _choose(page, "English")
        # the note asks for a rerun, already in English
        page.get_by_text(i18n.t("setup.rerun", lang="en")).wait_for(timeout=30_000)
        lab.run_all_cells(page)
        assert lab.error_outputs(page) == []
        # the course's outputs only: Lab's own chrome has buttons too (in either language)
        outputs = page.locator(".jp-OutputArea")
        outputs.get_by_role("button", name=i18n.t(button_key, lang="en")).first.wait_for(
            timeout=30_000)
        check = i18n.t("quiz.check", lang="en")
        assert outputs.get_by_role("button", name=check).count() >= checks  # questions switched
        assert lab.cut_button_labels(page) == []
    finally:  # the choice is remembered beside the record, which later browser tests share
        _choose(page, "Монгол")
    page.get_by_text(i18n.t("setup.rerun", lang="mn")).wait_for(timeout=30_000)
