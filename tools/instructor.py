"""Instructor commands for the nbgrader course in assignments/ (one command per step).

    python tools/instructor.py release        generate every assignment (--force)
    python tools/instructor.py autograde      grade every submission under assignments/submitted/
    python tools/instructor.py feedback       HTML feedback, checked for hidden-test text
    python tools/instructor.py grades         export assignments/grades.csv
    python tools/instructor.py report         class overview: submissions, mean score
    python tools/instructor.py learner-dist   dist/learner/: what learners get (no keys)

`--root DIR` points at another copy of the course root (the tests use one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import assignment_keys as keys  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SIDE_FILE = "answers.json"
# what learners get besides notebooks, released assignments, the library and its data
DIST_FILES = (
    "pyproject.toml",
    "README.md",
    "environment.yml",
    "LICENSE",
    "postBuild",
    "apt.txt",
)
DIST_IGNORE = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", SIDE_FILE, "*.db", "*.db-*"
)


def nbgrader(root: Path, *args: str) -> None:
    """Run the nbgrader CLI in the course root, with the venv's bin/ first on PATH (alembic)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COURSE_HEADLESS"] = "1"  # graded kernels show saved choices as text, not widgets
    cmd = [str(Path(sys.executable).parent / "nbgrader"), *args]
    print("$", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=root, env=env, check=True)


def assignment_ids(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir())


def check_tree(tree: Path, secrets: set[str], what: str, feedback: bool = False) -> list[str]:
    """Leak report for every text file under ``tree`` (notebooks and HTML read as visible text).

    Feedback pages may hold a trainee's own answers.json and solution-like text they typed.
    """
    problems = []
    markers = keys.HIDDEN_MARKERS if feedback else keys.MARKERS
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        if feedback and path.name == SIDE_FILE:
            continue
        if path.name == SIDE_FILE or path.suffix == ".db":
            problems.append(f"{path.relative_to(tree)}: {what} must not contain {path.name}")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".html":
            text = keys.html_text(text)
        elif path.suffix == ".ipynb":  # JSON escapes quotes: compare against the cell sources
            text = "\n".join(
                "".join(c.get("source", "")) for c in json.loads(text).get("cells", [])
            )
        for leak in keys.find_leaks(text, secrets, markers):
            problems.append(f"{path.relative_to(tree)}: {leak!r}")
    return problems


def all_secrets(root: Path, solutions: bool = True) -> set[str]:
    found: set[str] = set()
    for nb in keys.source_notebooks(root):
        found |= keys.secret_lines(nb, solutions=solutions)
    return found


def fail_if(problems: list[str], title: str) -> None:
    if problems:
        print(f"\n{title}:", *problems, sep="\n  ", file=sys.stderr)
        raise SystemExit(1)


def release(root: Path) -> None:
    nbgrader(root, "generate_assignment", "*", "--force")
    # an instructor who tried a source notebook leaves an answers.json that must not ship
    for stray in (root / "release").glob(f"*/{SIDE_FILE}"):
        stray.unlink()
    fail_if(check_tree(root / "release", all_secrets(root), "release"), "release leaks")
    print("release: OK,", ", ".join(assignment_ids(root)))


def autograde(root: Path, force: bool = False) -> None:
    submitted = root / "submitted"
    subs = sorted(submitted.glob("*/*/")) if submitted.is_dir() else []
    if not subs:
        print("autograde: nothing under submitted/<student>/<assignment>/")
        return
    for sub in subs:  # say up front which answers files will score zero
        side = sub / SIDE_FILE
        if not side.exists():
            print(f"  note: {sub.relative_to(root)} has no {SIDE_FILE}: widget items score 0")
        else:
            try:
                json.loads(side.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                where = sub.relative_to(root) / SIDE_FILE
                print(f"  note: {where} is not valid JSON: widget items score 0")
    # one invocation for everything: nbgrader's start-up is paid once
    nbgrader(root, "autograde", "*", *(["--force"] if force else []))
    print(f"autograde: {len(subs)} submission(s)")


def feedback(root: Path) -> None:
    nbgrader(root, "generate_feedback", "*", "--force")
    out = root / "feedback"
    problems = check_tree(out, all_secrets(root, solutions=False), "feedback", feedback=True)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for mime in ("application/vnd.plotly.v1+json", "application/vnd.jupyter.widget-view+json"):
            if mime in text:
                problems.append(f"{page.relative_to(out)}: unrendered {mime}")
    fail_if(problems, "feedback problems")
    print(f"feedback: OK, {len(list(out.rglob('*.html')))} page(s) checked")


def grades(root: Path) -> None:
    nbgrader(root, "export", "--to", str(root / "grades.csv"))
    print(f"grades: {root / 'grades.csv'}")


def report(root: Path) -> None:
    from nbgrader.api import Gradebook

    from course_lib.grading.gradebook import gradebook_url

    url = gradebook_url(root)
    db = root / "gradebook.db"
    if url.startswith("sqlite:///") and not db.exists():
        raise SystemExit(f"report: no gradebook at {db}; run release and autograde first")
    with Gradebook(url) as gb:
        students = len(gb.students)
        head = ("assignment", "submitted", "mean", "max", "auto mean", "to grade")
        print("{:<26}{:>10}{:>8}{:>6}{:>11}{:>10}".format(*head))
        for a in gb.assignments:
            subs = [s for s in a.submissions]
            mean = sum(s.score for s in subs) / len(subs) if subs else 0.0
            auto = sum(s.code_score for s in subs) / len(subs) if subs else 0.0
            pending = sum(1 for s in subs if s.needs_manual_grade)
            print(
                f"{a.name:<26}{len(subs):>5}/{students:<4}{mean:>8.1f}{a.max_score:>6.0f}"
                f"{auto:>11.1f}{pending:>10}"
            )
        hardest = item_success(gb)
        if hardest:
            print("\nAutograded items, hardest first (submissions with full marks):")
            for aid, item, full, total in hardest:
                print(f"  {aid:<26}{item:<24}{full:>4}/{total:<4}{100 * full / total:>5.0f}%")


def item_success(gb) -> list[tuple[str, str, int, int]]:
    """(assignment, grade id, submissions with full marks, submissions) for every autograded
    item, lowest share first: which concepts the class needs to revisit."""
    counts: dict[tuple[str, str], list[int]] = {}
    for a in gb.assignments:
        for nb in a.notebooks:
            for submitted in gb.notebook_submissions(nb.name, a.name):
                for grade in submitted.grades:
                    if grade.cell_type != "code" or grade.auto_score is None:
                        continue  # reflections are graded by hand: see "to grade"
                    tally = counts.setdefault((a.name, grade.name), [0, 0])
                    tally[0] += grade.score >= grade.max_score
                    tally[1] += 1
    rows = [(aid, item, full, total) for (aid, item), (full, total) in counts.items()]
    return sorted(rows, key=lambda r: (r[2] / r[3], r[0], r[1]))


def learner_dist(root: Path, out: Path) -> None:
    if not (root / "release").is_dir():
        release(root)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for folder in ("notebooks", "course_lib", "data"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, out / folder, ignore=DIST_IGNORE)
    shutil.copytree(root / "release", out / "assignments", ignore=DIST_IGNORE)
    for name in DIST_FILES:
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, out / name)
    fail_if(check_tree(out, all_secrets(root), "learner-dist"), "learner-dist leaks")
    print(f"learner-dist: OK, {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "command", choices=["release", "autograde", "feedback", "grades", "report", "learner-dist"]
    )
    parser.add_argument(
        "--root", type=Path, default=REPO / "assignments", help="nbgrader course root"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "dist" / "learner", help="learner-dist target"
    )
    parser.add_argument(
        "--force", action="store_true", help="autograde: grade again what was graded"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "release":
        release(root)
    elif args.command == "autograde":
        autograde(root, args.force)
    elif args.command == "feedback":
        feedback(root)
    elif args.command == "grades":
        grades(root)
    elif args.command == "report":
        report(root)
    else:
        learner_dist(root, args.out.resolve())


if __name__ == "__main__":
    main()
