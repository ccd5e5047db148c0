"""Module 01: tick which of the three OECD characteristics each real case shows, then check.

Each check stores one attempt per case in the learner record (``m01.criteria.<case>``, the
answer as {criterion: ticked}); reopening shows the last check again. Progress counts only
the self-check bank, so these attempts are kept and exported but do not change a score.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content.exercises import criteria_key
from ..figures import criteria_chart as cr
from ..i18n import t
from ..record import store as record
from ..widgets.shared_models import Brief, make
from ._base import WARN_MARK, remember, verdict
from ._draw import draw
from ._exercise import CheckedExercise

ATTEMPT_PREFIX = "m01.criteria."


class CriteriaSorter(Brief, CheckedExercise, widgets.VBox):
    """One row of three checkboxes per case; "Check" colours the grid and explains."""

    def __init__(self):
        super().__init__()
        self.key = criteria_key()  # case id -> reference marks (data/exercises.yaml)
        self.boxes: dict[str, list[widgets.Checkbox]] = {}
        rows = [make(widgets.HTML, value=f"<p>{t('explore.criteria.intro')}</p>")]
        for cid in self.key:
            boxes = [
                make(
                    widgets.Checkbox,
                    value=False,
                    description=t(f"explore.criteria.{c}"),
                    indent=False,
                    layout={"width": "190px"},
                )
                for c in cr.CRITERIA
            ]
            for box in boxes:
                box.observe(self._changed, names="value")
            self.boxes[cid] = boxes
            rows += [
                make(
                    widgets.HTML,
                    value=f"<b>{t(f'explore.criteria.case.{cid}')}</b> — "
                    f"{t(f'explore.criteria.case.{cid}.text')}",
                ),
                make(widgets.HBox, children=boxes),
            ]
        self.add_class("cl-explore-criteria")  # lets browser tests tell it from the quizzes
        self._assemble(rows, t("explore.criteria.check"))
        # ticks changed after the last check come back too (and clear its verdict, as then)
        remember("m01.criteria", {f"{cid}.{c}": box for cid, boxes in self.boxes.items()
                                  for c, box in zip(cr.CRITERIA, boxes, strict=True)})

    def marks(self) -> dict[str, tuple[bool, bool, bool]]:
        return {cid: tuple(b.value for b in boxes) for cid, boxes in self.boxes.items()}

    def _restore(self) -> bool:
        """Show the last stored check again; False when there is none for every case."""
        saved = record.latest_answers(ATTEMPT_PREFIX)
        answers = [saved.get(ATTEMPT_PREFIX + cid) for cid in self.key]
        if not all(isinstance(a, dict) for a in answers):
            return False

        def apply():
            for cid, answer in zip(self.key, answers, strict=True):
                for crit, box in zip(cr.CRITERIA, self.boxes[cid], strict=True):
                    box.value = bool(answer.get(crit, False))

        return self._replay(apply)

    def _redraw(self) -> None:
        texts = {c: t(f"explore.criteria.{c}") for c in cr.CRITERIA}
        texts.update(verdict=t("explore.criteria.verdict"), title=t("explore.criteria.title"),
                     right=t("explore.right"), wrong=t("explore.wrong"))
        labels = {cid: t(f"explore.criteria.case.{cid}") for cid in self.key}
        self.figure = cr.figure(labels, self.marks(), texts, checked=self.checked, key=self.key)
        draw(self.plot, self.figure)

    def check(self, store: bool = True) -> int:
        """Colour the grid, explain each case, store each case as an attempt in the record;
        returns how many cases were fully right."""
        self.checked = True
        self._redraw()
        right, items, stored = 0, [], True
        for cid, marks in self.marks().items():
            result = cr.judge(self.key[cid], marks)
            ok = all(result["criteria"])
            right += ok
            if store:
                stored &= record.record_attempt(
                    ATTEMPT_PREFIX + cid,
                    dict(zip(cr.CRITERIA, marks, strict=True)),
                    ok,
                    sum(result["criteria"]) / len(cr.CRITERIA),
                )
            name, why = t(f"explore.criteria.case.{cid}"), t(f"explore.criteria.case.{cid}.why")
            items.append(f"<li>{verdict(ok)} — <b>{name}</b>: {why}</li>")
        summary = t("explore.criteria.score", right=right, total=len(self.key))
        notice = "" if stored else f"<p>{WARN_MARK} {t('record.attempt.not_saved')}</p>"
        self.feedback.value = f"<p><b>{summary}</b></p><ul>{''.join(items)}</ul>{notice}"
        return right


def show(**_kw) -> CriteriaSorter:
    return CriteriaSorter()
