"""``make dashboard``: the class dashboard from the gradebook, in Mongolian (index.html) and
English (en.html), with plotly.min.js beside them and trainees.csv (per module, for personnel
records), written under the course root (git-ignored).

    course-instructor dashboard [--anonymise] [--out DIR] [--root DIR]
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import yaml

from course_instructor.grading import short_answers
from course_instructor.grading.gradebook import gradebook_url

from . import page, spec, stats
from .source import load_objectives, read_gradebook

STRINGS = yaml.safe_load((Path(__file__).parent / "strings.yaml").read_text(encoding="utf-8"))
PAGES = {"mn": "index.html", "en": "en.html"}


def translator(lang: str):
    def t(key: str, **fields) -> str:
        return STRINGS[key][lang].format(**fields)
    return t


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}".removesuffix(".0")


def _pct(x: float) -> str:
    return f"{100 * x:.0f}"


def views(gb: stats.Gradebook, objectives: dict, links: dict, lang: str,
          refused: list[dict] = ()) -> tuple[list, dict]:
    """(html sections, figure specs by id) for one language; ``refused``: the short answers
    not accepted (short_answers.unaccepted), listed with how many wrote each."""
    t = translator(lang)

    def label(oid: str | None) -> str:
        if not oid:
            return t("no_objective")
        text = (objectives.get(oid) or {}).get("text", {}).get(lang)
        return f"{oid} {text}" if text else oid

    modules = {oid: o["module"] for oid, o in objectives.items()}
    per_a = stats.assignment_stats(gb)
    items = stats.item_stats(gb, links)
    refl = stats.reflection_stats(gb)
    least = stats.objective_stats(items, modules)
    sections, figs = [], {}

    def add(fid, heading, reading, figure, extra=""):
        sections.append(page.figure_section(fid, heading, reading, extra))
        figs[fid] = figure

    done = [a for a in per_a if a["students"]]
    low = min(done, key=lambda a: (a["submitted"], a["assignment"])) if done else None
    add("completion", t("completion_h"),
        t("completion_read", assignment=low["assignment"], n=low["submitted"],
          of=low["students"]) if low else t("no_data"), spec.completion(per_a, t))

    scored = [a for a in per_a if a["submitted"]]
    low = min(scored, key=lambda a: (a["mean"] / (a["max"] or 1), a["assignment"])) \
        if scored else None
    add("scores", t("scores_h"),
        t("scores_read", assignment=low["assignment"], mean=_num(low["mean"]),
          max=_num(low["max"])) if low else t("no_data"),
        spec.boxes([(a["assignment"], a["scores"]) for a in per_a], t("assignment"), t("score")))

    answered = [i for i in items if i["n"]]
    hard = min(answered, key=lambda i: (i["difficulty"], i["item"])) if answered else None
    rule = t("items_rule", share=_pct(stats.GROUP_SHARE), min=stats.MIN_N,
             easy=_pct(stats.TOO_EASY), hard=_pct(stats.TOO_HARD))
    rows = [[i["item"], i["assignment"], modules.get(i["objective"], i["module"]), i["n"],
             i["right"],
             None if i["difficulty"] is None else round(i["difficulty"], 2),
             None if i["discrimination"] is None else round(i["discrimination"], 2),
             f'<td class="flag">{", ".join(t("flag_" + f) for f in i["flags"])}</td>',
             label(i["objective"])] for i in items]
    heads = [t("item"), t("assignment"), t("module"), "n", t("right"), t("difficulty"),
             t("discrimination"), t("flags"), t("objective")]
    add("items", t("items_h"),
        t("items_read", item=hard["item"], n=hard["n"], right=hard["right"],
          objective=label(hard["objective"])) if hard else t("no_data"),
        spec.items(answered, t), f"<p>{rule}</p>" + page.table(t("items_h"), heads, rows))

    left = sum(r["to_grade"] for r in refl)
    most = max(refl, key=lambda r: (r["to_grade"], r["item"])) if left else None
    add("pending", t("reflections_h"),
        t("reflections_read", n=left, item=most["item"], left=most["to_grade"]) if most
        else (t("reflections_done") if refl and any(r["scores"] for r in refl) else t("no_data")),
        spec.bars([r["item"] for r in refl], [r["to_grade"] for r in refl], t("item"),
                  t("to_grade")))
    graded = [r for r in refl if r["scores"]]
    weak = min(graded, key=lambda r: (sum(r["scores"]) / len(r["scores"]) / (r["max"] or 1),
                                      r["item"])) if graded else None
    add("reflection_scores", t("reflection_scores_h"),
        t("reflection_scores_read", item=weak["item"], max=_num(weak["max"]),
          mean=_num(sum(weak["scores"]) / len(weak["scores"]))) if weak else t("no_data"),
        spec.boxes([(r["item"], r["scores"]) for r in refl], t("item"), t("score")))

    flat = [o for m in least.values() for o in m]
    weakest = min(flat, key=lambda o: (o["share"], o["objective"])) if flat else None
    add("objectives", t("objectives_h"),
        t("objectives_read", objective=label(weakest["objective"]),
          share=_pct(weakest["share"])) if weakest else t("no_data"),
        spec.bars([f'{m} · {label(o["objective"])}'[:90] for m, os in least.items() for o in os],
                  [o["share"] for o in flat], t("share_right"), t("objective"),
                  horizontal=True, percent=True))

    body = [[r["item"], r["answer"], r["count"]] for r in refused]
    sections.append(
        f'<section aria-labelledby="refused-h"><h2 id="refused-h">{t("refused_h")}</h2>'
        f'<p>{escape(t("refused_note") if body else t("refused_none"))}</p>'
        + (page.table(t("refused_h"), [t("item"), t("answer"), t("writers")], body)
           if body else "") + "</section>")

    trainees = stats.trainee_table(gb)
    heads = [t("trainee"), t("name"), *gb.assignments, t("total")]
    body = [[r["student"], r["name"], *r["scores"].values(), r["total"]] for r in trainees]
    sections.append(f'<section aria-labelledby="table-h"><h2 id="table-h">{t("table_h")}</h2>'
                    f'<p>{t("table_note")}</p>{page.table(t("table_h"), heads, body)}</section>')
    return sections, figs


def build(root: Path, out: Path, data: Path, anonymise: bool = False) -> Path:
    """Write the dashboard for the course root ``root`` into ``out``; returns index.html."""
    gb = read_gradebook(gradebook_url(root))
    refused = short_answers.unaccepted(root, [
        (r.assignment, r.student, r.item) for r in gb.rows
        if short_answers.item_of(r.item) and r.score < r.max_score])  # counts only, no names
    if anonymise:
        gb = stats.anonymise(gb)
    objectives, links = load_objectives(data)
    out.mkdir(parents=True, exist_ok=True)
    page.copy_plotly(out)
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    for lang, name in PAGES.items():
        t = translator(lang)
        other = "en" if lang == "mn" else "mn"
        intro = [t("built", when=when, students=len(gb.students))]
        intro += [t("anonymised")] if anonymise else []
        sections, figs = views(gb, objectives, links, lang, refused)
        page.write_page(out / name, lang, t("title"), intro, sections, figs,
                        (PAGES[other], other, t("other_language")))
    page.write_csv(out / "trainees.csv", stats.module_table(gb), name_column=not anonymise)
    return out / PAGES["mn"]
