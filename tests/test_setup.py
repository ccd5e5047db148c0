"""cl.setup: language, plotly renderer and the learner record, in one call."""

from __future__ import annotations

import subprocess
import sys

import pytest

import course_lib as cl
from course_lib import startup


@pytest.fixture(autouse=True)
def record_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "progress.db"))
    yield
    cl.set_language("mn")


def test_setup_creates_the_record_and_selects_mimetype_renderer(tmp_path):
    cl.setup("m01", quiet=True)
    assert (tmp_path / "progress.db").exists()
    import plotly.io as pio

    assert pio.renderers.default == "plotly_mimetype"


def test_language_choice_is_remembered_for_the_next_notebook():
    cl.setup("m01", lang="en", quiet=True)
    assert cl.get_language() == "en"
    startup.save_language("en")
    cl.set_language("mn")
    cl.setup("m02", quiet=True)
    assert cl.get_language() == "en"


def test_switch_changes_language_and_asks_to_rerun():
    box = startup.language_switch()
    toggle, note = box.children
    toggle.value = "en"
    assert cl.get_language() == "en" and startup.saved_language() == "en"
    assert "Run All Cells" in note.value


def test_the_switch_uses_the_page_s_shared_layout_and_style_models():
    import ipywidgets as W

    from course_lib.widgets.shared_models import shared

    box = startup.language_switch()
    toggle, note = box.children
    assert box.layout is toggle.layout is note.layout is shared(W.Layout)
    assert toggle._dom_classes == ("cl-language",) and toggle.tooltip == ""
    assert toggle.icons[toggle.index] == "check"  # the selection marked, as before


def test_unknown_language_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="mn"):
        cl.set_language("fr")


@pytest.mark.parametrize("typed", ["EN", " en ", "English", "En\n"])
def test_setup_accepts_case_and_space_variants(typed):
    cl.setup("m01", lang=typed, quiet=True)
    assert cl.get_language() == "en"


@pytest.mark.parametrize("typed", ["fr", "", "монголоор", 3])
def test_setup_with_an_unknown_language_keeps_the_current_one_and_says_so(typed, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    cl.set_language("en")
    startup.save_language("en")
    cl.setup("m01", lang=typed)  # no traceback
    assert cl.get_language() == "en"
    texts = [getattr(obj, "data", "") or "" for obj in shown]
    assert any("⚠" in text and "not known" in text and "English" in text for text in texts)


def test_unknown_language_notice_is_in_mongolian_by_default(capsys):
    cl.setup("m01", lang="fr", quiet=True)
    err = capsys.readouterr().err
    assert cl.get_language() == "mn" and "«fr»" in err and "монгол хэлээр" in err


def test_setup_shows_where_work_is_saved(monkeypatch, tmp_path):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    cl.setup("m00")
    texts = [getattr(obj, "data", "") or "" for obj in shown]
    assert any(str(tmp_path / "progress.db") in text for text in texts)
    assert any(type(obj).__name__ == "VBox" for obj in shown)  # the language switch


def test_import_and_setup_do_not_import_plotly():
    code = (
        "import sys, course_lib as cl; cl.setup('m01', quiet=True); "
        "print('plotly' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
