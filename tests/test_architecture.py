"""The layers of course_lib and course_instructor, held by import-linter's contracts
(pyproject.toml, [tool.importlinter]; `make lint` runs them). These tests prove the contracts
bite, that nothing imports by string where the contracts cannot see it, and that
docs/ARCHITECTURE.md names every module."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import course_lib

PKG = Path(course_lib.__file__).parent
REPO = PKG.parent
DOC = REPO / "docs" / "ARCHITECTURE.md"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True)


def test_the_import_contracts_hold():
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_contracts_catch_what_a_list_of_forbidden_imports_missed(tmp_path):
    """widgets -> explorations, widgets -> grading, an instructor tool -> widgets, a content
    module opening SQLite and an import cycle: each breaks a contract."""
    for name in ("course_lib", "course_instructor"):
        shutil.copytree(REPO / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    (tmp_path / "course_lib" / "widgets" / "planted.py").write_text(
        "from ..explorations import wave\nfrom ..grading import items\n")
    (tmp_path / "course_instructor" / "authoring" / "planted.py").write_text(
        "from course_lib.widgets import quiz\n")
    (tmp_path / "course_lib" / "content" / "planted.py").write_text(
        "import sqlite3\nfrom . import planted_back\n")
    (tmp_path / "course_lib" / "content" / "planted_back.py").write_text(
        "from . import planted\n")
    run = lint_imports(tmp_path)
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "course_lib.widgets.planted -> course_lib.explorations.wave" in out
    assert "course_lib.widgets.planted -> course_lib.grading.items" in out
    assert "course_instructor.authoring.planted" in out and "course_lib.widgets" in out
    assert "course_lib.content.planted -> sqlite3" in out
    assert "planted_back" in out and "Contracts: " in out


def _string_imports(path: Path):
    """Lines that import by string (import_module, __import__), outside a PEP 562 __getattr__."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    if path.name == "__init__.py":
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
                allowed |= set(range(node.lineno, node.end_lineno + 1))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.lineno not in allowed:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("import_module", "__import__"):
                yield node.lineno


def test_nothing_imports_by_string_where_the_contracts_cannot_see_it():
    found = [f"{p.relative_to(REPO)}:{line}" for p in sorted(PKG.rglob("*.py"))
             for line in _string_imports(p)]
    assert found == [], "import it normally (or as a package __init__'s lazy attribute)"


def test_the_string_import_finder_is_not_vacuous(tmp_path):
    bad = tmp_path / "loading.py"
    bad.write_text("from importlib import import_module\nimport_module('.bank_checks', 'x')\n")
    lazy = tmp_path / "__init__.py"
    lazy.write_text("from importlib import import_module\n\ndef __getattr__(name):\n"
                    "    return import_module('.' + name, __name__)\n")
    assert list(_string_imports(bad)) == [2] and list(_string_imports(lazy)) == []


def test_every_module_is_in_the_architecture_document():
    doc = DOC.read_text(encoding="utf-8")
    listed = set(re.findall(r"[\w/]+\.py", doc))
    missing = sorted(str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
                     if p.name != "__init__.py" and p.name not in listed
                     and str(p.relative_to(PKG)) not in listed)
    assert missing == [], f"add these to the layout in docs/ARCHITECTURE.md: {missing}"


def test_no_file_name_twice_in_course_lib():
    """A name says which module it is: figures/wave_chart.py beside explorations/wave.py did not."""
    seen: dict[str, str] = {}
    twice = []
    for path in sorted(PKG.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        rel = str(path.relative_to(PKG))
        if path.name in seen:
            twice.append(f"{seen[path.name]} and {rel}")
        seen.setdefault(path.name, rel)
    assert twice == []
