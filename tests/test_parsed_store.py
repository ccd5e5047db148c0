"""data/parsed.jsonl: the parsed data of recorded content, so notebooks import no YAML parser;
used only for bytes data/validated.json records, and then exactly what the YAML gives."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from bank_tree import REPO

from course_lib.content import bank, digests, parsed, validate
from course_lib.content.kinds import KINDS, content_kind
from course_lib.content.loading import content_digest, read_yaml

STORE = REPO / "data" / parsed.STORE_NAME


@pytest.fixture
def data(data_copy):
    """The temp copy of data/ (conftest.data_copy) these tests change."""
    return data_copy


def schema_checked_files():
    return [p for p in validate.default_paths() if p.parent.name != "locale"]


def test_committed_store_is_current(data):
    (data / parsed.STORE_NAME).unlink()
    out, err = io.StringIO(), io.StringIO()
    assert validate.run(out=out, err=err, write_digests=True) == 0, err.getvalue()
    assert (data / parsed.STORE_NAME).read_text("utf-8") == STORE.read_text("utf-8"), \
        "data/parsed.jsonl is stale: run `make digests` and commit data/parsed.jsonl"


@pytest.mark.parametrize("path", schema_checked_files(), ids=lambda p: p.name)
def test_every_recorded_file_is_stored_as_its_yaml_parses(path):
    kind = content_kind(path) or content_kind(path, read_yaml(path)[0])
    digest = content_digest(kind, path.read_bytes())
    assert digest in digests.recorded()
    stored, from_yaml = parsed.lookup(digest), read_yaml(path)[0]
    assert stored == from_yaml
    assert list(stored) == list(from_yaml)  # and in the same key order


def test_each_lookup_is_an_object_of_its_own():
    digest = sorted(digests.recorded())[0]
    first = parsed.lookup(digest)
    first["mutated"] = True
    assert "mutated" not in parsed.lookup(digest)


def test_an_edited_bank_is_parsed_from_its_yaml(data):
    path = data / "questions" / "02_wave.yaml"
    path.write_text(path.read_text("utf-8").replace("m02.big_wave", "m02.bigger_wave", 1),
                    encoding="utf-8")
    assert bank.get_question("m02.bigger_wave").module == "m02"


@pytest.mark.parametrize("content", [b"", b"not a header\n", b'{"schema_version": 2}\n',
                                     b'{"schema_version": 1}\n' + b"0" * 64 + b" {broken\n"])
def test_a_broken_store_falls_back_to_yaml(data, content):
    expected = [q.id for q in bank.load_questions("m01")]
    bank._load_file.cache_clear()
    (data / parsed.STORE_NAME).write_bytes(content)
    assert [q.id for q in bank.load_questions("m01")] == expected


def tamper_m01_bank(root) -> None:
    """Rename m01.process in the stored line of 01_definition.yaml (not in the YAML)."""
    path = root / parsed.STORE_NAME
    lines = path.read_text("utf-8").splitlines()
    digest = content_digest(KINDS["questions"],
                            (root / "questions" / "01_definition.yaml").read_bytes())
    hits = [i for i, line in enumerate(lines) if line.startswith(digest)]
    assert len(hits) == 1 and '"m01.process"' in lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace('"m01.process"', '"m01.from_store"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_recorded_bytes_take_their_data_from_the_store(data):
    tamper_m01_bank(data)
    assert "m01.from_store" in [q.id for q in bank.load_questions("m01")]


def test_without_the_record_the_store_is_never_trusted(data):
    tamper_m01_bank(data)
    (data / digests.RECORD_NAME).unlink()
    ids = [q.id for q in bank.load_questions("m01")]
    assert "m01.process" in ids and "m01.from_store" not in ids


MODULE_CELLS = """
import sys
import course_lib as cl
cl.setup("m01")
cl.quiz("m01.process")
cl.explore("criteria")
cl.plan_form("m01")
cl.case("m01.e_mongolia")
print(sorted(m for m in ("yaml", "jsonschema", "plotly", "spylls") if m in sys.modules))
"""


def test_a_module_notebook_imports_no_yaml(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    env["COURSE_PROGRESS_DB"] = str(tmp_path / "p.db")
    run = subprocess.run([sys.executable, "-c", MODULE_CELLS], capture_output=True, text=True,
                         cwd=REPO, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]", \
        "a module notebook imported a parser it should not need: run `make digests`?"
