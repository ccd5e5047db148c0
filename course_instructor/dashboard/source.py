"""Where the dashboard's data comes from: the nbgrader gradebook (its URL from
course_instructor.grading.gradebook.gradebook_url, as nbgrader_config.py reads it: SQLite on one
machine, PostgreSQL on the class server) and the objectives.

data/objectives.yaml lists the objectives (id, module, text mn/en); data/graded_objectives.yaml
maps each graded cell's grade_id to one. Either file may be missing: items then show without
an objective, nothing fails.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import yaml

from .stats import Gradebook, Row


class SourceError(Exception):
    """A problem the instructor can fix; the message names it (Mongolian, then English)."""


def alembic_on_path() -> None:
    """nbgrader's Gradebook runs ``alembic`` as a subprocess: the venv's bin/ must be on PATH."""
    if shutil.which("alembic") is None:
        os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]


def read_gradebook(url: str) -> Gradebook:
    """Everything graded so far, read in a handful of queries through nbgrader's models."""
    alembic_on_path()
    from nbgrader import api
    from sqlalchemy.exc import SQLAlchemyError

    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise SourceError(f"Үнэлгээний сан олдсонгүй: {url}. Эхлээд make release, make "
                          f"autograde ажиллуулна уу. (No gradebook at {url}: run make release "
                          "and make autograde first.)")
    try:
        with api.Gradebook(url) as gb:
            return _read(gb.db, api)
    except SQLAlchemyError as exc:
        raise SourceError(f"Үнэлгээний санг уншиж чадсангүй ({url}). (Cannot read the "
                          f"gradebook: {exc.__class__.__name__}.)") from exc


def _read(db, api) -> Gradebook:
    students = {s.id: " ".join(p for p in (s.first_name, s.last_name) if p)
                for s in db.query(api.Student).order_by(api.Student.id)}
    assignments = {a.name: 0.0 for a in db.query(api.Assignment).order_by(api.Assignment.name)}
    items: dict[str, list[tuple[str, bool, float]]] = {a: [] for a in assignments}
    cells = (db.query(api.Assignment.name, api.Notebook.name, api.GradeCell.name,
                      api.GradeCell.cell_type, api.GradeCell.max_score)
             .join(api.Notebook, api.GradeCell.notebook_id == api.Notebook.id)
             .join(api.Assignment, api.Notebook.assignment_id == api.Assignment.id)
             .order_by(api.Assignment.name, api.Notebook.name, api.GradeCell.name))
    for aname, _, cell, ctype, max_score in cells:
        items[aname].append((cell, ctype == "code", float(max_score)))
        assignments[aname] += float(max_score)
    pairs = (db.query(api.Assignment.name, api.SubmittedAssignment.student_id)
             .join(api.SubmittedAssignment,
                   api.SubmittedAssignment.assignment_id == api.Assignment.id))
    submitted = {(a, s) for a, s in pairs}
    grades = (db.query(api.Assignment.name, api.SubmittedAssignment.student_id, api.GradeCell.name,
                       api.GradeCell.cell_type, api.GradeCell.max_score, api.Grade.auto_score,
                       api.Grade.manual_score, api.Grade.extra_credit,
                       api.Grade.needs_manual_grade)
              .select_from(api.Grade)
              .join(api.GradeCell, api.Grade.cell_id == api.GradeCell.id)
              .join(api.SubmittedNotebook, api.Grade.notebook_id == api.SubmittedNotebook.id)
              .join(api.SubmittedAssignment,
                    api.SubmittedNotebook.assignment_id == api.SubmittedAssignment.id)
              .join(api.Assignment, api.SubmittedAssignment.assignment_id == api.Assignment.id))
    rows = []
    for aname, sid, cell, ctype, max_score, auto, manual, extra, pending in grades:
        # nbgrader's own rule (Grade.score): a manual score wins over the automatic one
        base = manual if manual is not None else auto
        score = (base or 0.0) + (extra or 0.0) if base is not None else 0.0
        rows.append(Row(aname, sid, cell, ctype == "code", float(max_score), float(score),
                        bool(pending)))
    return Gradebook(students, assignments, items, submitted, rows)


def _yaml(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path.name} файлыг уншиж чадсангүй. (Cannot read {path.name}: "
                          f"{exc.__class__.__name__}.)") from exc
    return data if isinstance(data, dict) else {}


def load_objectives(data: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """(objective id -> {module, text}, grade_id -> objective id); empty when absent."""
    objectives = {o["id"]: {"module": o.get("module", o["id"].split(".")[0]),
                            "text": o.get("text") or {}}
                  for o in _yaml(data / "objectives.yaml").get("objectives") or []
                  if isinstance(o, dict) and "id" in o}
    links = _yaml(data / "graded_objectives.yaml").get("items") or {}
    return objectives, {str(k): str(v) for k, v in links.items() if v}
