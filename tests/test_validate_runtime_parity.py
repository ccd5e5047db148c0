"""One validation path: every rule a notebook applies when it loads content, `validate` applies
too (and so `make digests` can never record a file that would fail in a notebook)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from bank_tree import FIXTURES, REPO

from course_lib.content import cases, loading, plan_data, validate
from course_lib.content.kinds import KINDS

# fixture -> (a fragment the message names, the loader a notebook uses for this kind)
KO = {
    "plan-ko-duplicate-field.yaml": "duplicate key",
    "plan-ko-key-prefix.yaml": "key must start with 'm97.'",
    "plan-ko-duplicate-yaml-key.yaml": "key 'title' appears twice",
    "cases-ko-id-prefix.yaml": "id must start with m97.",
    "cases-ko-duplicate-yaml-key.yaml": "key 'body' appears twice",
    "exercises-ko-no-text.yaml": "no text 'explore.criteria.case.brand_new_case'",
}


@pytest.mark.parametrize("name", sorted(KO))
def test_validate_refuses_what_the_notebook_refuses(name):
    run = subprocess.run([sys.executable, "-m", "course_lib", "validate", str(FIXTURES / name)],
                         capture_output=True, text=True, cwd=REPO, env=dict(os.environ))
    assert run.returncode == 1, run.stdout + run.stderr
    assert name in run.stderr and KO[name] in run.stderr
    # the run-time loader of that kind refuses the same file with the same words
    kind = KINDS[name.split("-", 1)[0]]
    with pytest.raises(loading.ContentError, match=KO[name].replace(".", r"\.")):
        loading.load_content(FIXTURES / name, kind)


def test_every_kind_has_one_row_and_its_loader_reads_the_course():
    """The table names every schema shipped, and each row's loader loads the real data/."""
    from course_lib.paths import schema_path

    shipped = {p.name for p in schema_path("x").parent.glob("*.v1.json")}
    shipped.discard("progress-export.v1.json")  # the record's export, not a data/ file
    assert {kind.schema for kind in KINDS.values()} == shipped
    for kind in KINDS.values():
        assert kind.load is not None and kind.load(), kind.name
    assert cases.check_file(FIXTURES / "cases-ko-id-prefix.yaml")
    assert plan_data.semantic_problems("x", {"module": "m97", "fields": []}) == []


def _clear_loader_caches():
    for kind in KINDS.values():
        getattr(kind.load, "cache_clear", lambda: None)()


@pytest.fixture(autouse=True)
def _fresh_loaders():
    """The loaders cache what they read: no test here leaves a temp tree in them."""
    yield
    _clear_loader_caches()


def _edited_copy(tmp_path, monkeypatch, edits: dict[str, tuple[str, str]]):
    """A copy of data/ with each file's first ``old`` replaced by ``new``; loaders read it."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    for rel, (old, new) in edits.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} changed: update this test's edit"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    _clear_loader_caches()  # they may hold the real data/
    return root


def _validate_errors() -> str:
    import io

    err = io.StringIO()
    assert validate.run(out=io.StringIO(), err=err) == 1
    return err.getvalue()


def test_a_case_id_in_two_case_files_fails_validate(tmp_path, monkeypatch):
    root = _edited_copy(tmp_path, monkeypatch, {})
    text = (root / "cases" / "01_definition.yaml").read_text(encoding="utf-8")
    (root / "cases" / "01_more.yaml").write_text(text, encoding="utf-8")
    errors = _validate_errors()
    assert "01_more.yaml: case m01." in errors and "duplicate id: also defined in" in errors
    with pytest.raises(cases.CaseError, match="case m01.[a-z_]+: field 'id': duplicate id"):
        cases.all_cases()


@pytest.mark.parametrize("kind", sorted(k.name for k in KINDS.values() if k.ids))
def test_an_id_in_two_files_is_one_rule_for_every_kind(kind, tmp_path, monkeypatch):
    """Questions, cases and plan fields share one duplicate-id rule (Kind.ids), worded alike
    in validate and in the notebook's loader."""
    row = KINDS[kind]
    root = _edited_copy(tmp_path, monkeypatch, {})
    first = row.paths(root)[0]
    copy = first.parent / f"{first.name[:3]}zz_copy.yaml"  # sorts after the first
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    said = (rf"{copy.stem}\.yaml: {row.ids.label} m[0-9]{{2}}\.\w+: "
            rf"field '{row.ids.key}': duplicate {row.ids.key}: also defined in \S*{first.name}")
    assert re.search(said, _validate_errors())
    # again after the copy is written: a widget left by an earlier test may have had the record
    # watcher's thread load the plan between _edited_copy's clear and the copy (seen once in a
    # fresh-clone unit tier: the cached plan without the copy, so no error)
    _clear_loader_caches()
    with pytest.raises(ValueError, match=said):
        row.load()


def test_an_exploration_field_turned_to_text_fails_validate(tmp_path, monkeypatch):
    _edited_copy(tmp_path, monkeypatch, {"plan/05_stakeholders.yaml": (
        "    kind: table\n", "    kind: text\n")})
    errors = _validate_errors()
    assert "cl.explore('stakeholders') keeps a table here, not a text" in errors
    with pytest.raises(loading.ContentError, match="keeps a table here"):
        plan_data.plan_parts()


def test_a_plan_file_named_for_another_module_fails_validate(tmp_path, monkeypatch):
    root = _edited_copy(tmp_path, monkeypatch, {})
    (root / "plan" / "03_approaches.yaml").rename(root / "plan" / "10_extra.yaml")
    errors = _validate_errors()
    assert "10_extra.yaml: field 'module': the file name says m10 but the file is for m03" \
        in errors
    with pytest.raises(loading.ContentError, match="file name says m10"):
        plan_data.plan_parts()


def test_two_plan_files_for_one_module_fail_validate(tmp_path, monkeypatch):
    root = _edited_copy(tmp_path, monkeypatch, {})
    text = (root / "plan" / "03_approaches.yaml").read_text(encoding="utf-8")
    (root / "plan" / "03_more.yaml").write_text(text, encoding="utf-8")
    assert "module m03 also has" in _validate_errors()


def test_make_digests_records_nothing_when_a_rule_fails(tmp_path):
    """A data/ copy with one case file breaking a semantic rule: no record is written."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "validated.json").unlink()
    shutil.copy(FIXTURES / "cases-ko-id-prefix.yaml", data / "cases" / "01_definition.yaml")
    run = subprocess.run([sys.executable, "-m", "course_lib", "validate", "--write-digests"],
                         capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "COURSE_DATA_DIR": str(data)})
    assert run.returncode == 1 and "record not written" in run.stderr
    assert not (data / "validated.json").exists()
