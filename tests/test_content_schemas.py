"""The shipped JSON Schemas: strict (no unknown fields), documented, versioned."""

from __future__ import annotations

import json

import pytest
import yaml

from course_lib.content import kinds
from course_lib.content import loading as content
from course_lib.paths import data_dir, schema_path

OURS = ["question-bank.v1.json", "modules.v1.json"]


def walk(node, path="#"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from walk(value, f"{path}/{n}")


@pytest.mark.parametrize("name", OURS)
def test_schema_is_valid_draft_2020_12(name):
    import jsonschema

    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", OURS)
def test_every_object_is_closed_and_every_field_described(name):
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    for path, node in walk(schema):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False or isinstance(
                node.get("additionalProperties"), dict), path
        for key, prop in node.get("properties", {}).items() if "/if" not in path else ():
            assert prop.get("description", "").strip(), f"{name} {path}/properties/{key}"


def test_content_kind_mapping():
    def kind(*args):
        return kinds.content_kind(*args).name

    assert kind(data_dir() / "questions" / "01_definition.yaml") == "questions"
    assert kind(data_dir() / "plan" / "01_definition.yaml") == "plan"
    assert kind(data_dir() / "cases" / "01_definition.yaml") == "cases"
    assert kind(data_dir() / "modules.yaml") == "modules"
    assert kind(data_dir() / "graded_objectives.yaml") == "graded_objectives"
    assert kind(data_dir() / "x" / "questions-ok-x.yaml") == "questions"
    assert kind(data_dir() / "x" / "y.yaml", {"questions": []}) == "questions"
    assert kinds.KINDS["questions"].schema == "question-bank.v1.json"


def test_modules_yaml_is_valid_and_ids_are_unique():
    data = kinds.load_content(data_dir() / "modules.yaml")
    ids = [m["id"] for m in data["modules"]]
    assert ids[0] == "m00" and len(ids) == len(set(ids))


def test_duplicate_module_id_is_named(tmp_path):
    modules = yaml.safe_load((data_dir() / "modules.yaml").read_text(encoding="utf-8"))
    modules["modules"].append(dict(modules["modules"][1]))
    path = tmp_path / "modules.yaml"
    path.write_text(yaml.safe_dump(modules, allow_unicode=True), encoding="utf-8")
    with pytest.raises(content.ContentError, match=r"module m01: field 'id': duplicate module id"):
        kinds.load_content(path)


def test_missing_schema_is_skipped_not_failed():
    import dataclasses

    unshipped = dataclasses.replace(kinds.KINDS["cases"], schema="no-such-schema.v1.json")
    assert content.load_schema(unshipped.schema) is None
    assert content.schema_problems("x.yaml", unshipped, {"anything": 1}) == []
