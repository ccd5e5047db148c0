"""Instructor commands for the nbgrader course in assignments/ (one command per step).

    course-instructor release        generate every assignment (--force)
    course-instructor autograde      grade every submission under assignments/submitted/
    course-instructor feedback       HTML feedback, checked for hidden-test text
    course-instructor grades         export assignments/grades.csv
    course-instructor report         class overview: submissions, mean score
    course-instructor learner-dist   dist/learner/: what learners get (no keys)
    course-instructor dashboard      class dashboard: <root>/dashboard/index.html
        [--anonymise] trainee ids replaced (<root>/dashboard-anon/), [--out DIR] elsewhere
    course-instructor accept ITEM "ANSWER"   accept a short answer for an item (a01.t1), then
        grade again and write feedback again for every trainee the item did not accept
    course-instructor demo-class     hand in example submissions (course root must be empty
        of submissions) to try release, autograde, manual grading, feedback and dashboard

`--root DIR` points at another copy of the course root (the tests use one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# jsonschema (under nbformat) builds a parser for its optional IRI format check when it is
# imported, a second of CPU before any command starts; nothing checked here is an IRI
sys.modules.setdefault("rfc3987_syntax", None)
from course_instructor import learner_files  # noqa: E402
from course_instructor.grading import batch as grading_batch  # noqa: E402
from course_instructor.grading import keys, leak_decode, short_answers  # noqa: E402
from course_instructor.repo import REPO  # noqa: E402

SIDE_FILE = "answers.json"
# the learners' README (Binder, pip, Voilà), shipped as dist/learner/README.md; the repository's
# README is the developers' (make, sudo, keys) and names files a learner's copy does not have
LEARNERS_README = "docs/LEARNERS.md"
FEEDBACK_SECONDS = 120  # one submission's feedback page, at most (a few seconds is usual)
# what learners get besides notebooks, released assignments, the library and its data
DIST_FILES = (
    "pyproject.toml",
    "environment.yml",
    "LICENSE",
    "postBuild",
    "apt.txt",
)
DIST_IGNORE = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", SIDE_FILE, "*.db", "*.db-*",
    # the Lab extension's build tools and TypeScript output: learners get the built
    # labextension/ (postBuild installs it without Node)
    "node_modules", "lib", "tsconfig.tsbuildinfo",
)
# the course's Lab extension as `make` builds it; learner-dist ships it built
COURSE_EXT_BUILT = Path("packages/jupyterlab-course/jupyterlab_course/labextension/package.json")


def nbgrader_env() -> dict:
    """The instructor's environment with the venv's bin/ first on PATH (nbgrader runs alembic).

    The graded kernel's environment comes from the course kernelspec, never from here.
    """
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def nbgrader(root: Path, *args: str, capture: bool = False, umask: int = -1,
             timeout: float | None = None):
    """Run the nbgrader CLI in the course root (``umask``: the run's own, -1 keeps yours;
    killed after ``timeout`` seconds, if given)."""
    env = nbgrader_env()
    cmd = [str(Path(sys.executable).parent / "nbgrader"), *args]
    if capture:
        return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True,
                              umask=umask, timeout=timeout)
    print("$", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, cwd=root, env=env, check=True, timeout=timeout)


def assignment_ids(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir())


def check_tree(tree: Path, secrets: set[str], what: str) -> list[str]:
    """Leak report for every text file under ``tree`` (notebooks and HTML read as visible text).

    For what learners get whole (release, learner-dist, the hub's course copy). Feedback pages
    are checked cell by cell as they are written, instructor-derived cells only
    (grading/feedback_leaks.py).
    """
    problems = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        if path.name == SIDE_FILE or path.suffix == ".db":
            problems.append(f"{path.relative_to(tree)}: {what} must not contain {path.name}")
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"{path.relative_to(tree)}: cannot be read ({exc})")
            continue
        texts = leak_decode.views(data)  # binary, base64, hex and zlib included
        if path.suffix == ".html":
            texts.append(keys.html_text(texts[0]))
        elif path.suffix == ".ipynb":  # JSON escapes quotes: compare against the cell sources
            try:
                cells = json.loads(texts[0]).get("cells", [])
                texts.append("\n".join("".join(c.get("source", "")) for c in cells))
            except (ValueError, AttributeError, RecursionError):
                pass
        leaks = {leak for text in texts for leak in keys.find_leaks(text, secrets, keys.MARKERS)}
        for leak in sorted(leaks):
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
    exchange = os.environ.get("COURSE_LOCAL_EXCHANGE")
    if exchange:  # one machine (the Makefile sets it): formgrader then shows them released
        for aid in assignment_ids(root):
            nbgrader(root, "release_assignment", aid, "--force")
        print(f"release: released to the local exchange {exchange}")
    print("release: OK,", ", ".join(assignment_ids(root)))


def autograde(root: Path, force: bool = False, workers: int | None = None,
              only: set[tuple[str, str]] | None = None) -> None:
    """Grade every submission on its own, in parallel; exit 1 naming any not graded."""
    try:
        graded, failures = grading_batch.grade_all(
            # umask 022: the sandboxed account must read the autograded copy (worker.py too)
            root, lambda *a: nbgrader(root, *a, capture=True, umask=0o022), force, workers,
            nbgrader_env(), only)
    except grading_batch.GradebookError as exc:
        raise SystemExit(f"autograde: the gradebook {root / 'gradebook.db'} could not be "
                         f"opened, nothing was graded: {exc}") from None
    print(f"autograde: {graded} submission(s) graded")
    fail_if([f"trainee {s}, assignment {a}: {why}" for s, a, why in failures],
            f"autograde: {len(failures)} submission(s) NOT graded")


def ungraded(root: Path) -> list[str]:
    """Submissions without an autograded copy (refused or failed at autograde)."""
    subs = sorted((root / "submitted").glob("*/*")) if (root / "submitted").is_dir() else []
    return [f"trainee {p.parent.name}, assignment {p.name}: not graded, so no feedback"
            for p in subs if not (root / "autograded" / p.parent.name / p.name).is_dir()]


def feedback_seconds() -> int:
    """Seconds one submission's feedback may take ($COURSE_FEEDBACK_SECONDS, for the tests)."""
    value = os.environ.get("COURSE_FEEDBACK_SECONDS", "")
    return int(value) if value.isdigit() and int(value) > 0 else FEEDBACK_SECONDS


def feedback_failure(log: str) -> str:
    """nbgrader's log of a feedback run that failed, said in a line; a withheld page says why."""
    for line in reversed(log.splitlines()):
        if "FeedbackLeak: " in line:
            return line.split("FeedbackLeak: ", 1)[1].strip()
    return grading_batch.reason(log)


def feedback_one(root: Path, student: str, aid: str) -> str | None:
    """One submission's feedback, killed after feedback_seconds(); None when written, else why.

    Only ever a vetted pair (intake.bad_id), so nbgrader's glob over it matches this one."""
    folder, limit = root / "feedback" / student / aid, feedback_seconds()
    try:
        done = nbgrader(root, "generate_feedback", aid, "--student", student, "--force",
                        capture=True, timeout=limit)
    except subprocess.TimeoutExpired:
        shutil.rmtree(folder, ignore_errors=True)  # half-written or from an older run
        return (f"trainee {student}, assignment {aid}: feedback took longer than {limit} s; "
                "none written")
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)  # an older page must not stand in for it
        return f"trainee {student}, assignment {aid}: {feedback_failure(done.stdout + done.stderr)}"
    return None


def generate_feedback(root: Path) -> list[str]:
    """Feedback for every graded submission, each bounded in time; the ones not written, and why.

    One `generate_feedback "*"` pays nbgrader's start-up once, and feedback time grows with
    a notebook's size (linear stripping, 5 MB cap), so the class run gets a budget from its
    size. Should it run out, or fail on some submission (a page the leak check withheld),
    whatever has no page from this run gets a run of its own, each killed after
    feedback_seconds(): one submission that stalls or fails costs that submission only.
    """
    graded = sorted((p.parent.name, p.name) for p in (root / "autograded").glob("*/*")
                    if p.is_dir()) if (root / "autograded").is_dir() else []
    limit = feedback_seconds()
    started = time.time()
    print(f"feedback: writing the pages of {len(graded)} graded submission(s)", flush=True)
    try:
        # a tenth of a submission's limit each (12 s of 120), plus one whole limit
        done = nbgrader(root, "generate_feedback", "*", "--force", capture=True,
                        timeout=limit * (1 + len(graded) / 12))
        if done.returncode == 0:
            return []
        print("feedback: the class run could not write every page; each one left is tried "
              "on its own", flush=True)
    except subprocess.TimeoutExpired:
        print(f"feedback: the class run took too long; each submission left gets {limit} s "
              "of its own", flush=True)
    left = []
    for student, aid in graded:
        folder = root / "feedback" / student / aid
        pages = list(folder.glob("*.html")) if folder.is_dir() else []
        if pages and all(p.stat().st_mtime >= started for p in pages):
            continue
        why = feedback_one(root, student, aid)
        if why:
            left.append(why)
    return left


def feedback(root: Path, only: set[tuple[str, str]] | None = None) -> None:
    """Feedback for every graded submission, or for the (student, assignment) pairs ``only``.

    Hidden tests are stripped and each page's instructor-derived cells are checked for leaks as
    the page is written (nbgrader_config.py: FeedbackSafety, FeedbackLeakCheck); a page that
    would leak is withheld and named here, and every other page is still written.
    """
    out = root / "feedback"
    if only is None:
        left = generate_feedback(root)
        trees = [out]
    else:  # vetted ids (intake.bad_id): nbgrader's glob over them matches only them
        left = [why for s, a in sorted(only) if (why := feedback_one(root, s, a))]
        trees = [out / s / a for s, a in sorted(only) if (out / s / a).is_dir()]
    problems = []
    for page in (p for tree in trees for p in tree.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for mime in ("application/vnd.plotly.v1+json", "application/vnd.jupyter.widget-view+json"):
            if mime in text:
                problems.append(f"{page.relative_to(out)}: unrendered {mime}")
    fail_if(problems, "feedback problems")
    if only is not None:
        fail_if(left, "feedback: submissions without feedback")
        print(f"feedback: OK, {len(trees)} submission(s) written again")
        return
    fail_if(ungraded(root) + left, "feedback: submissions without feedback")
    print(f"feedback: OK, {len(list(out.rglob('*.html')))} page(s) checked")


def grades(root: Path) -> None:
    nbgrader(root, "export", "--to", str(root / "grades.csv"))
    print(f"grades: {root / 'grades.csv'}")


def report(root: Path) -> None:
    from nbgrader.api import Gradebook

    from course_instructor.grading.gradebook import gradebook_url

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
        refused = short_answers.unaccepted(root, short_answers.failed_cells(gb))
        if refused:
            print("\nShort answers not accepted (trainees who wrote each); if one is right:\n"
                  '  course-instructor accept ITEM "ANSWER"   (make accept ITEM=... ANSWER=...)')
            for row in refused:
                print(f"  {row['item']:<8}{row['count']:>4}  {row['answer']}")


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


def accept(root: Path, item: str, answer: str) -> None:
    """Accept ``answer`` for ``item``, then grade again and write feedback again for every
    submission whose answer to the item was refused."""
    from nbgrader.api import Gradebook

    from course_instructor.grading.gradebook import gradebook_url

    try:
        aid, added = short_answers.add_accepted(root, item, answer)
    except short_answers.AcceptError as exc:
        raise SystemExit(f"accept: {exc}") from None
    print(f"accept: {answer!r} {'added to' if added else 'was already in'} the accepted "
          f"answers of {item} (source/{aid}/{aid}.ipynb)")
    nbgrader(root, "generate_assignment", aid, "--force")  # the gradebook keeps test sources
    fail_if(check_tree(root / "release" / aid, all_secrets(root), "release"), "release leaks")
    with Gradebook(gradebook_url(root)) as gb:
        test_id = item.replace(".", "-") + "-test"
        again = {(s, a) for a, s, g in short_answers.failed_cells(gb) if g == test_id}
    if not again:
        print(f"accept: no submission of {aid} has {item} wrong: nothing to grade again")
        return
    print(f"accept: grading again {len(again)} submission(s) whose {item} was not accepted")
    autograde(root, force=True, only=again)
    feedback(root, only=again)


DIST_MARK = ".course-learner-dist"  # says a folder was made by learner-dist, so it may go


def clear_dist(out: Path) -> None:
    """Empty ``out`` for a new copy, refusing a non-empty folder learner-dist did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SystemExit(f"learner-dist: {out} is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()):
        if not (out / DIST_MARK).is_file():
            raise SystemExit(f"learner-dist: {out} is not empty and was not made by "
                             "learner-dist; nothing deleted. Choose an empty or new --out.")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / DIST_MARK).write_text("made by course-instructor learner-dist\n", encoding="utf-8")


def dist_sources(root: Path) -> dict[str, Path]:
    """learner-dist's folders: where in the copy -> what is copied there."""
    # a class server's trainee settings (the Assignments tab, no instructor tools): the image
    # built from this folder points its servers there (deploy/z2jh/values.yaml)
    # packages/: the Mongolian JupyterLab language pack and the course's Lab extension, both
    # installed by postBuild; share/: the course's Voilà template (the extension's wheel
    # installs it and names it Voilà's template)
    found = {folder: REPO / folder
             for folder in ("notebooks", "course_lib", "data", "packages", "share")
             if (REPO / folder).is_dir()}
    # the exchange's Submit runs in a trainee's own server (the class server's nbgrader config
    # names course_instructor.exchange), so the learners' copy carries that one subpackage
    found["course_instructor/exchange"] = REPO / "course_instructor" / "exchange"
    return {**found, "assignments": root / "release",
            "lab-config/classroom": REPO / "lab-config" / "classroom"}


def refuse_out_inside(out: Path, sources: dict[str, Path]) -> None:
    """A copy written inside what it copies would copy itself again, level after level."""
    for source in sources.values():
        if out.resolve().is_relative_to(source.resolve()):
            raise SystemExit(f"learner-dist: --out {out} is inside {source}, which it copies; "
                             "choose a folder outside it (default dist/learner).")


def learner_dist(root: Path, out: Path) -> None:
    if not (REPO / COURSE_EXT_BUILT).is_file():
        raise SystemExit(f"learner-dist: the course's Lab extension is not built "
                         f"({REPO / COURSE_EXT_BUILT.parent}); run `make` first, it builds it")
    if not (root / "release").is_dir():
        release(root)
    sources = dist_sources(root)
    refuse_out_inside(out, sources)
    clear_dist(out)
    for where, source in sources.items():
        ignore = None if where.startswith("lab-config") else DIST_IGNORE
        shutil.copytree(source, out / where, ignore=ignore)
    for name in DIST_FILES:
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, out / name)
    shutil.copy2(REPO / "course_instructor" / "__init__.py", out / "course_instructor")
    shutil.copy2(REPO / LEARNERS_README, out / "README.md")
    # the notebooks on disk may hold the instructor's run: outputs, widget views, own paths
    learner_files.strip_notebooks(out)
    fail_if(check_tree(out, all_secrets(root), "learner-dist"), "learner-dist leaks")
    fail_if(learner_files.instructor_traces(out, [REPO, root, Path.home()]),
            "learner-dist carries the instructor's run or paths")
    print(f"learner-dist: OK, {out}")


def dashboard(root: Path, out: Path | None, anonymise: bool) -> None:
    from course_instructor.dashboard.build import build
    from course_instructor.dashboard.source import SourceError

    out = out or root / ("dashboard-anon" if anonymise else "dashboard")
    try:
        page = build(root, out, REPO / "data", anonymise=anonymise)
    except SourceError as exc:
        print(f"dashboard: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"dashboard: {page} (English: {page.with_name('en.html')}; "
          f"per trainee: {page.with_name('trainees.csv')})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "command",
        choices=["release", "autograde", "feedback", "grades", "report", "learner-dist",
                 "dashboard", "accept", "demo-class"],
    )
    parser.add_argument("item", nargs="?", help="accept: the short-answer item, e.g. a01.t1")
    parser.add_argument("answer", nargs="?", help="accept: the answer to accept, quoted")
    parser.add_argument(
        "--root", type=Path, default=REPO / "assignments", help="nbgrader course root"
    )
    parser.add_argument(
        "--out", type=Path, default=None,
        help="learner-dist target (dist/learner) or dashboard folder (<root>/dashboard)",
    )
    parser.add_argument(
        "--anonymise", action="store_true", help="dashboard: trainee ids replaced, no names"
    )
    parser.add_argument(
        "--force", action="store_true", help="autograde: grade again what was graded"
    )
    parser.add_argument(
        "--workers", type=int, default=None,
        help=f"autograde: graders at once (default {grading_batch.WORKERS_PER_CORE} per core)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "release":
        release(root)
    elif args.command == "autograde":
        autograde(root, args.force, args.workers)
    elif args.command == "feedback":
        feedback(root)
    elif args.command == "grades":
        grades(root)
    elif args.command == "report":
        report(root)
    elif args.command == "accept":
        if not args.item or args.answer is None:
            parser.error('accept needs an item and an answer: accept a01.t1 "үр нөлөөнд"')
        accept(root, args.item, args.answer)
    elif args.command == "demo-class":
        from course_instructor.grading.demo_class import demo_class

        demo_class(root, release)
    elif args.command == "dashboard":
        dashboard(root, args.out.resolve() if args.out else None, args.anonymise)
    else:
        learner_dist(root, (args.out or REPO / "dist" / "learner").resolve())


if __name__ == "__main__":
    main()
