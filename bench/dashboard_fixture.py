"""Gradebooks for the dashboard tests and bench/dashboard.py, built through nbgrader's API.

The class pattern (n trainees s001…, assignments a01…a0A, each with 4 autograded items of 1
point and one reflection of 10 points graded by hand) is simple enough to work out by hand:

- trainee i submits assignment j iff i <= n - 10 (j - 1)
- q1 right for everyone; q2 right iff i % 10 == 0; q3 right iff i is odd; q4 iff i is even
- the reflection: still to grade iff i % 4 == 0 (score 0), else 10 for odd i and 4 for even i
"""

from __future__ import annotations

from pathlib import Path

ITEMS = ("q1", "q2", "q3", "q4")


def assignment(j: int) -> str:
    return f"a{j:02d}_topic"


def student(i: int) -> str:
    return f"s{i:03d}"


def submits(i: int, j: int, n: int) -> bool:
    return i <= n - 10 * (j - 1)


def right(item: str, i: int) -> bool:
    return {"q1": True, "q2": i % 10 == 0, "q3": i % 2 == 1, "q4": i % 2 == 0}[item]


def reflection(i: int) -> float | None:
    """The hand-given score, or None while still to grade."""
    return None if i % 4 == 0 else (10.0 if i % 2 else 4.0)


def build(path: Path, n: int, n_assignments: int = 9, names: bool = True) -> str:
    """A SQLite gradebook at ``path`` with the pattern above; returns its URL."""
    import sqlalchemy
    from nbgrader.api import Gradebook

    from course_instructor.dashboard.source import alembic_on_path

    alembic_on_path()
    url = f"sqlite:///{path}"
    with Gradebook(url) as gb:
        # a test fixture, not a course: no fsync per commit (nbgrader commits every submission)
        gb.db.execute(sqlalchemy.text("PRAGMA synchronous=OFF"))
        for j in range(1, n_assignments + 1):
            a, nb = assignment(j), f"a{j:02d}"
            gb.add_assignment(a)
            gb.add_notebook(nb, a)
            for item in ITEMS:
                gb.add_grade_cell(f"a{j:02d}-{item}-test", nb, a, max_score=1, cell_type="code")
            gb.add_grade_cell(f"a{j:02d}-r1-answer", nb, a, max_score=10, cell_type="markdown")
        for i in range(1, n + 1):
            extra = {"first_name": "Бат", "last_name": f"Дорж{i}"} if names else {}
            gb.add_student(student(i), **extra)
        for j in range(1, n_assignments + 1):
            for i in range(1, n + 1):
                if submits(i, j, n):
                    sub = gb.add_submission(assignment(j), student(i))
                    for grade in sub.notebooks[0].grades:
                        item = grade.name.split("-")[1]
                        if grade.cell_type == "code":
                            grade.auto_score = 1.0 if right(item, i) else 0.0
                            grade.needs_manual_grade = False
                        else:
                            grade.manual_score = reflection(i)
                            grade.needs_manual_grade = reflection(i) is None
            gb.db.commit()
    return url


def objectives_files(data: Path, n_assignments: int = 9, linked: int = 8) -> None:
    """data/objectives.yaml and data/graded_objectives.yaml for the pattern: module j has o1
    (q1, q2), o2 (q3, q4) and o3 (the reflection); assignments after ``linked`` are not linked."""
    import yaml

    data.mkdir(parents=True, exist_ok=True)
    objectives, links = [], {}
    for j in range(1, n_assignments + 1):
        m = f"m{j:02d}"
        for k in (1, 2, 3):
            objectives.append({"id": f"{m}.o{k}", "module": m,
                               "text": {"mn": f"Зорилт {j}.{k}", "en": f"Objective {j}.{k}"}})
        if j <= linked:
            for item, k in (("q1", 1), ("q2", 1), ("q3", 2), ("q4", 2), ("r1", 3)):
                suffix = "answer" if item == "r1" else "test"
                links[f"a{j:02d}-{item}-{suffix}"] = f"{m}.o{k}"
    (data / "objectives.yaml").write_text(yaml.safe_dump(
        {"schema_version": 1, "objectives": objectives}, allow_unicode=True), encoding="utf-8")
    (data / "graded_objectives.yaml").write_text(yaml.safe_dump(
        {"schema_version": 1, "items": links}), encoding="utf-8")
