"""Module 07: prepared answers to the four ways good ideas get shot down (Kotter & Whitehead)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content import plan_writers
from ..i18n import t
from ..widgets.page_style import style_tag
from ..widgets.shared_models import Brief, make
from ._base import action, load_keyed, save_rows, status

ATTACKS = ("fear", "delay", "confusion", "ridicule")
MAX_CHARS = 800
CARD_STYLE = "border:1px solid #999;padding:8px;max-width:720px"


class AttackResponses(Brief, widgets.VBox):
    """For each attack: what it sounds like, a hint, and the learner's short, calm answer."""

    plan_key = plan_writers.plan_key("attacks")  # a table field of data/plan/

    def __init__(self, plan_key: str | None = None):
        super().__init__()
        self.plan_key = plan_key or self.plan_key
        self.saved = False
        saved = self._load()
        self.answers = {
            a: make(
                widgets.Textarea,
                value=saved.get(a, ""),
                placeholder=t("explore.attacks.hint"),
                layout={"width": "95%", "height": "60px"},
                classes=("cl-plan-text",),  # the page's font, not monospace (page.css)
            )
            for a in ATTACKS
        }
        # with the page rule for cl-plan-text (page_style.py)
        rows = [make(widgets.HTML, value=f"<p>{t('explore.attacks.intro')}</p>" + style_tag())]
        for a in ATTACKS:
            rows += [
                make(
                    widgets.HTML,
                    value=f"<b>{t(f'explore.attacks.{a}.name')}</b> — "
                    f"{t(f'explore.attacks.{a}.what')}<br>"
                    f"<i>{t('explore.attacks.example')}: {t(f'explore.attacks.{a}.example')}</i>",
                ),
                self.answers[a],
            ]
        self.button, self.message, _ = action("explore.attacks.save", "save", self.save,
                                              plot=False)
        self.card = make(widgets.HTML)
        self.children = [*rows, self.button, self.message, self.card]
        if any(saved.values()):  # reopened: the card as it was last saved
            self.card.value = card({a: saved.get(a, "") for a in ATTACKS})

    def save(self, answers: dict | None = None) -> bool:
        """Save the answers; False (with a message) when all are empty or one is too long."""
        answers = {a: w.value for a, w in self.answers.items()} if answers is None else answers
        answers = {a: " ".join(str(answers.get(a) or "").split()) for a in ATTACKS}
        if not any(answers.values()):
            return self._say(t("explore.attacks.error.empty"), ok=False)
        if any(len(v) > MAX_CHARS for v in answers.values()):
            return self._say(t("explore.attacks.error.long", n=MAX_CHARS), ok=False)
        self.card.value = card(answers)
        rows = [
            {"id": a, "attack": t(f"explore.attacks.{a}.name"), "response": answers[a]}
            for a in ATTACKS
        ]
        self.saved = save_rows(self.plan_key, rows)
        missing = [t(f"explore.attacks.{a}.name") for a in ATTACKS if not answers[a]]
        note = t("explore.attacks.missing", names=", ".join(missing)) + " " if missing else ""
        done = t("explore.rows.saved") if self.saved else t("explore.rows.not_saved")
        self._say(note + done, ok=self.saved and not missing)
        return self.saved

    def _say(self, text: str, ok: bool) -> bool:
        self.message.value = status(text, ok)
        return False

    def _load(self) -> dict:
        return load_keyed(self.plan_key, ATTACKS, "response")


def card(answers: dict) -> str:
    """The prepared answers as one card (the trainee's text escaped)."""
    lines = "".join(
        f"<p><b>{t(f'explore.attacks.{a}.name')}:</b> {html.escape(answers[a]) or '—'}</p>"
        for a in ATTACKS
    )
    return f"<div style='{CARD_STYLE}'>{lines}</div>"


def show(plan_key: str | None = None, **_):
    """The four-attacks responses widget."""
    return AttackResponses(plan_key=plan_key)
