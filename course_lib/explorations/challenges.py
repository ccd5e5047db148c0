"""Module 04: sort public-service challenges into technical or adaptive (Heifetz).

Each check stores one attempt per challenge in the learner record
(``m04.challenges.<challenge>``, the answer is the kind chosen); reopening shows the last check
again. Progress counts only the self-check bank, so these attempts do not change a score.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content.exercises import challenge_key
from ..figures import challenges_chart as ch
from ..i18n import t
from ..record import store as record
from ..widgets.shared_models import Brief, make
from ._base import WARN_MARK, remember, verdict
from ._draw import draw
from ._exercise import CheckedExercise

ATTEMPT_PREFIX = "m04.challenges."


class ChallengeSorter(Brief, CheckedExercise, widgets.VBox):
    """A technical/adaptive toggle per challenge; "Check" colours the board and explains."""

    def __init__(self):
        super().__init__()
        self.key = challenge_key()  # challenge id -> technical/adaptive (data/exercises.yaml)
        options = [(t(f"explore.challenges.{k}"), k) for k in ch.KINDS]
        self.toggles = {}
        rows = [make(widgets.HTML, value=f"<p>{t('explore.challenges.intro')}</p>")]
        for cid in self.key:
            toggle = make(
                widgets.ToggleButtons, options=options, value=None, style={"button_width": "150px"}
            )
            toggle.observe(self._changed, names="value")
            self.toggles[cid] = toggle
            rows += [
                make(widgets.HTML, value=f"<b>{t(f'explore.challenges.ch.{cid}')}</b>"),
                toggle,
            ]
        self._assemble(rows, t("explore.challenges.check"))
        remember("m04.challenges", self.toggles)  # as left, even if changed after the check

    def choices(self) -> dict[str, str | None]:
        return {cid: tg.value for cid, tg in self.toggles.items()}

    def _restore(self) -> bool:
        """Show the last stored check again; False when there is none for every challenge."""
        saved = record.latest_answers(ATTEMPT_PREFIX)
        answers = [saved.get(ATTEMPT_PREFIX + cid) for cid in self.key]
        if not all(a in ch.KINDS for a in answers):
            return False

        def apply():
            for cid, answer in zip(self.key, answers, strict=True):
                self.toggles[cid].value = answer

        return self._replay(apply)

    def _redraw(self) -> None:
        labels = {cid: t(f"explore.challenges.short.{cid}") for cid in self.key}
        texts = {k: t(f"explore.challenges.{k}") for k in ch.KINDS}
        texts.update(title=t("explore.challenges.title"), empty=t("explore.challenges.empty"))
        self.figure = ch.figure(labels, self.choices(), texts, checked=self.checked, key=self.key)
        draw(self.plot, self.figure)

    def check(self, store: bool = True) -> int | None:
        """Explain each sorted challenge and store each as an attempt in the record; None
        (with a message, nothing stored) if some are still unsorted."""
        results = ch.score(self.key, self.choices())
        missing = [cid for cid, ok in results.items() if ok is None]
        if missing:
            missing_text = t("explore.challenges.missing", n=len(missing))
            self.feedback.value = f"<p>{WARN_MARK} {missing_text}</p>"
            return None
        self.checked = True
        self._redraw()
        items = "".join(
            f"<li>{verdict(ok)} — <b>{t(f'explore.challenges.short.{cid}')}</b> — "
            f"{t('explore.challenges.' + self.key[cid])}: "
            f"{t(f'explore.challenges.why.{cid}')}</li>"
            for cid, ok in results.items()
        )
        right = sum(results.values())
        choices = self.choices()
        stored = not store or all(
            [
                record.record_attempt(ATTEMPT_PREFIX + cid, choices[cid], ok, float(ok))
                for cid, ok in results.items()
            ]
        )
        notice = "" if stored else f"<p>{WARN_MARK} {t('record.attempt.not_saved')}</p>"
        self.feedback.value = (
            f"<p><b>{t('explore.challenges.score', right=right, total=len(results))}</b></p>"
            f"<ul>{items}</ul><p>{t('explore.challenges.lesson')}</p>{notice}"
        )
        return right


def show(**_kw) -> ChallengeSorter:
    return ChallengeSorter()
