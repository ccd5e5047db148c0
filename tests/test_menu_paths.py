"""Mongolian text names JupyterLab's menus as the course's language pack shows them.

Trainees start JupyterLab in Mongolian (lab-config/*/overrides.json), so a Mongolian sentence
saying «Run ▸ Run All Cells» names a menu they cannot find. Every menu path (``A ▸ B``) in a
Mongolian string of data/ and in the notebooks' Mongolian text must be the pack's: its first
step a menu-bar label of the pack, each later step one of the pack's translations. English
strings (``en``) and the notebooks' lines marked *English:* keep JupyterLab's English names.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import polib
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LAB_PO = (ROOT / "packages" / "jupyterlab-language-pack-mn-MN" / "jupyterlab_language_pack_mn_MN"
          / "locale" / "mn_MN" / "LC_MESSAGES" / "jupyterlab.po")
# a path ends at the emphasis, bracket or quote around it, or at the end of the sentence
PATH = re.compile(r"[^*(«\n]*?▸[^*)»\n]*")


def _mongolian_strings(node, where: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "mn" and isinstance(value, str):
                yield where, value
            else:
                yield from _mongolian_strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _mongolian_strings(value, f"{where}[{index}]")


def mongolian_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += _mongolian_strings(data, str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "markdown":
                continue
            for line in cell.source.splitlines():
                if not line.strip().startswith("*English:*"):
                    texts.append((f"{path.name} cell {index}", line))
    return texts


def menu_paths(text: str) -> list[list[str]]:
    """Each ``A ▸ B ▸ …`` in ``text`` as its steps."""
    return [[step.strip(" .,:;") for step in match.group().split("▸")]
            for match in PATH.finditer(text) if "▸" in match.group()]


@pytest.fixture(scope="module")
def pack() -> tuple[set[str], set[str]]:
    entries = polib.pofile(str(LAB_PO))
    menus = {e.msgstr.replace("&&", "") for e in entries if e.msgctxt == "menu" and e.msgstr}
    labels = {e.msgstr.replace("&&", "") for e in entries if e.msgstr}
    return menus, labels


def test_the_path_reader_finds_paths_in_emphasis_and_brackets():
    assert menu_paths("эсвэл *Ажиллуулах ▸ Бүх нүдийг ажиллуулах* цэсийг") == [
        ["Ажиллуулах", "Бүх нүдийг ажиллуулах"]]
    assert menu_paths("ажиллуулна уу (Run ▸ Run All Cells).") == [["Run", "Run All Cells"]]
    assert menu_paths("no path here") == []


def test_every_mongolian_menu_path_is_the_packs(pack):
    menus, labels = pack
    wrong = []
    for where, text in mongolian_texts():
        for steps in menu_paths(text):
            if steps[0] not in menus or any(step not in labels for step in steps[1:]):
                wrong.append(f"{where}: {' ▸ '.join(steps)}")
    assert wrong == [], "menu paths the Mongolian JupyterLab does not show:\n" + "\n".join(wrong)


def test_the_mongolian_texts_name_menus_at_all():
    """The check above reads something: the first cell's and setup.rerun's Run All path."""
    found = [steps for _, text in mongolian_texts() for steps in menu_paths(text)]
    assert ["Ажиллуулах", "Бүх нүдийг ажиллуулах"] in found
