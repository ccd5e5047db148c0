"""data/validated.json: content validated once by `make digests`, trusted only when unchanged."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from bank_tree import REPO

from course_lib.content import bank, cases, digests, plan_data, validate
from course_lib.content import loading as content
from course_lib.content.bank import QUESTIONS
from course_lib.content.loading import ContentError
from course_lib.content.plan_data import PLAN

RECORD = REPO / "data" / digests.RECORD_NAME
WAVE = "02_wave.yaml"
# an unknown field: a schema error the semantic checks cannot see, so only the schema catches it
TYPO = ("  - id: m02.big_wave\n    objective: m02.o1\n    kind: truefalse\n",
        "  - id: m02.big_wave\n    objective: m02.o1\n    kind: truefalse\n    explian: typo\n")


def copy_data(tmp_path, monkeypatch, record: bool = True):
    """A temp copy of the real data/ that the loaders read ($COURSE_DATA_DIR)."""
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    if not record:
        (root / digests.RECORD_NAME).unlink()
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    return root


def edit_wave(root, old: str, new: str) -> bytes:
    path = root / "questions" / WAVE
    text = path.read_text(encoding="utf-8")
    assert old in text, "02_wave.yaml changed: update this test's edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_bytes()


def test_committed_record_is_current(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch, record=False)
    out, err = io.StringIO(), io.StringIO()
    assert validate.run(out=out, err=err, write_digests=True) == 0, err.getvalue()
    assert (root / digests.RECORD_NAME).read_text(encoding="utf-8") == \
        RECORD.read_text(encoding="utf-8"), \
        "data/validated.json is stale: run `make digests` and commit data/validated.json"


def test_record_lists_every_schema_checked_file():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    files = [p for p in validate.default_paths() if p.parent.name != "locale"]
    assert record["schema_version"] == 1
    assert record["digests"] == sorted(record["digests"])
    assert len(record["digests"]) == len(files)


NOTEBOOK_LOADS = """
import sys
import course_lib as cl
from course_lib.content import cases
from course_lib.content import course_map
from course_lib.content import plan_data
assert cl.load_questions("m01") and cl.get_question("m02.big_wave")
assert plan_data.plan_part("m01").fields
assert cases.all_cases() and course_map.modules()
print("jsonschema" in sys.modules)
"""


def notebook_imports_jsonschema(data_dir=None) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    if data_dir:
        env["COURSE_DATA_DIR"] = str(data_dir)
    run = subprocess.run([sys.executable, "-c", NOTEBOOK_LOADS], capture_output=True,
                         text=True, cwd=REPO, env=env, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip() == "True"


def test_recorded_content_loads_without_jsonschema(tmp_path):
    assert not notebook_imports_jsonschema(), \
        "a notebook imported jsonschema: is data/validated.json stale? run `make digests`"
    # the same loads without a record validate in full (this test can fail)
    bare = tmp_path / "data"
    shutil.copytree(REPO / "data", bare, ignore=shutil.ignore_patterns(digests.RECORD_NAME))
    assert notebook_imports_jsonschema(bare)


def test_windows_line_endings_keep_the_record(tmp_path):
    # a Windows checkout (autocrlf) or editor turns LF into CRLF: same data, same digest
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    for path in root.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert b"\r\n" in (root / "questions" / WAVE).read_bytes()
    assert not notebook_imports_jsonschema(root)


def test_edited_bank_with_a_schema_error_is_still_reported(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch)
    edit_wave(root, *TYPO)
    with pytest.raises(ContentError, match="explian"):
        bank.load_questions("m02")
    assert bank.load_questions("m01")  # its bytes are unchanged: still recorded, still loads


def test_edited_valid_bank_still_loads(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch)
    raw = edit_wave(root, "questions:\n", "questions:\n  # a reviewer's note\n")
    assert not content.is_recorded(QUESTIONS, raw)  # so it went through full validation
    assert {q.id for q in bank.load_questions("m02")} >= {"m02.big_wave"}


def test_record_is_trusted_only_for_the_same_kind_and_schema(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch)
    raw = (root / "questions" / WAVE).read_bytes()
    assert content.is_recorded(QUESTIONS, raw)
    assert not content.is_recorded(PLAN, raw)
    schema = content._schema_bytes(QUESTIONS.schema)
    assert digests.digest("questions", schema + b" ", raw) not in digests.recorded()


def record_vouching_for(digest: str) -> dict[str, bytes]:
    """Records that list ``digest`` but are not well-formed: each must be ignored."""
    good = {"schema_version": 1, "digests": [digest]}
    return {
        "garbage bytes": b"\xff\x00\x9c" + digest.encode(),
        "truncated": json.dumps(good).encode()[:-3],
        "a list": json.dumps([digest]).encode(),
        "no version": json.dumps({"digests": [digest]}).encode(),
        "other version": json.dumps({**good, "schema_version": 2}).encode(),
        "digests not a list": json.dumps({**good, "digests": digest}).encode(),
        "a non-digest entry": json.dumps({**good, "digests": [digest, 5]}).encode(),
        "upper-case hex": json.dumps({**good, "digests": [digest.upper()]}).encode(),
    }


@pytest.mark.parametrize("shape", [None, *record_vouching_for("0" * 64)])
def test_a_malformed_record_is_ignored(tmp_path, monkeypatch, shape):
    """A bank with a schema error, vouched for by a record: trusted only if well-formed."""
    root = copy_data(tmp_path, monkeypatch)
    raw = edit_wave(root, *TYPO)
    vouch = content.content_digest(QUESTIONS, raw)
    record = root / digests.RECORD_NAME
    if shape is None:  # control: a well-formed record is trusted, so the others prove something
        digests.write([vouch], root)
        assert {q.module for q in bank.load_questions("m02")} == {"m02"}
        return
    record.write_bytes(record_vouching_for(vouch)[shape])
    assert digests.recorded() == frozenset()
    with pytest.raises(ContentError, match="explian"):
        bank.load_questions("m02")
    # __wrapped__: the process-wide cache must not keep this temp tree's plan for other tests
    assert bank.load_questions("m01") and plan_data.plan_parts.__wrapped__()
    assert cases.check_file(root / "cases" / "01_definition.yaml") == []


def test_write_digests_refuses_when_a_file_has_a_problem(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch)
    before = (root / digests.RECORD_NAME).read_bytes()
    edit_wave(root, *TYPO)
    run = subprocess.run([sys.executable, "-m", "course_lib", "validate", "--write-digests"],
                         capture_output=True, text=True, cwd=REPO, env=dict(os.environ))
    assert run.returncode == 1
    assert "explian" in run.stderr and "not written" in run.stderr
    assert (root / digests.RECORD_NAME).read_bytes() == before


def test_write_digests_takes_no_paths(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch, record=False)
    err = io.StringIO()
    assert validate.run([str(root / "questions")], out=io.StringIO(), err=err,
                        write_digests=True) == 2
    assert "give no paths" in err.getvalue()
    assert not (root / digests.RECORD_NAME).exists()


def test_validate_never_trusts_the_record(tmp_path, monkeypatch):
    root = copy_data(tmp_path, monkeypatch)
    raw = edit_wave(root, *TYPO)
    digests.write([content.content_digest(QUESTIONS, raw)], root)
    err = io.StringIO()
    assert validate.run(out=io.StringIO(), err=err) == 1
    assert "explian" in err.getvalue()


def test_learner_dist_ships_the_record_and_it_leaks_nothing(tmp_path):
    from course_instructor import commands as instructor

    shipped = tmp_path / "dist" / "data"
    shutil.copytree(REPO / "data", shipped, ignore=instructor.DIST_IGNORE)  # as learner-dist does
    assert (shipped / digests.RECORD_NAME).read_bytes() == RECORD.read_bytes()
    secrets = instructor.all_secrets(REPO / "assignments")
    assert instructor.check_tree(shipped, secrets, "learner-dist") == []
