"""Answer a quiz box the way a person at the screen does: read the labels the browser shows,
pick the right ones (the bench knows the bank's key, like a trainee who studied), change the
controls and press Check — every step a comm message to the widget models in the kernel.
"""

from __future__ import annotations

from course_lib.i18n import LANGUAGES, t

CONTROLS = {"RadioButtonsModel", "CheckboxModel", "TextModel", "DropdownModel"}
CORRECT = "✔"  # the verdict mark the feedback line starts with (quiz_kinds._render)


def _texts(mapping: dict) -> set[str]:
    return {mapping[lang] for lang in LANGUAGES if mapping.get(lang)}


def _has(state: dict, css: str) -> bool:
    return css in state.get("_dom_classes", ())


def _index(state: dict, wanted: set[str]) -> int:
    labels = state.get("_options_labels", [])
    found = [n for n, label in enumerate(labels) if label in wanted]
    if not found:
        raise LookupError(f"none of {sorted(wanted)} among the labels {labels}")
    return found[0]


def changes(question, controls: list[tuple[str, dict]], lang: str) -> list[tuple[str, dict]]:
    """(model id, new state) for each control the right answer needs changed."""
    kind = question.kind
    if kind == "single":
        right = next(o for o in question.options if o.id == question.answer)
        mid, state = controls[0]
        return [(mid, {"index": _index(state, _texts(right.text))})]
    if kind == "truefalse":
        key = "quiz.true" if question.answer else "quiz.false"
        mid, state = controls[0]
        return [(mid, {"index": _index(state, {t(key, lang=x) for x in LANGUAGES})})]
    if kind == "multiple":
        right = set().union(*(_texts(o.text) for o in question.options
                              if o.id in question.answer))
        return [(mid, {"value": True}) for mid, state in controls
                if state.get("description") in right]
    if kind == "text":
        return [(controls[0][0], {"value": question.answer[lang][0]})]
    if kind == "matching":
        out = []
        for mid, state in controls:  # each dropdown's tooltip is its item's full text
            left = next(item for item in question.left
                        if state.get("tooltip") in _texts(item.text))
            right = next(r for r in question.right if r.id == question.answer[left.id])
            out.append((mid, {"index": _index(state, _texts(right.text))}))
        return out
    raise LookupError(f"{question.id}: the bench does not answer {kind!r} questions")


async def answer(channel, box_id: str, question) -> bool:
    """Answer one quiz box through comm messages; True when its feedback says correct."""
    models = list(channel.walk(box_id))
    controls = [(m, s) for m, s in models if s.get("_model_name") in CONTROLS]
    check = next(m for m, s in models if s.get("_model_name") == "ButtonModel"
                 and _has(s, "cl-check"))
    feedback = next(m for m, s in models if _has(s, "cl-feedback"))
    button_text = channel.models[check].get("description")
    lang = next((x for x in LANGUAGES if t("quiz.check", lang=x) == button_text), "mn")
    for mid, state in changes(question, controls, lang):
        reply = await channel.widget_update(mid, **state)
        if reply.errors:
            raise RuntimeError(f"{question.id}: {reply.errors}")
    reply = await channel.widget_click(check)
    if reply.errors:
        raise RuntimeError(f"{question.id}: {reply.errors}")
    verdict = channel.models[feedback].get("value", "")
    return verdict.startswith(f"<p><b>{CORRECT}")
