"""Module 02: rate your unit on the deck's three culture traits (two statements each) and see
the shape as a radar chart; save the trait averages into the action plan.

The statements are the bank's likert items ``m02.culture_<trait>_<n>`` (data/questions/
02_wave.yaml), each with its trait as ``dimension``. Every rating is recorded (not graded)
through the learner record, and the widget reopens with the last ratings.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import radar
from ..i18n import pick, t
from ..record import likert as likert_record
from ..record import store as record
from ..widgets.shared_models import Brief, make
from ..widgets.slider import IntSlider
from ..widgets.slider import slider as make_slider
from ._base import action
from ._draw import draw

# the id's trait part -> the plan field suffix (m02.trust, m02.participation, m02.risk)
TRAITS = {"trust": "trust", "part": "participation", "risk": "risk"}
SCALE = 5


def culture_items() -> list:
    """The culture self-check's likert items, in bank order."""
    from ..content.bank import load_questions

    return [
        q for q in load_questions("m02") if q.kind == "likert" and q.id.startswith("m02.culture_")
    ]


def trait_of(question_id: str) -> str:
    """m02.culture_part_2 -> participation."""
    return TRAITS[question_id.split(".culture_", 1)[1].rsplit("_", 1)[0]]


def averages(values: dict[str, int]) -> dict[str, float]:
    """Trait -> mean of its statements (question id -> rating)."""
    return likert_record.dimension_means(values, {qid: trait_of(qid) for qid in values})


class CultureCheck(Brief, widgets.VBox):
    """Six 1-5 sliders (bank likert items) -> radar of trait averages; each rating is
    recorded; a button writes m02.trust/participation/risk to the plan."""

    def __init__(self):
        super().__init__()
        self.figure = None
        self.items = culture_items()
        self.sliders = {}
        self.recorded = likert_record.last_ratings(q.id for q in self.items)
        rows = [make(widgets.HTML, value=f"<p>{t('explore.culture.intro')}</p>")]
        trait = None
        for q in self.items:
            if trait_of(q.id) != trait:
                trait = trait_of(q.id)
                rows.append(make(widgets.HTML, value=f"<b>{pick(q.dimension)}</b>"))
            # continuous_update off: one rating is recorded per release, not one per pixel
            slider = make_slider(IntSlider, value=self.recorded.get(q.id, 3), min=1, max=q.scale,
                                 description=pick(q.prompt), continuous_update=False,
                                 label_width="420px", width="720px")
            slider.observe(lambda _c, qid=q.id: self._changed(qid), names="value")
            self.sliders[q.id] = slider
            rows.append(slider)
        self.save, self.message, self.plot = action("explore.culture.save", "save",
                                                    self.save_to_plan, style="success")
        self.children = [*rows, self.plot, self.save, self.message]
        self._redraw()

    def values(self) -> dict[str, int]:
        return {qid: s.value for qid, s in self.sliders.items()}

    def _record(self, qid: str) -> bool:
        value = self.sliders[qid].value
        if self.recorded.get(qid) == value:
            return True
        ok = likert_record.record_rating(qid, value)
        if ok:
            self.recorded[qid] = value
        return ok

    def _changed(self, qid: str) -> None:
        self.message.value = "" if self._record(qid) else t("explore.culture.not_saved")
        self._redraw()

    def _redraw(self) -> None:
        means = averages(self.values())
        label = {trait_of(q.id): pick(q.dimension) for q in self.items}
        ratings = {label[k]: v for k, v in means.items()}
        title = " · ".join(f"{k}: {v:.1f}" for k, v in ratings.items())
        self.figure = radar.radar(ratings, scale=SCALE, title=title, name=t("explore.culture.me"))
        draw(self.plot, self.figure)

    def save_to_plan(self) -> bool:
        """Record any rating left at its starting value, then write the rounded trait
        averages to the plan's rating fields."""
        recorded = all([self._record(qid) for qid in self.sliders])
        ok = all(
            record.plan_save(f"m02.{trait}", str(int(v + 0.5)))
            for trait, v in averages(self.values()).items()
        )
        self.message.value = (
            t("explore.culture.saved") if ok and recorded else t("explore.culture.not_saved")
        )
        return ok and recorded


def show(**_kw) -> CultureCheck:
    return CultureCheck()
