"""The Kubernetes plan on paper, checked as far as a machine without helm allows: the values
file against the chart's values schema (the subset vendored in deploy/z2jh), the formgrader
manifest against the values, and the resource guarantees against the measured load."""

from __future__ import annotations

import copy
import json
import re
import statistics
from pathlib import Path

import jsonschema
import pytest
import yaml

Z2JH = Path(__file__).resolve().parents[1] / "deploy" / "z2jh"


def load_yaml_all(name: str) -> list:
    return list(yaml.safe_load_all((Z2JH / name).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads((Z2JH / "values.schema.subset.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert "SUBSET" in schema["$comment"] and "4.4.0" in schema["$comment"]
    return jsonschema.Draft7Validator(schema)


def problems(validator, doc) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(doc)]


@pytest.mark.parametrize("name", ["values.yaml", "values-2000.yaml"])
def test_values_file_is_valid_against_the_chart_schema(validator, name):
    doc = yaml.safe_load((Z2JH / name).read_text(encoding="utf-8"))
    assert problems(validator, doc) == []


@pytest.mark.parametrize("path, bad", [
    (("singleuser", "memroy"), {"guarantee": "1G"}),  # a misspelt key
    (("singleuser", "cpu", "guarantee"), "0.05"),  # the chart wants a number here
    (("hub", "db", "type"), "postgresql"),  # not one of the chart's db types
    (("cull", "timeout"), "1h"),
    (("proxy", "https", "type"), "acme"),
])
def test_a_wrong_value_is_refused(validator, values, path, bad):
    doc = copy.deepcopy(values)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    assert problems(validator, doc), f"{'.'.join(path)} = {bad!r} passed"


def _bytes(quantity) -> float:
    units = {"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    number, unit = re.fullmatch(r"([0-9.]+)([KMG]i?)?", str(quantity)).groups()
    return float(number) * units[unit or ""]


def test_memory_guarantee_covers_the_measured_trainee(values):
    """The guarantee holds what a trainee measured after module 01 (median RSS: a pod is
    charged whole pages, not shares); the limit twice the largest, for heavier modules."""
    run = json.loads((Z2JH / "measured-load.json").read_text(encoding="utf-8"))
    measured = [j["rss_mb"] * 2**20 for j in run["crowd"] if j["rss_mb"] and not j["failure"]]
    assert len(measured) >= 10, "measured-load.json should hold a class-sized run"
    memory = values["singleuser"]["memory"]
    assert _bytes(memory["guarantee"]) >= statistics.median(measured)
    assert _bytes(memory["limit"]) >= 2 * max(measured)


def test_formgrader_manifest_matches_the_values(values):
    docs = {d["kind"]: d for d in load_yaml_all("formgrader.yaml")}
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    service = env["JUPYTERHUB_SERVICE_NAME"]["value"]
    assert service in values["hub"]["services"]
    host = values["hub"]["services"][service]["url"].split("//")[1].split(":")[0]
    assert host == docs["Service"]["metadata"]["name"]
    token = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token == {"name": "hub", "key": f"hub.services.{service}.apiToken"}
    # the role that lets instructors in names this very service
    scopes = [s for r in values["hub"]["loadRoles"].values() for s in r.get("scopes", [])]
    assert f"access:services!service={service}" in scopes
    # the exchange is the same volume, at the path nbgrader's config names
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
    trainee = {v["name"]: v["persistentVolumeClaim"]["claimName"]
               for v in values["singleuser"]["storage"]["extraVolumes"]}
    assert claims["exchange"] == trainee["exchange"]
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    config = values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    assert mounts["exchange"] == "/srv/nbgrader/exchange"
    compile(config, "nbgrader_config.py", "exec")


def test_nbgrader_config_is_the_one_machine_hubs(values):
    """Trainees' pods and the formgrader get the exchange settings `make hub` writes (zone,
    exchange classes), with the exchange at the volume's mount path."""
    setup_class = _hub_module("setup_class")
    layout = _hub_module("layout")
    expected = setup_class.exchange_config(layout.Layout(hub_dir="/srv/nbgrader", courses=[]))
    config = values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    assert config == "c = get_config()  # noqa: F821\n" + expected


def test_trainee_servers_are_told_what_make_hub_tells_them(values):
    """The same JupyterLab settings folder (as learner-dist ships it into the image), news,
    update check and kernel culling as `make hub`'s Spawner.args."""
    lab = values["singleuser"]["extraFiles"]["lab-settings"]
    # first on the config path, as on one machine: it must outrank the image's own
    # jupyter_server_config.d switches, which turn every installed extension on
    folder_of_file = lab["mountPath"].rsplit("/", 1)[0]
    assert lab["mountPath"].endswith("/jupyter_server_config.json")  # rendered as JSON
    config_path = values["singleuser"]["extraEnv"]["JUPYTER_CONFIG_PATH"]
    assert config_path.split(":")[0] == folder_of_file
    folder = "/home/jovyan/lab-config/classroom"  # repo2docker copies dist/learner to $HOME
    assert lab["data"] == _hub_module("server_settings").settings(folder)
    classroom = Z2JH.parents[1] / "lab-config" / "classroom"
    assert (classroom / "page_config.json").is_file()


def test_trainee_servers_start_as_make_hub_starts_them(values):
    """The same one-line start (no IRI grammar built: half a start's CPU)."""
    assert values["singleuser"]["cmd"] == _hub_module("trainee_server").command("python")


def _hub_module(name: str):
    import importlib

    return importlib.import_module(f"course_instructor.hub.{name}")


def test_grader_uid_is_outside_the_trainees_range(values):
    """nbgrader's exchange tells people apart by uid: the grader must never share one."""
    pod = next(d for d in load_yaml_all("formgrader.yaml") if d["kind"] == "Deployment")
    grader = pod["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
    rule = values["hub"]["extraConfig"]["10-distinct-uids"]
    first = int(re.search(r"uid = lambda spawner: (\d+) \+ spawner\.user\.id", rule).group(1))
    assert grader < first
