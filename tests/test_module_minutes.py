"""The time each module promises is the documented estimate (docs/EDITORIAL.md), everywhere."""

import json
import re
import subprocess
import sys
from pathlib import Path

from course_instructor.authoring import estimate_minutes

ROOT = Path(__file__).resolve().parent.parent


def test_modules_yaml_states_the_estimate():
    run = subprocess.run([str(Path(sys.executable).parent / "course-author"), "minutes", "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_each_notebook_states_the_minutes_of_modules_yaml():
    stated = estimate_minutes.stated_minutes()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        found = re.search(r"\*\*Хугацаа:\*\* ойролцоогоор (\d+) минут", first)
        assert found, f"{path.name}: no time line"
        assert int(found.group(1)) == stated[f"m{path.name[:2]}"], path.name
