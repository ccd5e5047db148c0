"""Every number the dashboard shows, computed from plain gradebook rows (no plotly, no SQL).

Item statistics follow classical test theory: difficulty is the share of submissions with
full marks on the item; discrimination is the upper-minus-lower group difference, the groups
being the top and bottom 27 % of the submissions ranked by the assignment's total score
(ties broken by trainee id, so the result is reproducible). Flags are raised only from
``MIN_N`` submissions on: on a few dozen trainees discrimination is mostly noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_N = 50          # fewest submissions before an item may be flagged
GROUP_SHARE = 0.27  # upper / lower group size for discrimination
TOO_EASY = 0.90     # difficulty above this: everyone knows it, the item teaches nothing
TOO_HARD = 0.20     # difficulty below this: revisit the concept or the wording
LEAST_RIGHT = 3     # objectives shown per module


@dataclass(frozen=True)
class Row:
    """One graded cell of one submission."""
    assignment: str
    student: str
    item: str
    auto: bool          # autograded test cell (code) or hand-graded answer (markdown)
    max_score: float
    score: float
    pending: bool       # still to grade by hand


@dataclass
class Gradebook:
    """What the dashboard needs from nbgrader, as plain data."""
    students: dict[str, str]                     # id -> display name ("" when none)
    assignments: dict[str, float]                # name -> max score, in course order
    items: dict[str, list[tuple[str, bool, float]]]  # assignment -> [(item, auto, max)]
    submitted: set[tuple[str, str]]              # (assignment, student)
    rows: list[Row] = field(default_factory=list)


def module_of(assignment: str) -> str:
    """a05_stakeholders -> m05 (the final assignment a09 spans all modules)."""
    found = re.match(r"a(\d+)", assignment)
    return f"m{found.group(1)}" if found else assignment


def totals(gb: Gradebook) -> dict[tuple[str, str], float]:
    """(assignment, student) -> total score of that submission."""
    out = {key: 0.0 for key in gb.submitted}
    for r in gb.rows:
        out[(r.assignment, r.student)] = out.get((r.assignment, r.student), 0.0) + r.score
    return out


def assignment_stats(gb: Gradebook) -> list[dict]:
    """Per assignment: submissions, completion share, scores (sorted), mean, hand-grading left."""
    tot = totals(gb)
    pending = {(r.assignment, r.student) for r in gb.rows if r.pending}
    out = []
    for name, max_score in gb.assignments.items():
        scores = sorted(v for (a, _), v in tot.items() if a == name)
        n = len(scores)
        out.append({
            "assignment": name, "module": module_of(name), "max": max_score,
            "submitted": n, "students": len(gb.students),
            "completion": n / len(gb.students) if gb.students else 0.0,
            "scores": scores, "mean": sum(scores) / n if n else None,
            "to_grade": sum(1 for a, _ in pending if a == name),
        })
    return out


def discrimination(full: dict[str, bool], total: dict[str, float]) -> float | None:
    """Upper minus lower group share of full marks (None with fewer than 2 submissions)."""
    ranked = sorted(full, key=lambda s: (-total[s], s))
    size = max(1, round(GROUP_SHARE * len(ranked)))
    if len(ranked) < 2:
        return None
    upper, lower = ranked[:size], ranked[-size:]
    return sum(full[s] for s in upper) / size - sum(full[s] for s in lower) / size


def item_stats(gb: Gradebook, objectives: dict[str, str]) -> list[dict]:
    """Every autograded item: n, full marks, difficulty, discrimination, flags, objective."""
    tot = totals(gb)
    by_item: dict[tuple[str, str], dict[str, bool]] = {}
    for r in gb.rows:
        if r.auto:
            by_item.setdefault((r.assignment, r.item), {})[r.student] = r.score >= r.max_score
    out = []
    for name in gb.assignments:
        for item, auto, _ in gb.items.get(name, []):
            if not auto:
                continue
            full = by_item.get((name, item), {})
            n, right = len(full), sum(full.values())
            p = right / n if n else None
            d = discrimination(full, {s: tot[(name, s)] for s in full})
            flags = []
            if n >= MIN_N:
                flags += ["easy"] if p > TOO_EASY else []
                flags += ["hard"] if p < TOO_HARD else []
                flags += ["negative"] if d is not None and d < 0 else []
            out.append({"assignment": name, "item": item, "n": n, "right": right,
                        "difficulty": p, "discrimination": d, "flags": flags,
                        "objective": objectives.get(item), "module": module_of(name)})
    return out


def reflection_stats(gb: Gradebook) -> list[dict]:
    """Every hand-graded item: still to grade, and the scores given so far (sorted)."""
    out = []
    for name in gb.assignments:
        for item, auto, max_score in gb.items.get(name, []):
            if auto:
                continue
            rows = [r for r in gb.rows if r.assignment == name and r.item == item]
            out.append({"assignment": name, "item": item, "max": max_score,
                        "to_grade": sum(r.pending for r in rows),
                        "scores": sorted(r.score for r in rows if not r.pending)})
    return out


def trainee_table(gb: Gradebook) -> list[dict]:
    """One row per trainee: score per assignment (None: not submitted) and total."""
    tot = totals(gb)
    rows = []
    for sid, name in sorted(gb.students.items()):
        scores = {a: tot.get((a, sid)) for a in gb.assignments}
        rows.append({"student": sid, "name": name, "scores": scores,
                     "total": sum(v for v in scores.values() if v is not None)})
    return rows


def module_table(gb: Gradebook) -> list[dict]:
    """One row per trainee: per module, submitted or not, score and maximum (for the CSV)."""
    tot = totals(gb)
    rows = []
    for sid, name in sorted(gb.students.items()):
        modules = {}
        for a, max_score in gb.assignments.items():
            m = modules.setdefault(module_of(a), {"submitted": 0, "of": 0, "score": 0.0,
                                                  "max": 0.0})
            m["of"] += 1
            m["max"] += max_score
            if (a, sid) in tot:
                m["submitted"] += 1
                m["score"] += tot[(a, sid)]
        rows.append({"student": sid, "name": name, "modules": modules})
    return rows


def objective_stats(items: list[dict], modules: dict[str, str]) -> dict[str, list[dict]]:
    """Per module, its objectives with the share of full marks over their items, least right
    first (at most LEAST_RIGHT). ``modules`` maps objective id -> module; an objective's
    share pools every submission of every item linked to it."""
    pooled: dict[str, list[int]] = {}
    for it in items:
        if it["objective"] and it["n"]:
            tally = pooled.setdefault(it["objective"], [0, 0])
            tally[0] += it["right"]
            tally[1] += it["n"]
    out: dict[str, list[dict]] = {}
    for oid, (right, n) in pooled.items():
        module = modules.get(oid, oid.split(".")[0])
        out.setdefault(module, []).append({"objective": oid, "right": right, "n": n,
                                           "share": right / n})
    return {m: sorted(v, key=lambda o: (o["share"], o["objective"]))[:LEAST_RIGHT]
            for m, v in sorted(out.items())}


def anonymise(gb: Gradebook) -> Gradebook:
    """The same gradebook with trainee ids replaced by T001, T002… (in id order), no names."""
    alias = {sid: f"T{n:03d}" for n, sid in enumerate(sorted(gb.students), 1)}
    return Gradebook(
        students={alias[s]: "" for s in gb.students}, assignments=gb.assignments,
        items=gb.items, submitted={(a, alias[s]) for a, s in gb.submitted},
        rows=[Row(r.assignment, alias[r.student], r.item, r.auto, r.max_score, r.score,
                  r.pending) for r in gb.rows])
