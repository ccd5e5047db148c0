"""Module 06: a psychological-safety check-in (Edmondson's seven items, paraphrased).

The statements are the bank's likert items ``m06.psafe_1..7`` (data/questions/
06_team_support.yaml); each rating is recorded (not graded) through the learner record and
the widget reopens with the last ratings. Reverse scoring lives in figures/team_climate_chart.py.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..content import plan_writers
from ..figures import team_climate_chart as tc
from ..i18n import pick, t
from ..record import likert as likert_record
from ..widgets.shared_models import Brief, make
from ._base import action, load_rows, save_rows, status
from ._draw import draw


class TeamClimate(Brief, widgets.VBox):
    """Seven Likert items -> a chart of safety scores and suggested actions for low items."""

    plan_key = plan_writers.plan_key("team_climate")  # a table field of data/plan/

    def __init__(self, plan_key: str | None = None):
        super().__init__()
        self.plan_key = plan_key or self.plan_key
        self.figure = None
        self.saved = False
        # numbers on the buttons (full labels do not fit five across); the legend and the
        # tooltips carry the words
        words = [t(f"explore.team_climate.scale.{v}") for v in range(1, tc.SCALE + 1)]
        legend = ", ".join(f"<b>{v}</b> — {w}" for v, w in enumerate(words, start=1))
        self.items = {}
        prompts = statements()
        self.recorded = likert_record.last_ratings(question_id(i) for i in tc.ITEMS)
        rows = [
            make(widgets.HTML, value=f"<p>{t('explore.team_climate.intro')}</p><p>{legend}</p>")
        ]
        for i in tc.ITEMS:
            text = prompts.get(i, "")
            self.items[i] = make(
                widgets.ToggleButtons,
                options=[(str(v), v) for v in range(1, tc.SCALE + 1)],
                tooltips=words,
                value=self.recorded.get(question_id(i)),
                description=f"{i}.",
                style={"button_width": "56px", "description_width": "2em"},
            )
            self.items[i].observe(lambda _c, i=i: self._record(i), names="value")
            rows += [make(widgets.HTML, value=f"<b>{i}.</b> {escape(text)}"), self.items[i]]
        self.button, self.message, self.plot = action("explore.team_climate.show", "bar-chart",
                                                      self.evaluate)
        self.advice = make(widgets.HTML)
        self.children = [*rows, self.button, self.message, self.plot, self.advice]
        self.add_class("cl-team-climate")  # a stable hook for the browser test
        if len(self.answers()) == len(tc.ITEMS) and load_rows(self.plan_key):
            self.evaluate(save=False)  # reopened after the chart was shown: shown again

    def _record(self, item: int) -> None:
        """Store a changed rating as an attempt on m06.psafe_<item>."""
        value, qid = self.items[item].value, question_id(item)
        if value is None or self.recorded.get(qid) == value:
            return
        if likert_record.record_rating(qid, value):
            self.recorded[qid] = value
            self.message.value = ""
        else:
            self.message.value = status(t("explore.rows.not_saved"), ok=False)

    def answers(self) -> dict[int, int]:
        return {i: w.value for i, w in self.items.items() if w.value is not None}

    def evaluate(self, responses: dict | None = None, save: bool = True) -> bool:
        """Score the answers (or ``responses``), draw, advise and save (unless ``save`` is
        False: reopening only shows); False on bad input."""
        responses = self.answers() if responses is None else responses
        try:
            responses = {int(i): int(v) for i, v in responses.items()}
            missing = [i for i in tc.ITEMS if i not in responses]
            if missing:
                return self._say(
                    t("explore.team_climate.error.missing", items=", ".join(map(str, missing)))
                )
            scores = tc.scores(responses)  # raises ValueError on an out-of-range answer
        except (TypeError, ValueError):
            return self._say(t("explore.team_climate.error.range", n=tc.SCALE))
        texts = {
            "title": t("explore.team_climate.title"),
            "x": t("explore.team_climate.x"),
            "mean": t("explore.team_climate.mean"),
        }
        texts.update({f"item.{i}": t(f"explore.team_climate.short.{i}") for i in tc.ITEMS})
        self.figure = tc.figure(responses, texts)
        draw(self.plot, self.figure)
        avg = tc.mean(responses)
        parts = [
            f"<p><b>{t('explore.team_climate.band.' + tc.band(avg), mean=f'{avg:.1f}')}</b></p>"
        ]
        weak = tc.weakest(responses)
        if weak:
            parts.append(f"<p>{t('explore.team_climate.actions')}</p><ul>")
            parts += [
                f"<li><b>{t(f'explore.team_climate.short.{i}')}:</b> "
                f"{t(f'explore.team_climate.action.{i}')}</li>"
                for i in weak
            ]
            parts.append("</ul>")
        parts.append(f"<p><i>{t('explore.team_climate.caveat')}</i></p>")
        self.advice.value = "".join(parts)
        if not save:
            return True
        rows = [{"item": i, "response": responses[i], "score": scores[i]} for i in tc.ITEMS]
        self.saved = save_rows(self.plan_key, rows)
        self.message.value = "" if self.saved else status(t("explore.rows.not_saved"), ok=False)
        return True

    def _say(self, text: str) -> bool:
        self.message.value = status(text, ok=False)
        return False


def question_id(item: int) -> str:
    return f"m06.psafe_{item}"


def statements() -> dict[int, str]:
    """Item number -> its statement from the bank, in the learner's language."""
    from ..content.bank import load_questions

    by_id = {q.id: q for q in load_questions("m06") if q.kind == "likert"}
    return {i: pick(by_id[question_id(i)].prompt) for i in tc.ITEMS if question_id(i) in by_id}


def show(plan_key: str | None = None, **_):
    """The team-climate check-in widget."""
    return TeamClimate(plan_key=plan_key)
