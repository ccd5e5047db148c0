"""``python -m course_lib validate [PATH ...]``: check content files before learners see them.

With no path it checks all of data/: question banks (each question naming an objective), plan
fields, cases, modules.yaml, exercises, the glossary, the objectives, the graded-item objectives
and the locale catalogue; it reports each module's share of scenario self-checks
(question_forms.py). A path may be a file or a folder (its *.yaml files). Every problem is printed
to stderr as ``file: question id: field 'x': message``; the exit code is 1 if there was any.
It always validates in full: the validated-content record is written here, never trusted here.
With ``--write-digests`` (all of data/ only) a clean run also writes data/validated.json.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..paths import data_dir
from . import digests
from .loading import (
    Problem,
    check_raw,
    content_digest,
    content_kind,
    display_name,
    load_schema,
    read_bytes,
)


def default_paths() -> list[Path]:
    """Every content file under data/ that has a format to check."""
    root = data_dir()
    names = ("modules.yaml", "exercises.yaml", "glossary.yaml", "objectives.yaml",
             "graded_objectives.yaml")
    paths = [root / name for name in names if (root / name).exists()]
    for folder in ("questions", "plan", "cases", "locale"):
        paths += sorted((root / folder).glob("*.yaml"))
    return paths


def expand(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """Files named on the command line; folders contribute their *.yaml files."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml"))
            if not found:
                problems.append(Problem(raw, "no .yaml files in this folder"))
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(raw, "no such file or folder"))
    return files, problems


def check_locale(path: Path) -> list[Problem]:
    """A catalogue file: every key maps to non-empty mn and en strings."""
    from .loading import read_yaml

    name = display_name(path)
    data, problems = read_yaml(path)
    if problems:
        return problems
    if not isinstance(data, dict):
        return [Problem(name, "a catalogue must map keys to {mn, en}")]
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(Problem(name, "must be a mapping {mn: ..., en: ...}", f"key {key}"))
            continue
        for lang in ("mn", "en"):
            if not isinstance(entry.get(lang), str) or not entry[lang].strip():
                problems.append(Problem(name, f"missing language '{lang}'", f"key {key}", lang))
        extra = sorted(set(entry) - {"mn", "en"})
        if extra:
            problems.append(Problem(name, f"unknown field(s) {', '.join(map(str, extra))}",
                                    f"key {key}"))
    return problems


def course_map_problems(bank_paths: dict[str, Path], banks: dict[str, dict]) -> list[Problem]:
    """Banks under data/questions/: module listed in modules.yaml, NN_ prefix = module number."""
    from .loading import ContentError, load_content

    root = data_dir()
    try:
        listed = {m["id"] for m in load_content(root / "modules.yaml", "modules")["modules"]}
    except ContentError:  # a missing or broken course map is reported on its own
        return []
    from .objectives import question_problems

    problems = []
    for name, bank in banks.items():
        path = bank_paths[name]
        if path.resolve().parent != (root / "questions").resolve():
            continue  # fixtures and drafts elsewhere are not part of the course map
        problems += question_problems(name, bank)
        if bank["module"] not in listed:
            problems.append(Problem(name, f"module {bank['module']!r} is not listed in "
                                          "data/modules.yaml", field="module"))
        prefix = re.match(r"([0-9]{2})_", path.name)
        if prefix and f"m{prefix.group(1)}" != bank["module"]:
            problems.append(Problem(name, f"the file name says m{prefix.group(1)} but the bank "
                                          f"is for {bank['module']}", field="module"))
    return problems


def _form_report(bank_paths: dict[str, Path], banks: dict[str, dict]):
    """The scenario share per module, over the course's own banks (data/questions)."""
    from .question_forms import form_report

    folder = (data_dir() / "questions").resolve()
    return form_report({name: bank for name, bank in banks.items()
                        if bank_paths[name].resolve().parent == folder})


def _check(path: Path, kind: str | None) -> tuple[str | None, object, list[Problem], str | None]:
    """Fully check one file: (kind, data, problems, digest of the very bytes checked)."""
    raw, problems = read_bytes(path)
    if problems:
        return kind, None, problems, None
    kind, data, problems = check_raw(path, raw, kind, trust_record=False)
    return kind, data, problems, content_digest(kind, raw) if kind else None


def run(paths: list[str] | None = None, out=None, err=None, write_digests: bool = False) -> int:
    """Validate the given files (default: all of data/); 0 if all are valid, else 1.

    ``write_digests``: when every default file is valid, record their digests (nothing is
    written if there is any problem, so the record never vouches for broken content).
    """
    from .bank_checks import duplicate_ids

    out, err = out or sys.stdout, err or sys.stderr
    if write_digests and paths:
        print("validate: --write-digests records all of data/; give no paths", file=err)
        return 2
    files, problems = expand(paths) if paths else (default_paths(), [])
    banks: dict[str, dict] = {}
    bank_paths: dict[str, Path] = {}
    passed: list[str] = []
    checked = skipped = 0
    for path in files:
        if path.parent.name == "locale":
            problems += check_locale(path)
            checked += 1
            continue
        kind = content_kind(path)
        if kind and load_schema(kind) is None:
            print(f"{display_name(path)}: skipped (no schema for {kind!r} content yet)", file=err)
            skipped += 1
            continue
        kind, data, found, digest = _check(path, kind)
        checked += 1
        problems += found
        if digest and not found:
            passed.append(digest)
        if kind == "questions" and not found:
            banks[display_name(path)] = data
            bank_paths[display_name(path)] = path
    problems += duplicate_ids(banks) + course_map_problems(bank_paths, banks)
    form_lines, form_problems = _form_report(bank_paths, banks)
    problems += form_problems
    for line in form_lines:
        print(f"validate: {line}", file=out)
    for problem in problems:
        print(str(problem), file=err)
    questions = sum(len(b["questions"]) for b in banks.values())
    verdict = f"{len(problems)} problem(s)" if problems else "all valid"
    print(f"validate: {checked} file(s) checked, {skipped} skipped, {questions} question(s): "
          f"{verdict}", file=out)
    if problems:
        if write_digests:
            print("validate: record not written (fix the problems first)", file=err)
        return 1
    if write_digests:
        path = digests.write(passed)
        print(f"validate: recorded {len(passed)} file digest(s) in {display_name(path)}", file=out)
    return 0
