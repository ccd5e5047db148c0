"""The Mongolian JupyterLab language pack (issue 23): the trainee's route is fully translated,
translations keep JupyterLab's placeholders, JupyterLab finds the installed pack, trainees
start in Mongolian, and saved notebooks keep a note instead of dead widget views."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
import yaml

from course_instructor.authoring import translations
from course_lib import i18n, saved_views

ROOT = Path(__file__).resolve().parents[1]

PLACEHOLDER = re.compile(r"%\d|%s|%d")


def test_every_message_on_the_route_is_translated():
    translated, total, missing = translations.coverage()
    assert total > 400 and missing == [], [m.msgid for m in missing]


def test_coverage_names_a_missing_message(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(translations.PACK, pack, ignore=shutil.ignore_patterns("*.json", "*.mo"))
    route = pack / "route.yaml"
    data = yaml.safe_load(route.read_text(encoding="utf-8"))
    data["route"]["jupyterlab"]["dialogs"].append({"msgid": "Not a real message"})
    route.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    translated, total, missing = translations.coverage(pack)
    assert [m.msgid for m in missing] == ["Not a real message"]
    assert translated == total - 1


def _entries():
    for path in sorted(translations.MESSAGES.glob("*.po")):
        for entry in polib.pofile(str(path)).translated_entries():
            yield path.stem, entry


def test_translations_invent_no_placeholder():
    """A msgstr may leave out JupyterLab's %1 (an English file-type name), never add one."""
    bad = [(d, e.msgid, e.msgstr) for d, e in _entries()
           if set(PLACEHOLDER.findall(e.msgstr)) - set(PLACEHOLDER.findall(e.msgid))]
    assert bad == []


def test_translations_are_mongolian_and_follow_the_ui_terms():
    # one term per concept, as the course's own text says them (data/locale, notebooks)
    words = " ".join(e.msgstr for _, e in _entries()).lower()
    assert "цөм" in words and "дэвтэр" in words and "нүд" in words
    for variant in ("кернел", "блокнот", "ячейк", "ноутбүүк"):
        assert variant not in words


def test_jupyterlab_finds_the_installed_pack():
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    assert "mn_MN" in get_language_packs("en")[0], "run `make` (installs the pack)"
    data, message = get_language_pack("mn_MN")
    lab = data["jupyterlab"]
    assert lab["Restart Kernel?"] == ["Цөмийг дахин эхлүүлэх үү?"]
    assert lab["menu\x04File"] == ["Файл"]


def test_trainees_start_in_mongolian():
    for mode in ("trainee", "classroom", "instructor"):
        overrides = json.loads((ROOT / "lab-config" / mode / "overrides.json").read_text("utf-8"))
        assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "mn_MN"


def _widget_output(model_id: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/plain": "VBox(children=(...))",
                     saved_views.WIDGET_VIEW: {"model_id": model_id, "version_major": 2}}}


def test_saved_notebooks_keep_a_note_not_a_dead_widget_view():
    text = {"output_type": "stream", "name": "stdout", "text": "Бэлэн боллоо"}
    nb = {"cells": [
        {"cell_type": "code", "source": "cl.quiz('m01')",
         "outputs": [text, _widget_output("a"), _widget_output("b")]},
        {"cell_type": "markdown", "source": "# 01"},
    ], "metadata": {"widgets": {"state": {}}}}
    model = {"type": "notebook", "content": nb}
    saved_views.placeholders(model=model, path="notebooks/01_definition.ipynb",
                             contents_manager=None)
    outputs = nb["cells"][0]["outputs"]
    assert outputs[0] == text and len(outputs) == 2  # one note for the cell's two widgets
    assert outputs[1]["data"] == {"text/plain": i18n.t("saved_views.placeholder")}
    assert "widgets" not in nb["metadata"]
    assert saved_views.WIDGET_VIEW not in json.dumps(nb)


def test_the_hook_leaves_other_files_alone():
    model = {"type": "file", "content": "x", "format": "text"}
    saved_views.placeholders(model=model, path="a.txt", contents_manager=None)
    assert model == {"type": "file", "content": "x", "format": "text"}


@pytest.mark.parametrize("lang", ["mn", "en"])
def test_the_note_speaks_the_trainees_language(lang, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "progress.db"))
    (tmp_path / "language").write_text(lang, encoding="utf-8")
    assert saved_views.placeholder_text() == i18n.t("saved_views.placeholder", lang=lang)


def test_nbgrader_domain_is_what_the_course_extension_translates():
    """The pack's nbgrader domain (route and .po) and the extension's MESSAGES list are the same
    texts: one added to the extension without a translation would stay English in the tab."""
    ts = (ROOT / "packages" / "jupyterlab-course" / "src" / "nbgrader.ts").read_text("utf-8")
    block = ts.split("export const MESSAGES", 1)[1].split("];", 1)[0]
    applied = re.findall(r"'((?:[^'\\]|\\.)*)'", block)
    assert applied and len(applied) == len(set(applied))
    routed = [m.msgid for m in translations.route() if m.domain == "nbgrader"]
    assert routed == applied
    po = polib.pofile(str(translations.MESSAGES / "nbgrader.po"))
    assert sorted(e.msgid for e in po.translated_entries()) == sorted(applied)
