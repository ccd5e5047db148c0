"""Export/import of the record and the plan document: round trip, merge, rejection, escaping."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib.i18n import set_language
from course_lib.record import plan_document, transfer
from course_lib.record import store as record

MONGOLIAN = "Өргөдлийг цахимаар хүлээн авч, үйлчилгээг Үндэсний дата төвтэй холбох — ё, Ё, ү, ө"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def db(record_in_new_folder):
    return record_in_new_folder


def _fill():
    record.store_attempt("m01.novelty", {"text": MONGOLIAN, "ids": ["a", "c"]}, True, 1.0)
    record.store_attempt("m02.culture_1", 4, None, None)
    record.plan_save("m01.idea", MONGOLIAN + "\nхоёр дахь мөр")
    record.plan_save("m04.coordination", json.dumps(
        [{"partner": "Сангийн яам", "coordinate": "төсөв", "conflict": "хугацаа"}],
        ensure_ascii=False))


def _use(monkeypatch, path):
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(path))


def test_export_is_utf8_json_with_mongolian_unescaped():
    _fill()
    raw = transfer.export_bytes()
    assert MONGOLIAN.encode("utf-8") in raw
    assert b"\\u04" not in raw  # no \u-escaped Cyrillic
    doc = json.loads(raw.decode("utf-8"))
    assert doc["format"] == transfer.FORMAT_ID and doc["format_version"] == 1
    assert len(doc["attempts"]) == 2 and set(doc["plan"]) == {"m01.idea", "m04.coordination"}
    transfer.parse_export(raw)  # an export always passes its own schema


def test_round_trip_is_byte_for_byte(tmp_path, monkeypatch):
    _fill()
    first = transfer.export_bytes()
    _use(monkeypatch, tmp_path / "b" / "progress.db")
    assert record.attempts() == []
    transfer.import_bytes(first, "x.json")
    assert transfer.export_bytes() == first
    assert record.plan_load("m01.idea") == MONGOLIAN + "\nхоёр дахь мөр"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=4),
       answer=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6))
def test_round_trip_property(tmp_path_factory, monkeypatch, texts, answer):
    _use(monkeypatch, tmp_path_factory.mktemp("src") / "p.db")
    for i, text in enumerate(texts):
        record.plan_save(f"m09.field_{i}", text)
    record.store_attempt("m05.any", answer, False, 0.25)
    first = transfer.export_bytes()
    _use(monkeypatch, tmp_path_factory.mktemp("dst") / "p.db")
    transfer.import_bytes(first)
    assert transfer.export_bytes() == first
    for i, text in enumerate(texts):
        assert record.plan_load(f"m09.field_{i}") == text


def test_import_twice_does_not_duplicate(tmp_path, monkeypatch):
    _fill()
    raw = transfer.export_bytes()
    _use(monkeypatch, tmp_path / "b" / "p.db")
    record.store_attempt("m01.novelty", "own", False, 0.0)
    assert "2 шинэ хариулт" in transfer.import_bytes(raw)
    again = transfer.import_bytes(raw)
    assert "0 шинэ хариулт" in again and "2 нь аль хэдийн" in again
    assert len(record.attempts()) == 3


def test_plan_fields_merge_newer_wins(tmp_path, monkeypatch):
    record.save_plan_field("m01.idea", "old text", "2026-01-01T00:00:00+00:00")
    record.save_plan_field("m01.impact", "new text", "2026-03-01T00:00:00+00:00")
    raw = transfer.export_bytes()
    _use(monkeypatch, tmp_path / "b" / "p.db")
    record.save_plan_field("m01.idea", "newer here", "2026-02-01T00:00:00+00:00")
    record.save_plan_field("m01.impact", "older here", "2026-02-01T00:00:00+00:00")
    transfer.import_bytes(raw)
    assert record.plan_load("m01.idea") == "newer here"
    assert record.plan_load("m01.impact") == "new text"


def _valid_doc():
    return {"format": transfer.FORMAT_ID, "format_version": 1, "as_of": None,
            "attempts": [{"uid": "a" * 32, "question_id": "m01.x", "answer": "a",
                          "correct": True, "score": 1.0,
                          "created_at": "2026-01-01T00:00:00+00:00"}],
            "plan": {"m01.idea": {"value": "x", "updated_at": "2026-01-01T00:00:00+00:00"}}}


def _bad(**change):
    doc = _valid_doc()
    for path, value in change.items():
        target = doc
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return json.dumps(doc).encode()


REJECTED = {
    "not json": (b"{not json", "экспортын файл биш"),
    "not utf-8": ("{}".encode("utf-16"), "экспортын файл биш"),
    "a list": (b"[1, 2]", "экспорт биш"),
    "other format": (json.dumps({"format": "nbgrader", "attempts": []}).encode(), "экспорт биш"),
    "csv": (b"question,answer\nm01.x,a\n", "экспортын файл биш"),
    "too new": (_bad(format_version=2), "шинэ хувилбар"),
    "score above 1": (_bad(attempts__0__score=2), "бүтэц буруу"),
    "bad uid": (_bad(attempts__0__uid="x"), "бүтэц буруу"),
    "missing plan": (json.dumps({k: v for k, v in _valid_doc().items() if k != "plan"}).encode(),
                     "бүтэц буруу"),
    "unknown field": (_bad(extra=1), "бүтэц буруу"),
    "bad date": (_bad(attempts__0__created_at="2026-13-45T99:00:00"), "бүтэц буруу"),
    "plan value not text": (_bad(plan={"m01.idea": {"value": 5, "updated_at": "2026-01-01"}}),
                            "бүтэц буруу"),
    # crafted files (issue 12): each once crashed the import with a traceback
    "5000-digit number": (_bad(attempts__0__score=0).replace(b'"score": 0', b'"score": '
                                                             + b"9" * 5000), "экспортын файл биш"),
    "very deep nesting": (b'{"format": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                          "экспортын файл биш"),
    "date overflows in UTC": (_bad(attempts__0__created_at="0001-01-01T00:00:00+14:00"),
                              "бүтэц буруу"),
    "lone surrogate in plan": (_bad(plan={"m01.idea": {"value": "\ud800",
                                                       "updated_at": "2026-01-01"}}),
                               "экспортын файл биш"),
    "NaN score": (_bad(attempts__0__score=0).replace(b'"score": 0', b'"score": NaN'),
                  "экспортын файл биш"),
    "Infinity score": (_bad(attempts__0__score=0).replace(b'"score": 0', b'"score": Infinity'),
                       "экспортын файл биш"),
}


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_malformed_or_foreign_files_are_rejected_and_nothing_changes(case):
    _fill()
    before = transfer.export_bytes()
    raw, message = REJECTED[case]
    with pytest.raises(transfer.TransferError, match=message) as info:
        transfer.import_bytes(raw, "upload.json")
    assert "Юу ч өөрчлөгдсөнгүй" in str(info.value)
    assert transfer.export_bytes() == before


LATIN_WORD = re.compile(r"[A-Za-z]+")


@pytest.mark.parametrize("raw", [
    "{}".encode("utf-16"),  # not UTF-8
    b'{"format": "course-innovation-progress", "attempts": [',  # broken JSON
    _bad(attempts__0__score=2),  # against the schema
    _bad(attempts__0__uid="x"),
    _bad(extra=1),
    json.dumps({k: v for k, v in _valid_doc().items() if k != "plan"}).encode(),
    _bad(plan={"m01.idea": {"value": 5, "updated_at": "2026-01-01"}}),
    _bad(attempts__0__created_at="2026-13-45T09:00:00"),  # matches the pattern, not a date
], ids=["utf16", "broken", "score", "uid", "extra", "no-plan", "plan-value", "date"])
def test_mongolian_rejections_have_no_english_words_but_keep_the_detail_apart(raw):
    with pytest.raises(transfer.TransferError) as info:
        transfer.import_bytes(raw, "миний_ахиц.json")
    text = str(info.value).replace("миний_ахиц.json", "")
    assert LATIN_WORD.findall(text) == [], text
    assert info.value.detail  # the raw reason is kept, for a separate line only


def test_english_rejection_names_the_place_in_words():
    set_language("en")
    with pytest.raises(transfer.TransferError, match="answer no. 1: a value is out of range"):
        transfer.import_bytes(_bad(attempts__0__score=2), "p.json")
    with pytest.raises(transfer.TransferError, match="line 1, column"):
        transfer.import_bytes(b"{not json", "p.json")


def test_a_valid_hand_made_file_imports():
    assert "1 шинэ хариулт" in transfer.import_bytes(json.dumps(_valid_doc()).encode())


def _cli(*args, env_path):
    env = {**os.environ, "COURSE_PROGRESS_DB": str(env_path), "COURSE_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "course_lib", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_export_import_and_rejection(tmp_path):
    src, dst = tmp_path / "src.db", tmp_path / "dst.db"
    export = tmp_path / "мой progress.json"
    seed = _cli("progress", "export", str(tmp_path / "empty.json"), env_path=src)
    assert seed.returncode == 0 and "0 answers" in seed.stdout
    code = ("from course_lib.record import store as record; "
            f"record.plan_save('m01.idea', {MONGOLIAN!r}); "
            "record.store_attempt('m01.x', 'a', True, 1.0)")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "COURSE_PROGRESS_DB": str(src)})
    out = _cli("progress", "export", str(export), env_path=src)
    assert out.returncode == 0 and "1 answers" in out.stdout
    imported = _cli("progress", "import", str(export), env_path=dst)
    assert imported.returncode == 0 and "1 new answers" in imported.stdout
    again = _cli("progress", "export", str(tmp_path / "again.json"), env_path=dst)
    assert again.returncode == 0
    assert (tmp_path / "again.json").read_bytes() == export.read_bytes()
    junk = tmp_path / "junk.json"
    junk.write_text("<html>not an export</html>")
    bad = _cli("progress", "import", str(junk), env_path=dst)
    assert bad.returncode == 1 and "Nothing was changed" in bad.stderr
    first, detail = bad.stderr.strip().splitlines()[:2]  # the raw reason on its own line
    assert "line 1, column 1" in first and detail.strip().startswith("Technical detail:")
    missing = _cli("progress", "import", str(tmp_path / "nope.json"), env_path=dst)
    assert missing.returncode == 1 and "Could not read" in missing.stderr
    for result in (seed, out, imported, bad, missing):
        assert "Traceback" not in result.stderr


def test_cli_plan_export_both_formats(tmp_path):
    db = tmp_path / "p.db"
    code = ("from course_lib.record import store as record; "
            f"record.plan_save('m01.idea', {SCRIPT + IMG!r})")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "COURSE_PROGRESS_DB": str(db)})
    for fmt in ("md", "html"):
        target = tmp_path / f"plan.{fmt}"
        result = _cli("plan", "export", "--format", fmt, str(target), env_path=db)
        assert result.returncode == 0, result.stderr
        text = target.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text
        assert "&lt;script&gt;" in text
    blocked = _cli("plan", "export", str(tmp_path / "no" / "such" / "dir.md"), env_path=db)
    assert blocked.returncode == 1 and "Could not write" in blocked.stderr


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def _hostile_plan():
    evil = SCRIPT + " " + IMG
    fields = {
        "m01.idea": evil + "\nline two",
        "m06.support_actions": json.dumps([evil, "[link](javascript:alert(1))"]),
        "m04.coordination": json.dumps([{"partner": evil, "coordinate": IMG,
                                         "conflict": "a | b"}]),
        "m99.unknown": evil,
    }
    return {k: {"value": v, "updated_at": "2026-01-01T00:00:00+00:00"} for k, v in fields.items()}


def test_html_export_renders_hostile_text_as_text():
    page = plan_document.render(_hostile_plan(), "html")
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "onerror" not in parser.attrs
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<table>" in page and "<ul>" in page and "<br>" in page


def test_markdown_export_neutralises_raw_html_and_markup():
    text = plan_document.render(_hostile_plan(), "md")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "\\[link\\](javascript:alert(1))" in text  # no live link
    assert "a \\| b" in text  # a pipe cannot break the table
    assert "| Сангийн" not in text


def test_plan_document_follows_course_order_with_labels_and_tables():
    fields = {"m05.stakeholder_map": json.dumps([{"name": "Иргэд", "power": 3.0, "interest": 9,
                                                  "quadrant": "keep_informed",
                                                  "level": "consult"}], ensure_ascii=False),
              "m02.trust": "4", "m03.approach": "infection", "m01.idea": "санаа"}
    doc = {k: {"value": v, "updated_at": "2026-01-01T00:00:00Z"} for k, v in fields.items()}
    md = plan_document.render(doc, "md")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert [h[3:5] for h in headings] == ["01", "02", "03", "05"]  # the filled ones, in order
    assert "4 / 5" in md and "Инноваци нь халдвартай адил" in md
    assert "| Иргэд | 3 | 9 | Мэдээлэлтэй байлгах | Зөвлөлдөх |" in md
    assert "(бөглөөгүй)" not in md
    english = plan_document.render(doc, "html", lang="en")
    assert "My action plan" in english and "Consult" in english


@pytest.mark.parametrize("command", ["plan", "progress"])
def test_export_refuses_the_records_own_path(command, capsys):
    _fill()
    before = transfer.export_bytes()
    own = str(record.db_path())
    if command == "plan":
        code = transfer.plan_export_cli(own, "md")
    else:
        code = transfer.progress_export_cli(own)
    assert code == 1
    assert "бүртгэл өөрөө" in capsys.readouterr().err
    assert transfer.export_bytes() == before


# --- the plan reads as a document (issue 23.6): name, date, what is missing in one line ----

def _plan(values: dict[str, str], stamp: str = "2026-03-04T12:06:07Z") -> dict:
    """Plan fields saved at ``stamp`` (noon UTC: the same date in every time zone)."""
    return {k: {"value": v, "updated_at": stamp} for k, v in values.items()}


def test_plan_document_names_the_trainee_and_dates_the_plan():
    fields = _plan({"m01.idea": "санаа", record.NAME_KEY: "  Бат-Эрдэнэ   Дорж "})
    fields["m01.impact"] = {"value": "илүү хурдан", "updated_at": "2026-05-06T12:00:00+00:00"}
    md = plan_document.render(fields, "md")
    assert "**Нэр:** Бат-Эрдэнэ Дорж  \n**Огноо:** 2026-05-06" in md  # the latest change
    page = plan_document.render(fields, "html")
    assert "<b>Нэр:</b> Бат-Эрдэнэ Дорж<br>" in page and "<b>Огноо:</b> 2026-05-06" in page
    assert page.index("Бат-Эрдэнэ") < page.index("<h2>")  # at the top, before the sections
    english = plan_document.render(fields, "md", lang="en")
    assert "**Name:** Бат-Эрдэнэ Дорж" in english and "**Date:** 2026-05-06" in english
    assert "trainee_name" not in md + page  # the name is not one more "other note"


def test_a_hostile_name_is_text():
    fields = _plan({record.NAME_KEY: SCRIPT, "m01.idea": "x"})
    page = plan_document.render(fields, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script" not in plan_document.render(fields, "md")


def test_without_a_name_or_anything_saved_the_header_says_nothing_false():
    page = plan_document.render({}, "html")
    assert "Нэр:" not in page and "Огноо:" not in page
    md = plan_document.render(_plan({"m01.idea": "санаа"}), "md")
    assert "Нэр:" not in md and "**Огноо:** 2026-03-04" in md


def test_unfilled_fields_and_sections_fold_into_one_line_each():
    md = plan_document.render(_plan({"m01.idea": "санаа", "m02.trust": "4"}), "md")
    lines = md.splitlines()
    empty_fields = [line for line in lines if line.startswith("_Бөглөөгүй: ")]
    empty_sections = [line for line in lines if line.startswith("_Бөглөөгүй хэсэг: ")]
    assert len(empty_sections) == 1
    assert [s[:2] for s in empty_sections[0][len("_Бөглөөгүй хэсэг: "):].split("; ")] == \
        ["03", "04", "05", "06", "07", "08", "09"]
    # module 01's three empty fields in one line under it; no line per field any more
    assert len(empty_fields) == 2 and "Шинэлэг байдал" in empty_fields[0]
    assert md.count("(бөглөөгүй)") == 0 and len(lines) < 40
    nothing = plan_document.render({}, "html")
    assert nothing.count('class="empty"') == 1 and "<h2>" not in nothing
    english = plan_document.render({}, "md", lang="en")
    assert "_Sections not filled in yet: 01. " in english


def test_the_name_travels_with_the_export(tmp_path, monkeypatch):
    record.save_trainee_name("Сараа")
    data = transfer.export_bytes()
    assert json.loads(data)["plan"][record.NAME_KEY]["value"] == "Сараа"
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "other.db"))
    record.ensure_record()
    assert record.trainee_name() == ""
    transfer.import_bytes(data, "course_progress.json")
    assert record.trainee_name() == "Сараа"
    out = tmp_path / "plan.md"
    assert transfer.plan_export_cli(str(out), "md") == 0
    assert "**Нэр:** Сараа" in out.read_text(encoding="utf-8")


def test_a_name_is_kept_tidy():
    long = "Ж" * 500
    assert record.save_trainee_name(" Бат \n Дорж\t") == "Бат Дорж"
    assert record.trainee_name() == "Бат Дорж"
    assert len(record.save_trainee_name(long)) == record.NAME_MAX
