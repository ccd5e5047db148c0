"""What a notebook's set-up must not import. The course slider is an anywidget (psygnal with
it): only an exploration that shows a slider imports it, so modules 01, 04, 06 and 09 do not
pay for it. The glossary's rules stem with hunspell (spylls, seconds): recorded bytes skip them,
so module 00's glossary loads without spylls; edited bytes still get every rule."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from bank_tree import REPO

SHOW = """
import sys
import course_lib as cl
cl.setup(quiet=True)
cl.explore({name!r})
print("anywidget" in sys.modules)
"""


def run_child(code: str, tmp_path, data_dir=None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    env["COURSE_PROGRESS_DB"] = str(tmp_path / "p.db")
    if data_dir:
        env["COURSE_DATA_DIR"] = str(data_dir)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, cwd=REPO, env=env, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def imports_anywidget(name: str, tmp_path) -> bool:
    return run_child(SHOW.format(name=name), tmp_path) == "True"


@pytest.mark.parametrize("name", ["criteria", "challenges", "coordination", "team_climate",
                                  "attacks", "action_plan"])
def test_an_exploration_without_a_slider_never_imports_anywidget(name, tmp_path):
    assert not imports_anywidget(name, tmp_path)


@pytest.mark.parametrize("name", ["wave", "stakeholders"])
def test_an_exploration_with_sliders_still_gets_them(name, tmp_path):
    # the other side: the check above can fail (a slider still comes from the same module)
    assert imports_anywidget(name, tmp_path)


GLOSSARY = """
import sys
import course_lib as cl
cl.setup(quiet=True)
cl.glossary()
print("spylls" in sys.modules)
"""


def test_the_recorded_glossary_loads_without_the_stemmer(tmp_path):
    assert run_child(GLOSSARY, tmp_path) == "False", \
        "cl.glossary() loaded spylls: is data/validated.json stale? run `make digests`"


def test_an_edited_glossary_gets_every_rule(tmp_path):
    # the other side: bytes the record does not list run the stemming rules
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "glossary.yaml"
    path.write_text(path.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    assert run_child(GLOSSARY, tmp_path, data) == "True"
