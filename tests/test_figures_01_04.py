"""Pure figures and models of modules 01-04: numbers in, plotly figures out."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plotly_spec import validated

from course_lib.content.exercises import challenge_key, criteria_key
from course_lib.figures import challenges_chart as challenges
from course_lib.figures import coordination_chart as coordination
from course_lib.figures import criteria_chart as criteria
from course_lib.figures import diffusion_chart as diffusion
from course_lib.figures import radar
from course_lib.figures import wave_chart as wave


@pytest.mark.parametrize("p,q", [(0.03, 0.38), (0.01, 0.5), (0.2, 0.1), (0.05, 0.0)])
def test_bass_simulation_matches_closed_form(p, q):
    series = diffusion.simulate(p, q, gamma=0.0, years=25)
    for t, f in zip(series["t"], series["adopted"], strict=True):
        assert f == pytest.approx(diffusion.bass_closed_form(t, p, q), abs=1e-6)


def test_closed_form_known_values():
    assert diffusion.bass_closed_form(0, 0.03, 0.38) == 0
    # with q = 0 the model is pure external influence: F = 1 - e^{-pt}
    assert diffusion.bass_closed_form(10, 0.1, 0.0) == pytest.approx(1 - math.exp(-1))
    assert diffusion.bass_closed_form(200, 0.03, 0.38) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.001, 0.2), st.floats(0, 1), st.floats(0, 1))
def test_simulation_is_a_share_and_never_shrinks(p, q, gamma):
    s = diffusion.simulate(p, q, gamma, years=15, steps_per_year=10)
    assert all(-1e-9 <= f <= 1 + 1e-9 for f in s["adopted"])
    assert all(b >= a - 1e-12 for a, b in zip(s["adopted"], s["adopted"][1:], strict=False))
    assert all(i <= f + 1e-9 for i, f in zip(s["spreading"], s["adopted"], strict=True))


def test_fatigue_slows_spread():
    plain = diffusion.simulate(0.01, 0.5, 0.0, 20)["adopted"][-1]
    tired = diffusion.simulate(0.01, 0.5, 0.6, 20)["adopted"][-1]
    assert tired < plain - 0.1


def test_rogers_bands_follow_the_curve():
    s = diffusion.simulate(0.03, 0.38, 0.0, 30)
    bands = diffusion.category_times(s["t"], s["adopted"])
    assert [b[0] for b in bands] == [name for name, _ in diffusion.ROGERS]
    ends = [b[2] for b in bands[:-1]]
    assert ends == sorted(ends)
    # early majority ends where half have adopted
    half = next(t for t, f in zip(s["t"], s["adopted"], strict=True) if f >= 0.5)
    assert bands[2][2] == half


def test_diffusion_figure_has_labelled_traces():
    s = diffusion.simulate(0.03, 0.38, 0.2, 20)
    texts = {"x": "X", "y": "Y", "adopted": "A", "new": "N", "spreading": "S"}
    fig = validated(diffusion.figure(s, texts, show_spreading=True))
    assert [tr.name for tr in fig.data] == ["A", "N", "S"]
    assert fig.layout.xaxis.title.text == "X"


def test_small_waves_settle_near_plateau_and_big_wave_fades():
    data = wave.series(frequency=4, size=1, decay=0.5, years=10)
    assert data["small"][-1] == pytest.approx(data["plateau"][0], rel=0.15)
    assert data["big"][-1] < 0.1 * max(data["big"])
    # same total effort: the big wave's peak is the sum of all small sizes
    assert max(data["big"]) == pytest.approx(len(data["starts"]))


def test_without_fading_both_stories_end_level():
    s = wave.summary(wave.series(frequency=2, size=1, decay=0.0, years=10))
    assert s["small_end"] == pytest.approx(s["big_end"])


def test_wave_summary_compares_what_lasts():
    s = wave.summary(wave.series(frequency=4, size=1, decay=0.5))
    assert set(s) == {"small_end", "big_end", "small_late", "big_late", "ahead_from"}
    assert 3 < s["ahead_from"] < 6  # the big wave leads early, then fades below
    slow = wave.summary(wave.series(frequency=4, size=1, decay=0.05))
    assert slow["big_late"] > slow["small_late"]
    assert wave.lasting_from(4, 1, 0.05, 0.05, 1.5) == 0.15


def test_wave_rejects_bad_input():
    with pytest.raises(ValueError):
        wave.series(frequency=0, size=1, decay=0.5)


KEY = criteria_key()  # the reference marks per case, from data/exercises.yaml


def test_criteria_judge_pilot_counts_plan_does_not():
    assert criteria.is_innovation(KEY["village_pilot"])
    assert not criteria.is_innovation(KEY["plan_only"])
    result = criteria.judge(KEY["plan_only"], (True, True, True))
    assert result["criteria"] == [True, False, True] and result["verdict"] is False


def test_criteria_figure_colours_only_after_checking():
    labels = {c: c for c in KEY}
    texts = {"novelty": "N", "implementation": "I", "impact": "P", "verdict": "V",
             "right": "RIGHT", "wrong": "WRONG"}
    given = {c: (True, True, True) for c in KEY}
    before = validated(criteria.figure(labels, given, texts, checked=False, key=KEY))
    after = validated(criteria.figure(labels, given, texts, checked=True, key=KEY))
    assert {v for row in before.data[0].z for v in row} == {0}
    assert not any("RIGHT" in c or "WRONG" in c for r in before.data[0].text for c in r)
    row = list(KEY).index("plan_only")
    assert after.data[0].z[row][1] == -1 and after.data[0].z[row][0] == 1
    # right and wrong are written in every checked cell, not shown by colour alone
    assert "WRONG" in after.data[0].text[row][1] and "RIGHT" in after.data[0].text[row][0]


def test_challenges_score_and_figure():
    key = challenge_key()
    choices = {c: "technical" for c in key}
    result = challenges.score(key, choices)
    assert sum(result.values()) == 4
    assert challenges.score(key, {})["public_trust"] is None
    fig = validated(challenges.figure({c: c for c in key}, choices,
                                      {"technical": "T", "adaptive": "A"}, checked=True, key=key))
    colours = {tr.text[0].split(" ", 1)[1]: tr.marker.color for tr in fig.data}
    empty = validated(challenges.figure({}, {}, {"technical": "T", "adaptive": "A", "empty": "E"},
                                         False, key=key))
    assert not empty.data and empty.layout.annotations[0].text == "E"
    assert colours["kiosk_printer"] == "#1a9850" and colours["public_trust"] == "#d73027"


def test_coordination_figure_marks_conflicts():
    rows = [{"partner": "A", "coordinate": "x", "conflict": ""},
            {"partner": "B", "coordinate": "y", "conflict": "budget"}]
    fig = validated(coordination.figure("Me", rows, {"conflict": "C", "me": "M"}))
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert [tr.line.dash for tr in lines] == ["solid", "dash"]
    assert fig.data[-1].text == ("Me",)
    assert all(math.hypot(x, y) == pytest.approx(1) for x, y in coordination.layout(5))


def test_radar_closes_the_shape_and_compares():
    fig = validated(radar.radar({"a": 1, "b": 4, "c": 5}, compare={"a": 3, "b": 3, "c": 3},
                                name="me", compare_name="goal"))
    mine = fig.data[-1]
    assert list(mine.r) == [1, 4, 5, 1] and list(mine.theta) == ["a", "b", "c", "a"]
    assert fig.data[0].line.dash == "dash" and fig.layout.polar.radialaxis.range == (0, 5)


def test_coordination_links_partner_to_partner():
    rows = [{"partner": "A", "with": "", "coordinate": "x", "conflict": ""},
            {"partner": "B", "with": "A", "coordinate": "y", "conflict": ""},
            {"partner": "C", "with": "gone", "coordinate": "z", "conflict": ""}]
    fig = validated(coordination.figure("Me", rows, {"conflict": "C", "me": "M"}))
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    a, b, _c = coordination.layout(3)
    assert (lines[0].x[0], lines[0].y[0]) == (0, 0)  # A with the centre
    assert (lines[1].x, lines[1].y) == ((a[0], b[0]), (a[1], b[1]))  # B with A
    assert (lines[2].x[0], lines[2].y[0]) == (0, 0)  # an unknown partner: the centre


def test_criteria_headers_lie_level_on_two_lines_under_a_title_that_makes_room():
    """Issue 23.3: at 1024×768 the headers turned sideways into the title (the browser tier
    checks the drawing, tests/browser/test_modules_01_04.py)."""
    texts = {"novelty": "Шинэлэг байдал", "implementation": "Хэрэгжилт", "impact": "Үр нөлөөтэй",
             "verdict": "Инноваци мөн үү?", "title": "T", "right": "R", "wrong": "W"}
    fig = validated(criteria.figure({c: c for c in KEY}, {}, texts, checked=False, key=KEY))
    assert list(fig.data[0].x) == ["Шинэлэг<br>байдал", "Хэрэгжилт", "Үр<br>нөлөөтэй",
                                   "Инноваци<br>мөн үү?"]
    assert fig.layout.xaxis.tickangle == 0 and fig.layout.xaxis.side == "top"
    assert fig.layout.title.yref == "container" and fig.layout.title.yanchor == "top"
    assert criteria.header("Нэг") == "Нэг" and criteria.header("Урттайүгбөгөөдхоосонгүй") \
        == "Урттайүгбөгөөдхоосонгүй"
