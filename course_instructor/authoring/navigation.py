"""Write the course map into 00_welcome, prev/next links into every module notebook, and
at the end of each notebook's first cell the one line saying how to start (Run All).

Both come from data/modules.yaml, so the map is never typed by hand in two places. The cells
are found by their markers; running it twice changes nothing. `--check` exits 1 when a
notebook is out of date (a test runs it).
"""

from __future__ import annotations

import re

from course_instructor.authoring import (
    notebook_cli,  # tools/ is on the path when a tool runs as a script
)
from course_instructor.repo import REPO as ROOT
from course_lib.content.course_map import modules

NOTEBOOKS = ROOT / "notebooks"
MAP = ("<!-- course-map:start -->", "<!-- course-map:end -->")
NAV = ("<!-- nav:start -->", "<!-- nav:end -->")
START = ("<!-- how-to-start:start -->", "<!-- how-to-start:end -->")
# JupyterLab speaks Mongolian (packages/jupyterlab-language-pack-mn-MN): name the controls as
# shown; ⏩ first asks to restart the kernel, so say what that question means. Markdown cannot
# follow the language switch, so the English line follows in italics, as in the map and links.
HOW_TO_START = (
    "▶️ **Эхлэх:** дээд талын ⏩ товчийг (цөмийг дахин эхлүүлээд бүх нүдийг ажиллуулах) эсвэл "
    "*Ажиллуулах ▸ Бүх нүдийг ажиллуулах* цэсийг дарна уу. Ингэснээр асуулт, дасгалууд ажиллаж "
    "эхэлнэ. ⏩ «Цөмийг дахин эхлүүлэх үү? … Бүх хувьсагч арилна» гэж асуувал **Дахин "
    "эхлүүлэх**-ийг дарна уу: зөвхөн дэвтрийн түр тооцоолол арилах бөгөөд таны хариулт, ахиц, "
    "төлөвлөгөө хадгалагдсан хэвээр үлдэнэ. Хуудас хэлбэрээр нээсэн бол юу ч дарах шаардлагагүй."
    "<br>\n"
    "*English:* *Start: click ⏩ at the top (restart the kernel and run all cells) or the menu "
    "Run ▸ Run All "
    "Cells. If ⏩ asks to restart the kernel, click Restart: only the notebook's temporary state "
    "goes; your answers, progress and plan stay saved. Opened as a page, nothing needs clicking.*"
)


def course_map() -> str:
    # Markdown cannot follow the language switch, so the map and links carry both languages.
    rows = ["| № | Модуль · *Module* | Агуулга | Хугацаа · *Time* |", "|---|---|---|---|"]
    for m in modules():
        rows.append(
            f"| {m.number} | [{m.title('mn')}]({m.notebook})<br>*{m.title('en')}* "
            f"| {m.desc('mn')} | {m.minutes} мин |"
        )
    total = sum(m.minutes for m in modules())
    rows.append(f"\nНийт ойролцоогоор {total // 60} цаг {total % 60} минут. "
                f"*Total: about {total // 60} h {total % 60} min.*")
    return "\n".join(rows)


def nav(index: int) -> str:
    ms = modules()
    parts = []
    if index > 0:
        prev = ms[index - 1]
        parts.append(f"⬅️ Өмнөх · *Previous*: [{prev.number}. {prev.title('mn')} · "
                     f"*{prev.title('en')}*]({prev.notebook})")
    if index > 1:
        parts.append(f"🗺️ [Сургалтын зураглал · *Course map*]({ms[0].notebook})")
    if index + 1 < len(ms):
        nxt = ms[index + 1]
        parts.append(f"➡️ Дараах · *Next*: [{nxt.number}. {nxt.title('mn')} · "
                     f"*{nxt.title('en')}*]({nxt.notebook})")
    return " &nbsp;|&nbsp; ".join(parts)


def _fill(source: str, markers: tuple[str, str], body: str) -> str:
    start, end = markers
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", source)


def _refresh(index: int, nb) -> bool:
    """Fill the course map, the prev/next links and the how-to-start line of module ``index``."""
    dirty = False
    first = nb.cells[0] if nb.cells else None
    if first is not None and first.cell_type == "markdown" and START[0] not in first.source:
        first.source = f"{first.source.rstrip()}\n\n{START[0]}\n{START[1]}"
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        new = cell.source
        if MAP[0] in new:
            new = _fill(new, MAP, course_map())
        if NAV[0] in new:
            new = _fill(new, NAV, nav(index))
        if START[0] in new:
            new = _fill(new, START, HOW_TO_START)
        if new != cell.source:
            cell.source, dirty = new, True
    return dirty


def update(check: bool = False) -> list[str]:
    """Refresh every notebook; return the names that were (or would be) changed."""
    index = {m.notebook: i for i, m in enumerate(modules())}
    paths = [NOTEBOOKS / name for name in index if (NOTEBOOKS / name).exists()]
    return notebook_cli.rewrite(paths, lambda nb, path: _refresh(index[path.name], nb), check)


if __name__ == "__main__":
    notebook_cli.run(update, "navigation")
