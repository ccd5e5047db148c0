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


def test_the_english_line_of_a_bilingual_cell_is_not_read_twice():
    mongolian = "Эхлэх: дээд талын товчийг дарна уу.<br>"
    english = "*Start: click the button at the top.*"
    assert estimate_minutes._words(f"{mongolian}\n{english}") == estimate_minutes._words(mongolian)
    # an italic Mongolian line, or English inside a Mongolian line, is still read
    assert estimate_minutes._words("*Эхлэх: товчийг дарна.*") == 3
    assert estimate_minutes._words("Энэ бол *Run All Cells* цэс.") == 6
