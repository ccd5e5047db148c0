"""What the welcome and wrap-up notebooks must tell and offer, and course-wide wording rules."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _notebook(name: str) -> tuple[str, list[str]]:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    text = lambda c: "".join(c["source"]) if isinstance(c["source"], list) else c["source"]  # noqa: E731
    prose = "\n".join(text(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    calls = [text(c).strip() for c in nb["cells"] if c["cell_type"] == "code"]
    return prose, calls


def test_welcome_tells_what_the_course_is_how_to_work_and_where_work_is_saved():
    prose, calls = _notebook("00_welcome.ipynb")
    # the deck's title slide, quoted
    for line in ("Төрийн албаны инноваци", "Төрийн албан дахь өөрчлөлт шинэчлэлийн сэтгэлгээ",
                 "2019 оны 10 дугаар сар", "Улаанбаатар"):
        assert line in prose, line
    assert "Shift + Enter" in prose and "Run All Cells" in prose  # running cells
    assert "«Шалгах»" in prose  # the answer widgets
    assert "хадгалагдана" in prose and "Binder" in prose  # where work is saved; taking it along
    assert 'cl.quiz("m00")' in calls  # a practice question
    assert "cl.progress_overview()" in calls and "cl.progress_panel()" in calls


def test_wrap_up_offers_progress_plan_export_and_final_quiz():
    prose, calls = _notebook("09_wrap_up.ipynb")
    assert "Баярлалаа" in prose and "Асуулт, хариулт" in prose  # the deck's closing slide
    assert 'cl.quiz("m09")' in calls
    assert "cl.progress_overview()" in calls and "cl.progress_panel()" in calls
    assert 'cl.plan_form("m09")' in calls


def _tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "notebooks", "data", "assignments/source"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / p for p in out.splitlines() if p.endswith((".ipynb", ".yaml", ".md"))]


def test_innovation_is_spelled_as_the_deck_spells_it():
    # hunspell-mn knows both "инновац" and "инноваци"; the course keeps the deck's spelling.
    # Quotes of the deck may keep its own "инновацлаг" (slide 2); nothing else may drop the и.
    wrong = re.compile(r"\b[Ии]нновац(?!и)[а-яёөү]*")
    found = []
    for path in _tracked_text_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            for word in wrong.findall(line):
                if word.lower().startswith("инновацлаг") and ("> " in line or "«" in line):
                    continue  # the deck's own wording, quoted
                found.append(f"{path.relative_to(ROOT)}: {word}")
    assert found == []


def test_oecd_abbreviation_is_the_corrected_one_outside_quotes():
    found = []
    for path in _tracked_text_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "ЭЗХХАБ" in line and "ЭЗХАХБ" not in line:
                found.append(f"{path.relative_to(ROOT)}: {line.strip()[:80]}")
    assert found == [], "the deck's typo ЭЗХХАБ appears without the correction ЭЗХАХБ"


def test_readme_binder_link_opens_the_welcome_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(
        r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/notebooks/"
        r"00_welcome\.ipynb\)", readme)


def test_every_code_cell_is_collapsed():
    # trainees read prose and use widgets; the one-line calls stay folded (⋯), setup included
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                assert cell["metadata"].get("jupyter", {}).get("source_hidden"), f"{path.name}:{i}"
