"""``python -m course_lib validate [PATH ...]``: check content files before learners see them.

With no path it checks all of data/: question banks (each question naming an objective), plan
fields, cases, modules.yaml, exercises, the glossary, the objectives, the graded-item objectives
and the locale catalogue. A path may be a file or a folder (its *.yaml files). Every problem is
printed
to stderr as ``file: question id: field 'x': message``; the exit code is 1 if there was any.
It always validates in full: the validated-content record is written here, never trusted here.
With ``--write-digests`` (all of data/ only) a clean run also writes data/validated.json.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import write_compiled
from ..paths import data_dir
from . import digests, parsed
from .kinds import KINDS, content_kind
from .loading import (
    Kind,
    Problem,
    check_raw,
    content_digest,
    display_name,
    load_schema,
    read_bytes,
    read_yaml,
)


def default_paths() -> list[Path]:
    """Every content file under data/ that has a format to check, kind by kind (kinds.KINDS)."""
    root = data_dir()
    paths = [path for kind in KINDS.values() for path in kind.paths(root)]
    return paths + sorted((root / "locale").glob("*.yaml"))


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


def _form_report(banks: dict[str, tuple[Path, dict]]):
    """The scenario share per module, over the course's own banks (data/questions)."""
    from .question_forms import form_report

    folder = (data_dir() / "questions").resolve()
    return form_report({name: bank for name, (path, bank) in banks.items()
                        if path.resolve().parent == folder})


def _check(path: Path, kind: Kind) -> tuple[object, list[Problem], str | None]:
    """Fully check one file: (data, problems, digest of the very bytes checked)."""
    raw, problems = read_bytes(path)
    if problems:
        return None, problems, None
    data, problems = check_raw(path, raw, kind, trust_record=False)
    return data, problems, content_digest(kind, raw)


def run(paths: list[str] | None = None, out=None, err=None, write_digests: bool = False) -> int:
    """Validate the given files (default: all of data/); 0 if all are valid, else 1.

    ``write_digests``: when every default file is valid, record their digests (nothing is
    written if there is any problem, so the record never vouches for broken content).
    """
    out, err = out or sys.stdout, err or sys.stderr
    if write_digests and paths:
        print("validate: --write-digests records all of data/; give no paths", file=err)
        return 2
    files, problems = expand(paths) if paths else (default_paths(), [])
    valid: dict[str, dict[str, tuple[Path, dict]]] = {name: {} for name in KINDS}
    passed: list[str] = []
    parsed_data: dict[str, object] = {}  # digest -> data, for data/parsed.jsonl
    checked = skipped = 0
    for path in files:
        if path.parent.name == "locale":
            problems += check_locale(path)
            checked += 1
            continue
        kind = content_kind(path)
        if kind is None:
            data, found = read_yaml(path)
            kind = None if found else content_kind(path, data)
            if kind is None:
                problems += found or [Problem(display_name(path), "cannot tell which schema "
                                              "applies (expected a questions/, plan/ or cases/ "
                                              "folder or modules.yaml)")]
                checked += 1
                continue
        if load_schema(kind.schema) is None:
            print(f"{display_name(path)}: skipped (no schema for {kind.name!r} content yet)",
                  file=err)
            skipped += 1
            continue
        data, found, digest = _check(path, kind)
        checked += 1
        problems += found
        if digest and not found:
            passed.append(digest)
            parsed_data[digest] = data
        if not found:
            valid[kind.name][display_name(path)] = (path, data)
    for name, kind in KINDS.items():  # the cross-file rules, on every valid file of the kind
        problems += kind.check_across(valid[name])
    form_lines, form_problems = _form_report(valid["questions"])
    problems += form_problems
    for line in form_lines:
        print(f"validate: {line}", file=out)
    for problem in problems:
        print(str(problem), file=err)
    questions = sum(len(bank["questions"]) for _, bank in valid["questions"].values())
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
        path = parsed.write(parsed_data)
        print(f"validate: wrote their parsed data in {display_name(path)}", file=out)
        # the locale catalogue as JSON, so a notebook's set-up parses no YAML for it (i18n)
        path = write_compiled()
        print(f"validate: wrote the compiled catalogue {display_name(path)}", file=out)
    return 0
