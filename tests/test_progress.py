"""Progress: the 'done' rule and scores (pure), the plotly overview, the download/upload panel."""

from __future__ import annotations

import base64
import datetime
import json
import re
import time
from types import SimpleNamespace

import ipywidgets
import pytest
from plotly_spec import validated

import course_lib as cl
from course_lib.content import bank, plan_data
from course_lib.figures.progress_chart import progress_figure
from course_lib.record import store as record
from course_lib.record import transfer
from course_lib.widgets import progress_overview as progress

pytestmark = pytest.mark.usefixtures("mongolian_record")


def _module(mid):
    return SimpleNamespace(id=mid, number=mid[1:], title=lambda: f"Модуль {mid}")


def _q(qid, graded=True):
    return SimpleNamespace(id=qid, module=qid.split(".")[0], graded=graded)


def _field(key):
    return plan_data.PlanField(key=key, kind="text", label_texts={"mn": key, "en": key})


PARTS = [plan_data.PlanPart("m01", {"mn": "a", "en": "a"}, None,
                            (_field("m01.idea"), _field("m01.impact")))]
QUESTIONS = [_q("m01.a"), _q("m01.b"), _q("m01.likert", graded=False), _q("m02.a")]


def test_done_needs_every_question_checked_and_every_field_filled():
    summary = {"m01.a": {"attempts": 2, "best": 1.0}, "m01.b": {"attempts": 1, "best": 0.0},
               "m01.likert": {"attempts": 1, "best": None}}
    plan = {"m01.idea": "санаа", "m01.impact": "  "}
    rows = progress.module_progress([_module("m01"), _module("m02"), _module("m03")],
                                    QUESTIONS, summary, PARTS, plan)
    assert [r["module"] for r in rows] == ["m01", "m02"]  # m03 has nothing to do: left out
    m01, m02 = rows
    assert m01["done"] is False and m01["open_fields"] == ["m01.impact"]
    assert m01["answered"] == 1.0 and m01["attempts"] == 4
    assert m01["score"] == pytest.approx(0.5)  # best of a (1.0) and b (0.0); likert not scored
    assert m01["plan"] == 0.5
    assert m02["score"] == 0.0 and m02["answered"] == 0.0 and m02["plan"] is None
    assert m02["open_questions"] == ["m02.a"] and "1" in m02["open"]
    plan["m01.impact"] = "нөлөө"
    m01 = progress.module_progress([_module("m01")], QUESTIONS, summary, PARTS, plan)[0]
    assert m01["done"] is True and m01["open"] == "бүгд хийгдсэн"


def test_a_wrong_answer_counts_as_checked_but_scores_zero():
    summary = {"m02.a": {"attempts": 3, "best": 0.0}}
    [row] = progress.module_progress([_module("m02")], QUESTIONS, summary, [], {})
    assert row["done"] is True and row["score"] == 0.0


def test_figure_is_pure_and_shows_each_measure():
    rows = [{"label": "01. A", "score": 0.5, "answered": 1.0, "plan": None, "attempts": 3,
             "done": False, "open": "x"},
            {"label": "02. B", "score": 1.0, "answered": 1.0, "plan": 1.0, "attempts": 1,
             "done": True, "open": "y"}]
    texts = {"score": "S", "answered": "A", "plan": "P", "attempts": "N", "x": "%",
             "title": "{done}/{total}"}
    fig = validated(progress_figure(rows, texts))
    assert fig.layout.title.text == "1/2"
    assert [t.name for t in fig.data] == ["S", "A", "P"]
    assert list(fig.data[0].x) == [50, 100] and list(fig.data[2].x) == [None, 100]
    assert list(fig.data[0].y) == ["01. A", "✓ 02. B"]


def test_overview_from_the_real_record_and_bank():
    questions = bank.load_questions()
    first = questions[0]
    record.store_attempt(first.id, "x", False, 0.0)
    record.plan_save("m01.idea", "санаа")
    fig = validated(cl.progress_overview())
    assert len(fig.data) == 3
    labels = list(fig.data[0].y)
    assert any(label.startswith("01.") for label in labels)
    module = first.id.split(".")[0]
    row = next(r for r in progress.progress_data() if r["module"] == module)
    assert row["attempts"] == 1 and first.id not in row["open_questions"]


def _link(panel, filename):
    match = re.search(rf'download="{re.escape(filename)}" href="data:[^;]+;base64,([^"]+)"',
                      panel.links.value)
    assert match, panel.links.value
    return base64.b64decode(match.group(1))


def _upload(panel, name, data):
    now = datetime.datetime.now(datetime.timezone.utc)
    panel.upload.value = ({"name": name, "type": "application/json", "size": len(data),
                           "content": memoryview(data), "last_modified": now},)


def test_panel_download_links_carry_the_export_and_the_plan():
    record.plan_save("m01.idea", "<script>alert(1)</script> санаа")
    panel = cl.progress_panel()
    assert "cl-progress-panel" in panel._dom_classes
    assert _link(panel, "course_progress.json") == transfer.export_bytes()
    page = _link(panel, "action_plan.html").decode("utf-8")
    assert "&lt;script&gt;" in page and "<script>" not in page
    record.plan_save("m01.impact", "шинэ")  # no refresh button: the links follow the record
    assert "шинэ" in json.loads(_link(panel, "course_progress.json"))["plan"]["m01.impact"]["value"]
    assert "шинэ" in _link(panel, "action_plan.html").decode("utf-8")
    assert not [w for w in panel.children if isinstance(w, ipywidgets.Button)]


def test_panel_links_hold_every_answer_up_to_the_click():
    from course_lib.widgets.quiz import quiz

    panel = cl.progress_panel()
    boxes = [quiz(q.id) for q in bank.load_questions() if q.kind == "truefalse"][:2]
    assert len(boxes) == 2
    for n, box in enumerate(boxes, start=1):
        box.controls[0].value = True
        box.check()  # the way a trainee answers: through the widget
        assert len(json.loads(_link(panel, "course_progress.json"))["attempts"]) == n


def test_a_closed_panel_stops_following_the_record():
    from course_lib.record import changes

    panel = cl.progress_panel()
    before = changes.following()
    panel.close()
    record.plan_save("m01.idea", "x")  # the closed panel's listener lapses here
    assert changes.following() == before - 1


def test_another_kernels_write_reaches_the_links(monkeypatch):
    import subprocess
    import sys

    from course_lib.record import changes

    monkeypatch.setattr(changes, "POLL_S", 0.05)
    panel = cl.progress_panel()
    code = "import course_lib as cl; cl.plan_save('m01.idea', 'from elsewhere')"
    subprocess.run([sys.executable, "-c", code], check=True)  # a second kernel, in effect
    deadline = time.monotonic() + 30
    while b"from elsewhere" not in _link(panel, "course_progress.json"):
        assert time.monotonic() < deadline, "the watcher never saw the other process's write"
        time.sleep(0.05)


def test_panel_upload_merges_and_reports(tmp_path, monkeypatch):
    record.store_attempt("m01.a", "x", True, 1.0)
    record.plan_save("m01.idea", "Монгол")
    data = transfer.export_bytes()
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "other.db"))
    panel = cl.progress_panel()
    _upload(panel, "course_progress.json", data)
    assert "1 шинэ хариулт" in panel.message.value
    assert record.plan_load("m01.idea") == "Монгол"
    assert panel.upload.value == ()  # ready for the next file
    assert "Монгол" in json.loads(_link(panel, "course_progress.json"))["plan"]["m01.idea"]["value"]


def test_panel_upload_of_a_bad_file_changes_nothing():
    record.plan_save("m01.idea", "keep me")
    before = transfer.export_bytes()
    panel = cl.progress_panel()
    _upload(panel, "photo.json", b"\x89PNG\r\n\x1a\n")
    assert "Юу ч өөрчлөгдсөнгүй" in panel.message.value
    assert transfer.export_bytes() == before


def test_a_panel_built_again_replaces_the_old_one_as_listener():
    from course_lib.record import changes

    old = cl.progress_panel()
    count = changes.following()
    new = cl.progress_panel()  # its cell run again: the old view is gone from the page
    assert changes.following() == count
    old_links = old.links.value
    record.plan_save("m01.idea", "дахин")
    assert old.links.value == old_links and "дахин" in _link(new, "course_progress.json").decode()


def test_the_name_is_asked_once_kept_and_put_on_the_plan():
    panel = cl.progress_panel()
    assert panel.name.value == "" and panel.name.description == "Таны нэр"
    assert not panel.name.continuous_update  # saved on Enter or leaving the field
    panel.name.value = "  Бат-Эрдэнэ  "
    assert record.trainee_name() == "Бат-Эрдэнэ" and panel.name.value == "Бат-Эрдэнэ"
    assert "Нэрийг хадгаллаа." in panel.message.value
    page = _link(panel, "action_plan.html").decode("utf-8")  # the link follows the record
    assert "<b>Нэр:</b> Бат-Эрдэнэ" in page
    assert cl.progress_panel().name.value == "Бат-Эрдэнэ"  # the next notebook does not ask


def test_a_name_that_cannot_be_saved_says_why(monkeypatch):
    panel = cl.progress_panel()

    def full(*_):
        raise record.RecordError("диск дүүрсэн")

    monkeypatch.setattr(record, "save_plan_field", full)
    panel.name.value = "Сараа"
    assert "диск дүүрсэн" in panel.message.value
