"""Write JupyterLab's per-server settings dirs in lab-config/ (`make lab` points to one).

Each dir is a JupyterLab *app settings dir* (`--LabApp.app_settings_dir`): `page_config.json`
turns plugins off for that server only, `overrides.json` changes settings defaults. Modes:

- ``trainee``    `make lab`: no nbgrader tools at all (no exchange on a laptop or Binder).
- ``classroom``  for a server with an nbgrader exchange (JupyterHub): the Assignments tab only,
                 and neither the classic Notebook's nor Voilà's buttons (their server
                 extensions are off on a trainee's hub server).
- ``instructor`` `make lab-instructor`: every nbgrader tool, formgrader included.

All modes: JupyterLab in Mongolian, no news toast, a notebook's kernel shuts down when its tab
closes, locked markdown stays rendered on double-click, saves come every 10 s, and the
notebook's command-mode shortcuts (arrow keys, `m`, `d d`, ...) stand down while the focus is
inside a course widget. JupyterLab binds them to any
focused element not in `:read-write` state, so a focused radio button or select would otherwise
move, convert or delete cells. The bindings are read from the installed JupyterLab's schemas;
`--check` exits 1 when lab-config/ is out of date (a test runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jupyterlab

from course_instructor.repo import REPO as ROOT

OUT = ROOT / "lab-config"
SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
# Selectors Level 4 `:not(<complex>)` (Chromium ≥ 88, Firefox ≥ 84, Safari ≥ 9).
OUTSIDE_WIDGETS = COMMAND_MODE + ":not(.jupyter-widgets *)"
INSTRUCTOR_PLUGINS = ["formgrader", "create-assignment", "validate-assignment", "course-list"]
VOILA_PREVIEW = "@voila-dashboards/jupyterlab-preview"
MODES = {
    "trainee": INSTRUCTOR_PLUGINS + ["assignment-list", "menu"],
    "classroom": INSTRUCTOR_PLUGINS,
    "instructor": [],
}
# Whole front-end packages whose server extension a class server's trainee does not load
# (course_instructor/hub/server_settings.py): their buttons would lead to a missing page.
CLASSROOM_PACKAGES = ["@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview"]


def _notebook_shortcuts() -> list[dict]:
    found = []
    for path in sorted(SCHEMAS.rglob("*.json")):
        for shortcut in json.loads(path.read_text(encoding="utf-8")).get(
                "jupyter.lab.shortcuts", []):
            if shortcut.get("selector") == COMMAND_MODE:
                found.append(shortcut)
    if not found:
        raise SystemExit(f"no notebook command-mode shortcuts under {SCHEMAS}")
    return found


def shortcuts() -> list[dict]:
    """Each command-mode binding disabled, and the same binding outside course widgets."""
    entries = []
    for shortcut in _notebook_shortcuts():
        entries.append({**shortcut, "disabled": True})
        entries.append({**shortcut, "selector": OUTSIDE_WIDGETS})
    return entries


def overrides() -> dict:
    return {
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false", "checkForUpdates": False},
        # Lab marks a just-opened notebook changed (it fills in language_info); saving soon
        # keeps "Save your work?" from greeting a trainee who closes the tab.
        "@jupyterlab/docmanager-extension:plugin": {"autosave": True, "autosaveInterval": 10},
        # a locked markdown cell (editable: false) stays rendered on double-click: Lab would
        # otherwise open a read-only editor on its raw source (issue 23.3)
        "@jupyterlab/notebook-extension:tracker": {"kernelShutdown": True,
                                                   "showEditorForReadOnlyMarkdown": False},
        # "-23 min" / "now": the browser writes these times (Intl), in English where it has no
        # Mongolian data (Debian's Chromium); a trainee needs file names, not their ages
        "@jupyterlab/filebrowser-extension:browser": {"showLastModifiedColumn": False},
        "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": shortcuts()},
        # JupyterLab in Mongolian (packages/jupyterlab-language-pack-mn-MN); Settings ▸ Language
        # switches to English and back (a user setting, which wins over this default)
        "@jupyterlab/translation-extension:plugin": {"locale": "mn_MN"},
    }


def files() -> dict[Path, str]:
    out = {}
    for mode, plugins in MODES.items():
        page = {"disabledExtensions": {f"@jupyter/nbgrader:{p}": True for p in plugins}}
        if mode != "instructor":
            # Voilà's "Render with Voilà" buttons speak English only (no translator); trainees
            # get the course as pages from `make app` or a voila/render link instead
            page["disabledExtensions"][VOILA_PREVIEW] = True
        if mode == "classroom":
            page["disabledExtensions"].update({name: True for name in CLASSROOM_PACKAGES})
        out[OUT / mode / "page_config.json"] = json.dumps(page, indent=2) + "\n"
        out[OUT / mode / "overrides.json"] = json.dumps(
            overrides(), indent=2, ensure_ascii=False) + "\n"
    return out


def update(check: bool = False) -> list[str]:
    changed = []
    for path, text in files().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(str(path.relative_to(ROOT)))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = update(check=check)
    if check and names:
        print(f"out of date for JupyterLab {jupyterlab.__version__} (run `make lab-settings`):",
              ", ".join(names))
        return 1
    print("lab settings:", ", ".join(names) if names else "up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
