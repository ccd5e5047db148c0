"""No internal id or English key reaches a trainee (issue 13 point 9), in either language.

Every widget the course shows (each module's quizzes and plan form, every exploration before
and after it is used, the progress panel and chart, the glossary, the language switch) is
built without a kernel, and every string it would render is collected: descriptions, values,
option labels, placeholders, tooltips, and each figure's titles, ticks, trace names, texts and
annotations. None may hold an identifier-like token (`m01.process`, `explore.wave.x`,
`force_field`). Web addresses and file names the course cites on purpose are allowed.
"""

from __future__ import annotations

import html
import re

import ipywidgets as W
import pytest

import course_lib as cl
from course_lib.content import plan_data
from course_lib.explorations import available
from course_lib.figures._spec import Figure
from course_lib.startup import language_switch

pytestmark = pytest.mark.usefixtures("mongolian_record")

IDENTIFIER = re.compile(r"\b(?:[a-z][a-z0-9]*\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*"
                        r"|[a-z][a-z0-9]*_[a-z0-9_]+)\b")
ADDRESS = re.compile(r"\b(?:[A-Za-z0-9-]+\.)+(?:org|com|mn|gov|int|net|io|edu|sg|uk|us|html?|"
                     r"json|md|ipynb|ya?ml|db|pdf|csv)\b")
# a bare lowercase Latin word quoted as a name («coordination»): a key, not a Mongolian name
QUOTED_KEY = re.compile(r"[«“\"]([a-z][a-z_]*)[»”\"]")
ABBREVIATIONS = {"e.g", "i.e"}  # English prose, not keys
TAGS = re.compile(r"<[^>]+>")
URLS = re.compile(r"(?:https?://|data:)\S+")


def strings_of(obj) -> list[str]:
    """Every string a widget tree (or figure spec) would put on screen."""
    out: list[str] = []
    if isinstance(obj, Figure | dict):
        spec = obj.to_json() if isinstance(obj, Figure) else obj
        _walk_spec(spec, out)
        return out
    if isinstance(obj, W.Widget):
        for trait in ("description", "placeholder", "tooltip", "value", "label"):
            value = getattr(obj, trait, None)
            if isinstance(value, str):
                out.append(value)
        for trait in ("_options_labels", "tooltips"):
            out += [v for v in getattr(obj, trait, ()) or () if isinstance(v, str)]
        for output in getattr(obj, "outputs", ()) or ():
            for mime, data in output.get("data", {}).items():
                if mime.endswith("plotly.v1+json"):
                    _walk_spec(data, out)
                elif mime.startswith("text/") and isinstance(data, str):
                    out.append(data)
        for child in getattr(obj, "children", ()) or ():
            out += strings_of(child)
    return out


_SPEC_TEXT = {"text", "name", "ticktext", "title", "hovertext", "x", "y", "theta"}


def _walk_spec(node, out: list[str], key: str = "") -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _walk_spec(v, out, k)
    elif isinstance(node, list):
        for v in node:
            _walk_spec(v, out, key)
    elif isinstance(node, str) and key in _SPEC_TEXT:
        out.append(node)


def identifiers(texts: list[str], mongolian: bool = True) -> set[str]:
    """Identifier-like tokens; in Mongolian text also a lowercase Latin word in quotes (in
    English prose a quoted word is just a word)."""
    found = set()
    for text in texts:
        plain = ADDRESS.sub(" ", html.unescape(TAGS.sub(" ", URLS.sub(" ", text))))
        found |= set(IDENTIFIER.findall(plain)) - ABBREVIATIONS
        if mongolian:
            found |= set(QUOTED_KEY.findall(plain))
    return found


def _use(name: str, widget) -> None:
    """Drive an exploration so that its feedback strings are rendered too."""
    if hasattr(widget, "add_button"):  # the mappers: add one row through the form
        widget.name.value = "Иргэд"
        widget.add_button.click()
    if name == "criteria":
        widget.check(store=False)
    if name == "pitch":
        widget.texts["problem"].value = "Дараалал урт"
        widget.button.click()
    if name == "team_climate":
        widget.evaluate(dict.fromkeys(range(1, 8), 2))
    if name == "challenges":
        for cid, kind in widget.key.items():
            widget.toggles[cid].value = kind
        widget.check(store=False)


def everything_shown() -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {"language switch": strings_of(language_switch())}
    for module in cl.modules():
        shown[f"quiz {module.id}"] = strings_of(cl.quiz(module.id))
        if plan_data.plan_part(module.id) is not None:
            shown[f"plan form {module.id}"] = strings_of(cl.plan_form(module.id))
    for name in available():
        widget = cl.explore(name)
        _use(name, widget)
        shown[f"explore {name}"] = strings_of(widget) + strings_of(getattr(widget, "figure",
                                                                            None) or {})
    shown["progress panel"] = strings_of(cl.progress_panel())
    shown["progress chart"] = strings_of(cl.progress_overview())
    shown["glossary"] = strings_of(cl.glossary())
    return shown


@pytest.mark.parametrize("lang", ["mn", "en"])
def test_no_identifier_reaches_a_trainee(lang):
    cl.set_language(lang)
    shown = everything_shown()
    assert sum(len(v) for v in shown.values()) > 500  # the walk really saw the course
    leaks = {where: sorted(identifiers(texts, lang == "mn")) for where, texts in shown.items()}
    assert {where: ids for where, ids in leaks.items() if ids} == {}


def test_the_scan_finds_what_it_looks_for():
    found = identifiers(["«coordination» / «force_field»", "the “supporters” exercise",
                         "cl.quiz(\"m01.process\")",
                         "<b>explore.wave.x</b>", "www.oecd-opsi.org", "ipur.nus.edu.sg",
                         "progress.json", "<a href='https://e-mongolia.mn/x_y'>e-Mongolia</a>"])
    assert found == {"coordination", "supporters", "force_field", "cl.quiz", "m01.process",
                     "explore.wave.x"}


def test_every_exercise_a_plan_field_names_has_a_trainee_name():
    for module in cl.modules():
        part = plan_data.plan_part(module.id)
        for field in part.fields if part else ():
            if field.filled_by:
                for lang in ("mn", "en"):
                    cl.set_language(lang)
                    assert cl.t(f"explore.{field.filled_by}.exercise") != \
                        f"explore.{field.filled_by}.exercise"
