"""Module 04: sort public-service challenges into technical or adaptive (Heifetz)."""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import challenges as ch
from ..i18n import t
from ._draw import draw


class ChallengeSorter(widgets.VBox):
    """A technical/adaptive toggle per challenge; "Check" colours the board and explains."""

    def __init__(self):
        super().__init__()
        self.figure = None
        self.checked = False
        options = [(t(f"x04.{k}"), k) for k in ch.KINDS]
        self.toggles = {}
        rows = [widgets.HTML(f"<p>{t('x04.intro')}</p>")]
        for cid in ch.CHALLENGES:
            toggle = widgets.ToggleButtons(options=options, value=None,
                                           style={"button_width": "150px"})
            toggle.observe(self._changed, names="value")
            self.toggles[cid] = toggle
            rows += [widgets.HTML(f"<b>{t(f'x04.ch.{cid}')}</b>"), toggle]
        self.button = widgets.Button(description=t("x04.check"), button_style="primary",
                                     icon="check")
        self.button.on_click(lambda _: self.check())
        self.plot = widgets.Output()
        self.feedback = widgets.HTML()
        self.children = [*rows, self.button, self.plot, self.feedback]
        self._redraw()

    def choices(self) -> dict[str, str | None]:
        return {cid: tg.value for cid, tg in self.toggles.items()}

    def _changed(self, _change) -> None:
        self.checked = False
        self.feedback.value = ""
        self._redraw()

    def _redraw(self) -> None:
        labels = {cid: t(f"x04.short.{cid}") for cid in ch.CHALLENGES}
        texts = {k: t(f"x04.{k}") for k in ch.KINDS}
        texts.update(title=t("x04.title"), empty=t("x04.empty"))
        self.figure = ch.figure(labels, self.choices(), texts, checked=self.checked)
        draw(self.plot, self.figure)

    def check(self) -> int | None:
        """Explain each sorted challenge; None (with a message) if some are still unsorted."""
        results = ch.score(self.choices())
        missing = [cid for cid, ok in results.items() if ok is None]
        if missing:
            self.feedback.value = f"<p>⚠️ {t('x04.missing', n=len(missing))}</p>"
            return None
        self.checked = True
        self._redraw()
        items = "".join(
            f"<li>{'✅' if ok else '❌'} <b>{t(f'x04.short.{cid}')}</b> — "
            f"{t('x04.' + ch.CHALLENGES[cid])}: {t(f'x04.why.{cid}')}</li>"
            for cid, ok in results.items())
        right = sum(results.values())
        self.feedback.value = (f"<p><b>{t('x04.score', right=right, total=len(results))}</b></p>"
                               f"<ul>{items}</ul><p>{t('x04.lesson')}</p>")
        return right


def show(**_kw) -> ChallengeSorter:
    return ChallengeSorter()
