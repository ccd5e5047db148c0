"""The layers of course_lib, as docs/ARCHITECTURE.md states them, held by an AST walk.

Each rule names a folder, what it must not import, and why; a failure names the file, the line
and the import. A second test fails when a module is missing from the document."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import course_lib

PKG = Path(course_lib.__file__).parent
DOC = PKG.parent / "docs" / "ARCHITECTURE.md"

# folder (relative to course_lib) -> forbidden import prefixes (absolute, dotted)
RULES = {
    "content": ("ipywidgets", "plotly", "IPython", "sqlite3", "course_lib.widgets",
                "course_lib.explorations", "course_lib.record", "course_lib.grading",
                "course_lib.figures"),
    "record": ("ipywidgets", "plotly", "IPython", "course_lib.widgets",
               "course_lib.explorations", "course_lib.grading", "course_lib.figures"),
    "figures": ("course_lib", "plotly", "ipywidgets"),  # figures draw what they are given
    "widgets": ("sqlite3", "course_lib.record.db"),    # widgets never open SQLite themselves
    "explorations": ("sqlite3", "course_lib.record.db", "plotly"),
    "grading": ("sqlite3", "course_lib.record", "plotly"),  # grading never writes the record
}
# content/cases.py shows a card with IPython.display.Markdown: the one view in content/,
# imported inside cl.case() only (the loader and validate never reach it)
ALLOWED = {("content/cases.py", "IPython.display")}


def _imports(path: Path):
    """(line, absolute dotted name) of every import in a module, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["course_lib", *path.relative_to(PKG).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # `from .. import record` imports a submodule
                yield node.lineno, f"{module}.{alias.name}"


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations() -> list[str]:
    found = []
    for folder, banned in RULES.items():
        for path in sorted((PKG / folder).rglob("*.py")):
            rel = str(path.relative_to(PKG))
            for line, name in _imports(path):
                if _within(name, f"course_lib.{folder}") or any(
                        rel == f and _within(name, n) for f, n in ALLOWED):
                    continue  # a room may use its own modules
                for prefix in banned:
                    if _within(name, prefix):
                        found.append(f"{rel}:{line}: imports {name} ({folder}/ must not "
                                     f"import {prefix})")
    return found


def test_layers_import_only_what_the_architecture_allows():
    assert violations() == []


def test_the_rule_catches_a_forbidden_import(tmp_path, monkeypatch):
    """The walk is not vacuous: a content module importing ipywidgets is reported."""
    fake = tmp_path / "course_lib"
    (fake / "content").mkdir(parents=True)
    (fake / "content" / "bad.py").write_text("import ipywidgets\nfrom ..widgets import quiz\n")
    monkeypatch.setattr(__import__(__name__), "PKG", fake)
    found = violations()
    assert "content/bad.py:1: imports ipywidgets (content/ must not import ipywidgets)" in found
    assert any("content/bad.py:2: imports course_lib.widgets" in f for f in found)


def test_every_module_is_in_the_architecture_document():
    doc = DOC.read_text(encoding="utf-8")
    listed = set(re.findall(r"[\w/]+\.py", doc))

    def named(path: Path) -> bool:
        rel = str(path.relative_to(PKG))
        # explorations and figures share file names (criteria.py): name them with their folder
        return rel in listed if path.parent.name in ("explorations", "figures") \
            else path.name in listed

    missing = sorted(str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
                     if p.name != "__init__.py" and not p.name.startswith("_") and not named(p))
    assert missing == [], f"add these to the layout in docs/ARCHITECTURE.md: {missing}"
