"""Module 07: the pitch builder — a one-page case for decision-makers, and how they may see it."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import pitch_readiness as pr
from ..i18n import t
from ..widgets.page_style import style_tag
from ..widgets.shared_models import Brief, make
from ..widgets.slider import IntSlider
from ..widgets.slider import slider as make_slider
from ._base import action, load_keyed, remember, save_rows, status
from ._draw import draw

PARTS = ("problem", "change", "effect", "alignment", "ask")
MAX_CHARS = 1500


class PitchBuilder(Brief, widgets.VBox):
    """Five short texts -> an assembled one-pager (saved), plus Rogers' attributes as bars."""

    plan_key = plan_writers.plan_key("pitch")  # a table field of data/plan/

    def __init__(self, plan_key: str | None = None):
        super().__init__()
        self.plan_key = plan_key or self.plan_key
        self.figure = None
        self.saved = False
        saved = self._load()
        self.texts = {
            p: make(
                widgets.Textarea,
                value=saved.get(p, ""),
                placeholder=t(f"explore.pitch.hint.{p}"),
                layout={"width": "95%", "height": "70px"},
                classes=("cl-plan-text",),  # the page's font, not monospace (page.css)
            )
            for p in PARTS
        }
        # the label column fits the longest attribute name (about 40 characters in Mongolian)
        self.ratings = {
            a: make_slider(IntSlider, value=3, min=1, max=pr.SCALE,
                           description=t(f"explore.pitch.attr.{a}"), label_width="330px",
                           width="640px")
            for a in pr.ATTRIBUTES
        }
        remember("m07.pitch", {f"rating.{a}": w for a, w in self.ratings.items()})
        self.button, self.message, self.plot = action("explore.pitch.assemble", "file-text",
                                                      self.assemble)
        self.page = make(widgets.HTML)
        fields = []
        for p in PARTS:  # the first label carries the page rule for cl-plan-text
            fields += [
                make(widgets.HTML, value=f"<b>{t(f'explore.pitch.part.{p}')}</b>"
                     + (style_tag() if p == PARTS[0] else "")),
                self.texts[p],
            ]
        self.children = [
            *fields,
            make(widgets.HTML, value=f"<p>{t('explore.pitch.attr_intro')}</p>"),
            *self.ratings.values(),
            self.button,
            self.message,
            self.page,
            self.plot,
        ]

    def assemble(self, parts: dict | None = None, ratings: dict | None = None) -> bool:
        """Build the one-pager and the chart, save the parts; False (with a message) if empty."""
        parts = {p: w.value for p, w in self.texts.items()} if parts is None else parts
        ratings = {a: w.value for a, w in self.ratings.items()} if ratings is None else ratings
        parts = {p: " ".join(str(parts.get(p) or "").split()) for p in PARTS}
        if not any(parts.values()):
            return self._say(t("explore.pitch.error.empty"), ok=False)
        too_long = [t(f"explore.pitch.part.{p}") for p in PARTS if len(parts[p]) > MAX_CHARS]
        if too_long:
            return self._say(
                t("explore.pitch.error.long", n=MAX_CHARS, parts=", ".join(too_long)), ok=False
            )
        try:
            self.figure = pr.figure(
                {a: int(v) for a, v in ratings.items()},
                {
                    "title": t("explore.pitch.chart"),
                    "y": t("explore.pitch.chart_y"),
                    **{a: t(f"explore.pitch.attr_short.{a}") for a in pr.ATTRIBUTES},
                },
            )
        except (TypeError, ValueError):
            return self._say(t("explore.pitch.error.rating", n=pr.SCALE), ok=False)
        draw(self.plot, self.figure)
        self.page.value = self.one_pager(parts) + self.advice(ratings)
        rows = [{"id": p, "part": t(f"explore.pitch.part.{p}"), "text": parts[p]} for p in PARTS]
        self.saved = save_rows(self.plan_key, rows)
        missing = [t(f"explore.pitch.part.{p}") for p in PARTS if not parts[p]]
        note = t("explore.pitch.missing", parts=", ".join(missing)) + " " if missing else ""
        self._say(
            note + (t("explore.rows.saved") if self.saved else t("explore.rows.not_saved")),
            ok=self.saved and not missing,
        )
        return True

    @staticmethod
    def advice(ratings: dict) -> str:
        """What to strengthen first: every attribute tied for the lowest score, never one of
        them picked at random, and no "weakest" at all when all five are rated the same."""
        ratings = {a: int(v) for a, v in ratings.items()}
        low = pr.weakest(ratings)
        if low:
            names = ", ".join(t(f"explore.pitch.attr_short.{a}") for a in low)
            tips = "".join(f"<li><b>{t(f'explore.pitch.attr_short.{a}')}:</b> "
                           f"{t(f'explore.pitch.tip.{a}')}</li>" for a in low)
            return f"<p><i>{t('explore.pitch.weakest', parts=names)}</i></p><ul>{tips}</ul>"
        same = pr.all_equal(ratings)
        if same is not None and same < pr.SCALE:
            return f"<p><i>{t('explore.pitch.even', n=same)}</i></p>"
        return ""

    def one_pager(self, parts: dict) -> str:
        body = "".join(
            f"<h4 style='margin:8px 0 2px'>{t(f'explore.pitch.part.{p}')}</h4>"
            f"<p style='margin:0'>{html.escape(parts[p]) or '<i>—</i>'}</p>"
            for p in PARTS
        )
        return (
            f"<div style='border:1px solid #999;padding:10px;max-width:720px'>"
            f"<h3 style='margin-top:0'>{t('explore.pitch.page_title')}</h3>{body}</div>"
        )

    def _say(self, text: str, ok: bool) -> bool:
        self.message.value = status(text, ok)
        return False

    def _load(self) -> dict:
        return load_keyed(self.plan_key, PARTS, "text")


def show(plan_key: str | None = None, **_):
    """The pitch builder widget."""
    return PitchBuilder(plan_key=plan_key)
