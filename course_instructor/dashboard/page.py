"""The dashboard page (HTML, one per language) and the per-trainee CSV.

plotly.min.js is copied once beside the pages from the plotly package (no CDN: the page opens
offline); the figures travel as JSON inside the page and are drawn by a few lines of script.
"""

from __future__ import annotations

import csv
import json
import shutil
from html import escape
from pathlib import Path

PLOTLY_JS = "plotly.min.js"

_SCRIPT = """
const specs = JSON.parse(document.getElementById('figures').textContent);
let drawn = 0;
for (const [id, spec] of Object.entries(specs)) {
  Plotly.newPlot(id, spec.data, spec.layout, {displayModeBar: false, responsive: true})
    .then(() => { drawn += 1; document.body.dataset.drawn = drawn; });
}
for (const table of document.querySelectorAll('table.sortable')) {
  const buttons = table.querySelectorAll('th button');
  buttons.forEach((button, col) => button.addEventListener('click', () => {
    const th = button.parentElement;
    const down = th.getAttribute('aria-sort') === 'ascending';
    table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
    const body = table.tBodies[0];
    const key = r => r.cells[col].dataset.v ?? r.cells[col].textContent;
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      const c = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
      return down ? -c : c;
    });
    rows.forEach(r => body.appendChild(r));
  }));
}
"""

_STYLE = """
body{font-family:'Noto Sans','DejaVu Sans',sans-serif;margin:1.5rem auto;max-width:70rem;
color:#1a1a1a;padding:0 1rem}
section{margin:2rem 0}.reading{font-size:1.05rem;background:#eef3f8;padding:.5rem .8rem;
border-left:4px solid #1f5f99}table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}
th button{font:inherit;font-weight:bold;background:none;border:0;cursor:pointer;padding:0;
color:#1a1a1a;text-decoration:underline}.flag{color:#8a3b00;font-weight:bold}
.scroll{overflow-x:auto}
"""


def _cell(value, fmt: str = "{:g}") -> str:
    if value is None:
        return '<td data-v="-1">–</td>'
    if isinstance(value, float | int):
        return f'<td data-v="{value}">{escape(fmt.format(value))}</td>'
    return f"<td>{escape(str(value))}</td>"


def table(caption: str, heads: list[str], rows: list[list], sortable: bool = True) -> str:
    cls = ' class="sortable"' if sortable else ""
    th = "".join(f'<th scope="col"><button type="button">{escape(h)}</button></th>' if sortable
                 else f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "".join("<tr>" + "".join(c if isinstance(c, str) and c.startswith("<td")
                                     else _cell(c) for c in row) + "</tr>" for row in rows)
    return (f'<div class="scroll"><table{cls}><caption>{escape(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>")


def figure_section(fid: str, heading: str, reading: str, extra: str = "") -> str:
    return (f'<section aria-labelledby="{fid}-h"><h2 id="{fid}-h">{escape(heading)}</h2>'
            f'<p class="reading">{escape(reading)}</p>'
            f'<div id="{fid}" class="figure" role="img" aria-label="{escape(reading)}"></div>'
            f"{extra}</section>")


def write_page(path: Path, lang: str, title: str, intro: list[str], sections: list[str],
               figures: dict[str, dict], other: tuple[str, str, str]) -> None:
    data = json.dumps(figures, ensure_ascii=False, allow_nan=False).replace("</", "<\\/")
    paras = "".join(f"<p>{escape(p)}</p>" for p in intro)
    html = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style>"
            f'<script src="{PLOTLY_JS}"></script></head><body>'
            f'<header><p><a href="{other[0]}" lang="{other[1]}">{escape(other[2])}</a>'
            f"</p><h1>{escape(title)}</h1>{paras}</header><main>{''.join(sections)}</main>"
            f'<script type="application/json" id="figures">{data}</script>'
            f"<script>{_SCRIPT}</script></body></html>")
    path.write_text(html, encoding="utf-8")


def copy_plotly(out: Path) -> None:
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / PLOTLY_JS
    target = out / PLOTLY_JS
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


# A spreadsheet runs a cell that starts like this as a formula (CSV injection): a trainee's
# name "=HYPERLINK(...)" would call out, or worse, when the instructor opens trainees.csv.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ' where it would start a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(path: Path, modules: list[dict], name_column: bool) -> None:
    """One row per trainee: per module, assignments submitted of due, score and maximum."""
    names = sorted({m for row in modules for m in row["modules"]})
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        head = ["student_id"] + (["name"] if name_column else [])
        for m in names:
            head += [f"{m}_submitted", f"{m}_of", f"{m}_score", f"{m}_max"]
        out.writerow(head)
        for row in modules:
            # ids and names are text a trainee or a roster chose; the counts are ours
            line = [as_text(row["student"])] + ([as_text(row["name"])] if name_column else [])
            for m in names:
                cell = row["modules"][m]
                line += [cell["submitted"], cell["of"], f"{cell['score']:g}", f"{cell['max']:g}"]
            out.writerow(line)
