"""The command line that every notebook-rewriting tool shares (navigation, cell locks):
``--check`` reports the notebooks that are out of date and exits 1 (the tests and CI run it);
without it the tool rewrites them. One place, so the tools cannot drift in what they print."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import nbformat


def run(update: Callable[..., list[str]], label: str) -> None:
    """Call ``update(check=...)`` and report the notebooks it changed (or would change)."""
    check = "--check" in sys.argv
    names = update(check=check)
    if check and names:
        print("out of date (run `make navigation`):", ", ".join(names))
        sys.exit(1)
    print(f"{label}:", ", ".join(names) if names else "up to date")


def rewrite(paths: Iterable[Path], edit: Callable, check: bool) -> list[str]:
    """Apply ``edit(nb, path) -> changed?`` to each notebook; write the changed ones unless
    ``check``; return the names of the changed ones."""
    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if edit(nb, path):
            changed.append(path.name)
            if not check:
                nbformat.write(nb, path)
    return changed
