"""The course slider is an anywidget (its import brings psygnal): only an exploration that
shows a slider may import it, so modules 01, 04, 06 and 09 do not pay for it."""

from __future__ import annotations

import os
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


def imports_anywidget(name: str, tmp_path) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    env["COURSE_PROGRESS_DB"] = str(tmp_path / "p.db")
    run = subprocess.run([sys.executable, "-c", SHOW.format(name=name)], capture_output=True,
                         text=True, cwd=REPO, env=env, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("name", ["criteria", "challenges", "coordination", "team_climate",
                                  "attacks", "action_plan"])
def test_an_exploration_without_a_slider_never_imports_anywidget(name, tmp_path):
    assert not imports_anywidget(name, tmp_path)


@pytest.mark.parametrize("name", ["wave", "stakeholders"])
def test_an_exploration_with_sliders_still_gets_them(name, tmp_path):
    # the other side: the check above can fail (a slider still comes from the same module)
    assert imports_anywidget(name, tmp_path)
