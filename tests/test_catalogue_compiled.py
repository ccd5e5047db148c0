"""data/catalogue.json: the locale catalogue as JSON, written by `make digests`, used only while
it was made from exactly the YAML files in data/locale/ (otherwise the YAML is parsed)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bank_tree import REPO

from course_lib import i18n

COMPILED = REPO / "data" / i18n.COMPILED_NAME


@pytest.fixture
def data(data_copy):
    """The temp copy of data/ (conftest.data_copy) these tests change."""
    return data_copy


def from_yaml(root):
    return i18n._parse(i18n._sources(root))


def test_committed_catalogue_is_current(data):
    (data / i18n.COMPILED_NAME).unlink()
    i18n.write_compiled(data)
    assert (data / i18n.COMPILED_NAME).read_text("utf-8") == COMPILED.read_text("utf-8"), \
        "data/catalogue.json is stale: run `make digests` and commit data/catalogue.json"


def test_compiled_catalogue_is_the_yaml_one_in_the_same_order(data):
    compiled = i18n._compiled(data, i18n.sources_digest(i18n._sources(data)))
    assert compiled is not None, "the committed catalogue.json does not match data/locale"
    yaml_entries = from_yaml(data)
    assert compiled == yaml_entries
    assert list(compiled) == list(yaml_entries)
    assert i18n.catalogue() == yaml_entries


def test_an_edited_locale_file_wins_over_a_stale_compiled_catalogue(data):
    path = data / "locale" / "core.yaml"
    text = path.read_text("utf-8")
    old = i18n.catalogue()["setup.ready"]["en"]
    assert old.split()[0] in text
    path.write_text(text.replace(old.split()[0], "Edited", 1), encoding="utf-8")
    i18n.catalogue.cache_clear()
    assert i18n.catalogue()["setup.ready"]["en"].startswith("Edited")
    assert i18n.catalogue() == from_yaml(data)


def test_a_new_locale_file_wins_over_a_stale_compiled_catalogue(data):
    (data / "locale" / "zz_extra.yaml").write_text(
        "extra.key:\n  mn: Нэмэлт\n  en: Extra\n", encoding="utf-8")
    assert i18n.catalogue()["extra.key"] == {"mn": "Нэмэлт", "en": "Extra"}


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"schema_version": 2}',
                                     b'{"schema_version": 1, "sources": "x", "entries": {}}'])
def test_a_broken_or_foreign_compiled_catalogue_falls_back_to_yaml(data, content):
    (data / i18n.COMPILED_NAME).write_bytes(content)
    assert i18n.catalogue() == from_yaml(data)


def test_without_a_compiled_catalogue_the_yaml_is_parsed(data):
    (data / i18n.COMPILED_NAME).unlink()
    assert i18n.catalogue() == from_yaml(data)


def test_a_duplicate_key_across_files_is_refused_when_compiling(data):
    (data / "locale" / "zz_dup.yaml").write_text(
        "setup.ready:\n  mn: Давхар\n  en: Twice\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        i18n.write_compiled(data)


def test_setup_parses_no_yaml(tmp_path):
    """With a current catalogue.json, a notebook's set-up never imports the YAML parser."""
    code = ("import sys, course_lib as cl; cl.setup('m01', quiet=True); "
            "print('yaml' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"COURSE_PROGRESS_DB": str(tmp_path / "p.db"),
                              "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, check=True)
    assert run.stdout.strip() == "False", run.stderr
