"""A trainee's route through JupyterLab's own chrome, and the English words it shows.

The route: every menu of the menu bar with every submenu, the notebook toolbar, the status bar,
each side panel, the file browser with its context menu, a cell's and a tab's context menus, the
Launcher, and the dialogs a trainee meets (⏩'s restart, rename, change kernel, close and shut
down). What
the course itself prints (cells, outputs) is left to the course's own tests: only JupyterLab's
chrome is read here.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from labpage import command_from_menu  # noqa: F401  (the route's tests call it from here)

ROUTE = (Path(__file__).resolve().parents[2] / "packages" / "jupyterlab-language-pack-mn-MN"
         / "route.yaml")

# JupyterLab's chrome, minus the course's own content and what a trainee typed or named:
# cell inputs and outputs, file names (listing, breadcrumbs, document tabs), key names.
_CHROME_TEXT_JS = r"""() => {
  const skip = ['.jp-Cell-inputWrapper', '.jp-OutputArea', '.jp-DirListing-itemName',
    '.jp-DirListing-itemText', '.jp-BreadCrumbs', '.lm-Menu-itemShortcut', '.cm-editor',
    '.jp-TableOfContents-content', '.jp-RunningSessions-itemLabel', '.jp-LauncherCard-label',
    '.jp-Dialog-body input', '.jp-RunningSessions-itemDetail', '.jp-Toolbar-kernelName',
    // each language is named in its own language too (Settings ▸ Language)
    '.lm-Menu-item[data-command^="jupyterlab-translation:"]:not([data-command$="languages"])',
    // names of programming languages (Settings ▸ Text Editor Syntax Highlighting)
    '.lm-Menu-item[data-command="fileeditor:change-language"]',
    // Help ▸ the kernel's own links to English documentation (ipykernel's help_links: the
    // kernel names them, no language pack can) — see the pack's route.yaml, `not_translatable`
    '.lm-Menu-item[data-command^="help-menu-"]:not([data-command$=":banner"])',
    // JupyterLab writes this keyboard-only link in English, untranslatable (route.yaml)
    '#jp-skiplink'];
  const visible = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  const out = [];
  const taken = new Set();
  document.querySelectorAll('[data-read]').forEach(e => e.removeAttribute('data-read'));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (!(el instanceof Element) || skip.some(s => el.closest(s))) continue;
    if (!visible(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder']) {
      const v = el.getAttribute(name);
      if (v && v.trim()) out.push([name, v.trim()]);
    }
    // an element with text of its own is read whole (a menu label's mnemonic is a <u> inside)
    const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own && !(el.parentElement && taken.has(el.parentElement.closest('[data-read]')))) {
      el.setAttribute('data-read', '');
      taken.add(el);
      out.push(['text', el.textContent.trim()]);
    }
  }
  document.querySelectorAll('[data-read]').forEach(e => e.removeAttribute('data-read'));
  return out;
}"""

# Names that stay as they are in a Mongolian interface (as in JupyterLab's other packs), and
# what a trainee sees that is not JupyterLab's to translate: the kernel's and file names.
ALLOWED = {
    "jupyterlab", "jupyter", "python", "ipython", "ipykernel", "markdown", "json", "html",
    "pdf", "csv", "url", "ipynb", "py", "md", "txt", "ctrl", "shift", "alt", "enter", "tab",
    "lsp", "ok", "plotly", "voil", "nbgrader", "lumino", "codemirror", "github", "english",
    "pip", "latex", "svg", "png", "api", "id", "ipywidgets", "widgets", "anywidget", "utf",
    # nbconvert's export formats, named by nbconvert (File ▸ Save and Export Notebook As)
    "asciidoc", "qtpdf", "qtpng", "webpdf", "ipythongfm", "restructuredtext", "reveal", "js",
    "kb", "mb", "true", "false",  # file sizes and JupyterLab's raw "Writable: true"
    "pypi", "notebooks",  # the Extension Manager's source; the course's folder
}
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# a file or folder name (with a Mongolian case ending after it), a path: not prose
_NAME = re.compile(r"[\w.~-]*(?:\.(?:ipynb|py|md|txt|json|csv|yaml|yml|toml|html|png|cfg)\b|"
                   r"_[\w.-]*|/[\w./-]*)")


def english_words(text: str) -> list[str]:
    """The Latin-letter words of ``text`` that are not allowed names."""
    prose = _NAME.sub(" ", text.replace("Jupyter Notebook", " "))  # a product name
    return [w for w in _WORD.findall(prose) if w.lower().strip("'") not in ALLOWED]


def untranslatable() -> list[re.Pattern]:
    """The pack's list of what JupyterLab 4.6 shows in English whatever the pack says."""
    data = yaml.safe_load(ROUTE.read_text(encoding="utf-8"))
    return [re.compile(".+".join(map(re.escape, item["text"].split("%1"))), re.S)
            for item in data["not_translatable"]]


def chrome_strings(page) -> list[tuple[str, str]]:
    """(attribute or 'text', string) for every visible piece of JupyterLab's chrome."""
    return [tuple(x) for x in page.evaluate(_CHROME_TEXT_JS)]


class Route:
    """Collects what a trainee sees at each step, by step name."""

    def __init__(self, page):
        self.page = page
        self.seen: dict[str, list[tuple[str, str]]] = {}

    def look(self, step: str) -> None:
        self.seen.setdefault(step, []).extend(chrome_strings(self.page))

    def english(self, known: list[re.Pattern] = ()) -> dict[str, list[str]]:
        """step -> the shown strings (text, tooltips, placeholders) with English words in them,
        each once, less the ``known`` ones no pack can translate. Screen-reader labels
        (aria-label) are read too but only written to the report: JupyterLab 4.6 builds several
        before its catalogue loads."""
        found: dict[str, list[str]] = {}
        shown = set()
        for step, strings in self.seen.items():
            for kind, text in strings:
                if kind == "aria-label" or any(k.fullmatch(text) for k in known):
                    continue
                if english_words(text) and text not in shown:
                    shown.add(text)
                    found.setdefault(step, []).append(text)
        return found


def open_menus(route: Route) -> int:
    """Open every menu of the menu bar and every submenu in it; returns how many were read."""
    page = route.page
    bar = page.locator(".lm-MenuBar-content > .lm-MenuBar-item")
    opened = 0
    for i in range(bar.count()):
        bar.nth(i).click()
        menu = page.locator(".lm-Menu").first  # a submenu opens after it, as a second .lm-Menu
        menu.wait_for(state="visible")
        route.look(f"menu {i}")
        opened += 1
        subs = menu.locator(":scope > .lm-Menu-content > .lm-Menu-item[data-type='submenu']")
        for j in range(subs.count()):
            subs.nth(j).hover()
            page.wait_for_timeout(400)
            route.look(f"menu {i} submenu {j}")
            opened += 1
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
    return opened


def context_menu(route: Route, selector: str, step: str) -> None:
    page = route.page
    page.locator(selector).first.click(button="right")
    page.locator(".lm-Menu").last.wait_for(state="visible")
    route.look(step)
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)


def side_panels(route: Route) -> None:
    """Open each tab of the left and right side bars in turn, read it, close it again."""
    page = route.page
    for side in ("left", "right"):
        tabs = page.locator(f".jp-SideBar.jp-mod-{side} .lm-TabBar-tab")
        for i in range(tabs.count()):
            tab = tabs.nth(i)
            was_open = "lm-mod-current" in (tab.get_attribute("class") or "")
            tab.click()
            page.wait_for_timeout(700)
            route.look(f"{side} panel {i}")
            if not was_open:
                tab.click()  # leave it as it was
                page.wait_for_timeout(300)


def dialog(route: Route, step: str, accept: bool = False) -> None:
    """Read the dialog on screen, then dismiss (or accept) it."""
    page = route.page
    box = page.locator(".jp-Dialog")
    try:
        box.wait_for(state="visible", timeout=30_000)
    except Exception:
        page.screenshot(path=f"tests/artifacts/no_dialog_{step.replace(' ', '_')}.png")
        raise
    route.look(step)
    button = ".jp-Dialog-button.jp-mod-accept" if accept else ".jp-Dialog-button.jp-mod-reject"
    box.locator(button).last.click()
    box.wait_for(state="detached", timeout=30_000)
