"""One validation path: every rule a notebook applies when it loads content, `validate` applies
too (and so `make digests` can never record a file that would fail in a notebook)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bank_tree import FIXTURES, REPO

from course_lib.content import cases, loading, plan_data

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
    kind = name.split("-", 1)[0]
    with pytest.raises(loading.ContentError, match=KO[name].replace(".", r"\.")):
        loading.load_content(FIXTURES / name, kind)


def test_the_runtime_loaders_share_the_rule_table():
    """plan_data and cases load through loading.check_file, whose rule table has every kind."""
    assert set(loading.SEMANTIC_CHECKS) == set(loading.SCHEMAS)
    assert loading.SEMANTIC_CHECKS["plan"]("x", {"module": "m97", "fields": [
        {"key": "m01.a", "kind": "text"}]})
    assert cases.check_file(FIXTURES / "cases-ko-id-prefix.yaml")
    assert plan_data.semantic_problems("x", {"module": "m97", "fields": []}) == []


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
