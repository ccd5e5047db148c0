"""The real `python -m course_lib validate` CLI on good and bad fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from bank_tree import FIXTURES, REPO, make_tree


def validate(*paths, env=None):
    return subprocess.run([sys.executable, "-m", "course_lib", "validate", *map(str, paths)],
                          capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("questions-ok-*.yaml")))
def test_ok_fixtures_pass(name):
    run = validate(FIXTURES / name)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


# fixture -> fragments the message must contain (file name is always checked too)
KO = {
    "questions-ko-empty.yaml": ["the file is empty"],
    "questions-ko-broken-yaml.yaml": ["broken YAML at line 7"],
    "questions-ko-unknown-kind.yaml": ["question m97.essay", "field 'kind'",
                                       "unknown kind 'essay'"],
    "questions-ko-missing-answer.yaml": ["question m97.no_key", "field 'answer'",
                                         "missing the correct answer"],
    "questions-ko-missing-language.yaml": ["question m97.mn_only", "field 'options[1].text.en'",
                                           "missing language 'en'"],
    "questions-ko-schema-too-old.yaml": ["field 'schema_version'", "too old"],
    "questions-ko-schema-too-new.yaml": ["field 'schema_version'", "too new"],
    "questions-ko-answer-not-an-option.yaml": ["question m97.bad_key", "field 'answer'",
                                               "'z' is not an option id"],
    "questions-ko-matching-incomplete.yaml": ["question m97.pairs", "'two' has no pair"],
    "questions-ko-ordering-not-permutation.yaml": ["question m97.steps", "missing s3",
                                                   "repeated s2"],
    "questions-ko-id-prefix.yaml": ["question m01.elsewhere", "field 'id'", "'m97.'"],
    "questions-ko-unknown-field.yaml": ["question m97.typo", "field 'explian'", "unknown field"],
    "questions-ko-blank-text.yaml": ["question m97.blank", "field 'prompt.mn'", "blank"],
    "questions-ko-likert-with-answer.yaml": ["question m97.opinion", "no correct answer"],
    "questions-ko-missing-id.yaml": ["question #2", "field 'id'"],
    "questions-ko-duplicate-key.yaml": ["line 10", "key 'answer' appears twice"],
    "questions-ko-option-without-explain.yaml": ["question m97.silent",
                                                 "field 'options[1].explain'"],
}


def test_every_ko_fixture_has_expectations():
    singles = {p.name for p in FIXTURES.glob("questions-ko-*.yaml")
               if "duplicate-id" not in p.name}
    assert singles == set(KO)


@pytest.mark.parametrize("name", sorted(KO))
def test_ko_fixtures_fail_naming_file_question_and_field(name):
    run = validate(FIXTURES / name)
    assert run.returncode == 1
    assert f"tests/fixtures/{name}" in run.stderr
    for fragment in KO[name]:
        assert fragment in run.stderr, run.stderr


def test_duplicate_id_across_files():
    a = FIXTURES / "questions-ko-duplicate-id-a.yaml"
    b = FIXTURES / "questions-ko-duplicate-id-b.yaml"
    assert validate(a).returncode == 0 and validate(b).returncode == 0  # each alone is fine
    run = validate(a, b)
    assert run.returncode == 1
    assert "questions-ko-duplicate-id-b.yaml: question m96.twice: field 'id'" in run.stderr
    assert "also defined in tests/fixtures/questions-ko-duplicate-id-a.yaml" in run.stderr


def test_default_is_all_of_data_dir(tmp_path):
    tree = make_tree(tmp_path, "questions-ok-all-kinds.yaml", "questions-ko-missing-answer.yaml")
    run = validate(env={"COURSE_DATA_DIR": str(tree)})
    assert run.returncode == 1 and "m97.no_key" in run.stderr
    (tree / "questions" / "01_questions-ko-missing-answer.yaml").unlink()
    run = validate(env={"COURSE_DATA_DIR": str(tree)})
    assert run.returncode == 0, run.stderr
    assert "9 question(s)" in run.stdout


def test_folder_argument_and_missing_path(tmp_path):
    tree = make_tree(tmp_path, "questions-ok-minimal.yaml")
    assert validate(tree / "questions").returncode == 0
    run = validate(tmp_path / "nowhere.yaml")
    assert run.returncode == 1 and "no such file" in run.stderr


def test_modules_file_is_checked(tmp_path):
    bad = tmp_path / "modules.yaml"
    bad.write_text("schema_version: 1\nmodules:\n  - id: m00\n    slug: welcome\n"
                   "    minutes: 5\n    title: {mn: Тавтай морил}\n"
                   "    desc: {mn: Танилцуулга, en: Intro}\n", encoding="utf-8")
    run = validate(bad)
    assert run.returncode == 1
    assert "module m00: field 'title.en': missing language 'en'" in run.stderr


def test_locale_catalogue_is_checked(tmp_path):
    (tmp_path / "locale").mkdir()
    bad = tmp_path / "locale" / "broken.yaml"
    bad.write_text("quiz.x:\n  mn: Шалгах\n", encoding="utf-8")
    run = validate(bad)
    assert run.returncode == 1 and "key quiz.x: field 'en': missing language 'en'" in run.stderr


def test_all_of_data_is_valid():
    """The shipped content: every bank, plan, case file, modules.yaml and catalogue."""
    run = validate()
    assert run.returncode == 0, run.stderr


def test_bank_must_belong_to_a_listed_module(tmp_path):
    tree = make_tree(tmp_path, "questions-ok-minimal.yaml")  # module m98, file 00_...
    shutil.copy(REPO / "data" / "modules.yaml", tree / "modules.yaml")
    run = validate(env={"COURSE_DATA_DIR": str(tree)})
    assert run.returncode == 1
    assert "field 'module': module 'm98' is not listed in data/modules.yaml" in run.stderr
    assert "the file name says m00 but the file is for m98" in run.stderr
    one = validate(tree / "questions" / "00_questions-ok-minimal.yaml",
                   env={"COURSE_DATA_DIR": str(tree)})
    assert one.returncode == 1 and "not listed" in one.stderr
