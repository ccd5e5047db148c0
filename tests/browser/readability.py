"""What a browser can measure about the course's own output: figure text inside its figure,
slider size and name, toggles, links, glyphs the fonts here can draw, identifier-like tokens,
and axe-core's violations split into the course's and JupyterLab's own.

Course output is what a notebook's outputs show (`.jp-OutputArea-output`) and the course's
markdown (`.jp-RenderedMarkdown`); everything else on the page is JupyterLab's chrome.
"""

from __future__ import annotations

import functools
import re
import subprocess

import pytest
from labpage import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
COURSE = ".jp-OutputArea-output, .jp-RenderedMarkdown"

# every text drawn in a figure's SVG layers (ticks, axis and legend titles, legend entries,
# annotations, bar and point labels), except the hover layer, which is empty until hovered
_CLIPPED_JS = """() => {
  const out = [];
  document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot').forEach((plot, i) => {
    const box = plot.getBoundingClientRect();
    const name = (plot.querySelector('.gtitle') || {}).textContent || `figure ${i + 1}`;
    plot.querySelectorAll('svg text').forEach(el => {
      if (el.closest('.hoverlayer') || !el.textContent.trim()) { return; }
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) { return; }
      const sides = [];
      if (r.left < box.left - 1) { sides.push('left'); }
      if (r.right > box.right + 1) { sides.push('right'); }
      if (r.top < box.top - 1) { sides.push('top'); }
      if (r.bottom > box.bottom + 1) { sides.push('bottom'); }
      if (sides.length) { out.push({figure: name, text: el.textContent, sides}); }
    });
  });
  return out;
}"""


def clipped_figure_text(page) -> list[dict]:
    """Text drawn outside its figure's box (cut off on screen), per figure."""
    return page.evaluate(_CLIPPED_JS)


def figure_count(page) -> int:
    return page.locator(".jp-OutputArea-output .js-plotly-plot .main-svg").count()


_SLIDERS_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output .widget-slider, .jp-OutputArea-output .cl-slider')]
  .filter(s => s.offsetParent !== null).map(s => {
    // the stock slider's handle, or the course slider's native range input
    const control = s.querySelector('[role=slider], input[type=range]');
    const track = s.querySelector('.slider-container, input[type=range]');
    const byId = control && control.getAttribute('aria-labelledby');
    const named = control && (control.getAttribute('aria-label')
      || (byId && document.getElementById(byId) && document.getElementById(byId).textContent)
      || (control.labels && control.labels.length && control.labels[0].textContent));
    return {label: (s.querySelector('.widget-label, .cl-slider-label') || {}).textContent || '',
            width: track ? track.getBoundingClientRect().width : 0,
            name: (named || '').trim()};
  })"""


def sliders(page) -> list[dict]:
    """Every visible slider in the outputs: its label, track width (px), accessible name."""
    return page.evaluate(_SLIDERS_JS)


_TEXT_JS = """(sel) => [...document.querySelectorAll(sel)].map(e => e.innerText).join('\\n')
  + '\\n' + [...document.querySelectorAll('.jp-OutputArea-output svg text')]
      .map(e => e.textContent).join('\\n')"""


def course_text(page) -> str:
    """Everything the course shows: outputs, markdown and figure text."""
    return page.evaluate(_TEXT_JS, COURSE)


@functools.cache
def drawable(char: str) -> bool:
    """Whether any font on this machine (DejaVu, Noto: tools/sysdeps.sh) has ``char``:
    colour emoji (✅, ❌, 💬) have none here and show as empty boxes."""
    families = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"],
                              capture_output=True, text=True, check=True).stdout
    return bool(families.strip())


def undrawable_chars(text: str) -> set[str]:
    # ASCII and Cyrillic are in every font these pages use; look up the rest. U+FE0F (the
    # emoji presentation selector) is never drawn itself.
    odd = {c for c in text if ord(c) > 0x7E and not 0x400 <= ord(c) <= 0x4FF and c.strip()}
    return {c for c in odd - {"\ufe0f"} if not drawable(c)}


# internal names: dotted ids (m01.process, explore.wave.x) and snake_case keys (force_field)
IDENTIFIER = re.compile(r"\b(?:[a-z][a-z0-9]*\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*"
                        r"|[a-z][a-z0-9]*_[a-z0-9_]+)\b")
# what may look like one and is not: web addresses and file names the course names on purpose
# web addresses (a generic or any two-letter country domain) and the file types the course names
ADDRESS = re.compile(r"\b(?:[A-Za-z0-9-]+\.)+(?:org|com|gov|int|net|edu|[a-z]{2}|html?|json|md|"
                     r"ipynb|ya?ml|db|pdf|csv)\b|(?:https?://|data:)\S+")
ABBREVIATIONS = {"e.g", "i.e"}


def identifier_tokens(text: str) -> list[str]:
    """Identifier-like tokens in text a trainee reads (web addresses and file names excepted)."""
    return sorted(set(IDENTIFIER.findall(ADDRESS.sub(" ", text))) - ABBREVIATIONS)


_AXE_JS = """async (course) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      const target = n.target[n.target.length - 1];
      const el = typeof target === 'string' ? document.querySelector(target) : null;
      out.push({id: v.id, impact: v.impact, help: v.help, target: JSON.stringify(n.target),
                html: n.html.slice(0, 200), course: !!(el && el.closest(course))});
    }
  }
  return out;
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page, one entry per node, each marked course or not."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm install of axe-core)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(_AXE_JS, COURSE)


_TOGGLES_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output .widget-toggle-buttons')].filter(g => g.offsetParent !== null)
  .map(g => {
    const buttons = [...g.querySelectorAll('button')];
    // a drawn check icon: Font Awesome's glyph is set and the icon takes room
    const marked = b => [...b.querySelectorAll('i.fa-check')].some(i => i.offsetWidth > 0
      && getComputedStyle(i, '::before').content.length > 2);
    return {options: buttons.map(b => b.innerText.trim()),
            selected: buttons.findIndex(b => b.classList.contains('mod-active')),
            marked: buttons.findIndex(marked),
            icons: buttons.filter(b => b.querySelector('i.fa-check')).length};
  })"""


def toggle_groups(page) -> list[dict]:
    """Each visible toggle group: which button is selected, and which one carries the drawn
    check icon (-1 for none): the selection must not rest on a slightly darker grey alone."""
    return page.evaluate(_TOGGLES_JS)


_LINKS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output a[href]')]
  // JupyterLab's own heading anchors (¶) and plotly's modebar are not course links
  .filter(a => a.offsetParent !== null && !a.closest('.modebar')
    && !a.classList.contains('jp-InternalAnchorLink')).map(a => {
    const style = getComputedStyle(a), parent = getComputedStyle(a.parentElement);
    return {text: a.innerText.trim(), html: a.outerHTML.slice(0, 160),
            underlined: style.textDecorationLine.includes('underline'),
            coloured: style.color !== parent.color};
  })"""


def links(page) -> list[dict]:
    """Each visible link in the outputs: underlined, and in a colour other than its text's."""
    return page.evaluate(_LINKS_JS)
