"""Pure figures of modules 05–09: quadrants, force-field sums, reverse scoring, and the plots."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plotly_spec import validated

from course_lib.figures import force_field_chart as ff
from course_lib.figures import pitch_readiness as pr
from course_lib.figures import stakeholder_grid as grid
from course_lib.figures import supporters_chart as sp
from course_lib.figures import team_climate_chart as tc


@pytest.mark.parametrize("power, interest, expected", [
    (9, 9, "manage_closely"), (9, 1, "keep_satisfied"), (1, 9, "keep_informed"),
    (1, 1, "monitor"), (5, 5, "manage_closely"), (4, 5, "keep_informed"), (5, 4, "keep_satisfied"),
    (0, 10, "keep_informed"), (10, 0, "keep_satisfied"),
])
def test_quadrant_of_each_corner_and_the_midline(power, interest, expected):
    assert grid.quadrant(power, interest) == expected


@given(st.integers(0, 10), st.integers(0, 10))
def test_quadrant_agrees_with_high_low_on_both_axes(power, interest):
    q = grid.quadrant(power, interest)
    assert grid.QUADRANTS[q] == (power >= grid.MIDPOINT, interest >= grid.MIDPOINT)


def test_by_quadrant_groups_every_name_once():
    rows = [{"name": "Яам", "power": 9, "interest": 2},
            {"name": "Иргэд", "power": 2, "interest": 9},
            {"name": "ТАЗ", "power": 8, "interest": 8}]
    groups = grid.by_quadrant(rows)
    assert groups == {"manage_closely": ["ТАЗ"], "keep_satisfied": ["Яам"],
                      "keep_informed": ["Иргэд"], "monitor": []}


def test_spread_separates_points_in_the_same_cell_and_keeps_others():
    out = grid.spread([(3, 3), (3, 3), (3, 3), (7, 1)])
    assert len(set(out[:3])) == 3 and all(y == 3 for _, y in out[:3])
    assert out[3] == (7, 1)


def test_stakeholder_figure_places_points_and_labels_quadrants():
    rows = [{"name": "Иргэд", "power": 2, "interest": 9, "level": "consult"},
            {"name": "Яам", "power": 9, "interest": 2, "level": ""}]
    texts = {q: f"label {q}" for q in grid.QUADRANTS} | {"level.consult": "Зөвлөлдөх"}
    fig = validated(grid.figure(rows, texts))
    (trace,) = fig.data
    assert list(trace.x) == [9, 2] and list(trace.y) == [2, 9]
    assert list(trace.text) == ["Иргэд", "Яам"]
    assert "Зөвлөлдөх" in trace.hovertext[0] and "IAP2" not in trace.hovertext[1]
    assert {a.text for a in fig.layout.annotations} == set(texts.values()) - {"Зөвлөлдөх"}


def test_empty_stakeholder_figure_still_shows_the_grid():
    fig = validated(grid.figure([], {}))
    assert len(fig.data) == 0 and len(fig.layout.annotations) == 4


FORCES = [{"name": "Удирдлагын дэмжлэг", "side": "driving", "weight": 4},
          {"name": "Иргэдийн шаардлага", "side": "driving", "weight": 3},
          {"name": "Ачаалал", "side": "restraining", "weight": 5},
          {"name": "Хуучин систем", "side": "restraining", "weight": 1}]


def test_force_field_sums_and_balance():
    assert ff.totals(FORCES) == {"driving": 7, "restraining": 6}
    assert ff.balance(FORCES) == 1
    assert ff.totals([]) == {"driving": 0, "restraining": 0} and ff.balance([]) == 0


def test_strongest_force_per_side():
    assert [f["name"] for f in ff.strongest(FORCES, "restraining")] == ["Ачаалал"]
    assert [f["name"] for f in ff.strongest(FORCES, "driving")] == ["Удирдлагын дэмжлэг"]
    assert ff.strongest(FORCES[:2], "restraining") == []
    tied = [*FORCES, {"name": "Төсөв", "side": "restraining", "weight": 5}]
    assert [f["name"] for f in ff.strongest(tied, "restraining")] == ["Ачаалал", "Төсөв"]


@given(st.lists(st.tuples(st.sampled_from(ff.SIDES), st.integers(1, 5)), max_size=12))
def test_balance_is_driving_minus_restraining(pairs):
    forces = [{"name": str(i), "side": s, "weight": w} for i, (s, w) in enumerate(pairs)]
    expected = sum(w for s, w in pairs if s == "driving") - sum(w for s, w in pairs
                                                                 if s == "restraining")
    assert ff.balance(forces) == expected


def test_force_field_figure_draws_restraining_forces_to_the_left():
    fig = validated(ff.figure(FORCES, {"driving": "D", "restraining": "R"}))
    driving, restraining = fig.data
    assert list(driving.x) == [4, 3] and list(restraining.x) == [-5, -1]
    assert "Σ 7" in driving.name and "Σ 6" in restraining.name


@pytest.mark.parametrize("item, response, expected", [
    (1, 5, 1), (1, 1, 5), (3, 4, 2), (5, 2, 4),   # reverse-scored items
    (2, 5, 5), (4, 1, 1), (6, 3, 3), (7, 4, 4),   # straight items
])
def test_reverse_scoring_of_items_1_3_5(item, response, expected):
    assert tc.adjusted(item, response) == expected


@pytest.mark.parametrize("item, response", [(0, 3), (8, 3), (2, 0), (2, 6)])
def test_adjusted_rejects_unknown_items_and_out_of_range_answers(item, response):
    with pytest.raises(ValueError):
        tc.adjusted(item, response)


def test_climate_mean_band_and_weakest_items():
    answers = {1: 5, 2: 2, 3: 1, 4: 4, 5: 4, 6: 5, 7: 3}  # adjusted: 1, 2, 5, 4, 2, 5, 3
    assert tc.scores(answers) == {1: 1, 2: 2, 3: 5, 4: 4, 5: 2, 6: 5, 7: 3}
    assert tc.mean(answers) == pytest.approx(22 / 7)
    assert tc.band(tc.mean(answers)) == "mid"
    assert tc.weakest(answers) == [1, 2, 5]
    assert tc.mean({}) is None
    assert tc.band(2.5) == "low" and tc.band(3.5) == "high"


def test_climate_figure_colours_low_items_red():
    fig = validated(tc.figure({1: 5, 2: 5}, {"item.1": "one", "item.2": "two"}))
    (bars,) = fig.data
    assert list(bars.x) == [1, 5] and list(bars.y) == ["one", "two"]
    assert bars.marker.color[0] != bars.marker.color[1]


def test_supporter_groups():
    assert sp.group(2, 8) == "coalition"
    assert sp.group(-1, 8) == "engage"
    assert sp.group(0, 9) == "engage"  # neutral is not yet a supporter
    assert sp.group(1, 2) == "volunteers"
    assert sp.group(-2, 1) == "listen"
    people = [{"name": "a", "stance": 2, "influence": 8}, {"name": "b", "stance": 1,
                                                           "influence": 3},
              {"name": "c", "stance": -2, "influence": 9}]
    assert sp.coalition_strength(people) == 2 * 8 + 1 * 3
    fig = validated(sp.figure(people, {}))
    assert list(fig.data[0].text) == ["a", "b", "c"]


def test_pitch_attributes_flip_complexity_and_find_the_weakest():
    assert pr.favourable("complexity", 5) == 1 and pr.favourable("advantage", 5) == 5
    ratings = {"advantage": 4, "compatibility": 2, "complexity": 2, "trialability": 5,
               "observability": 3}
    assert pr.weakest(ratings) == ("compatibility",)
    assert pr.weakest({**ratings, "complexity": 5}) == ("complexity",)
    assert pr.weakest({}) == ()
    with pytest.raises(ValueError):
        pr.favourable("advantage", 6)
    (bars,) = validated(pr.figure(ratings, {})).data
    assert list(bars.y) == [4, 2, 4, 5, 3]


def test_pitch_ties_name_no_single_weakest_attribute():
    tied = {"advantage": 2, "compatibility": 2, "complexity": 3, "trialability": 4,
            "observability": 5}
    assert pr.weakest(tied) == ("advantage", "compatibility")  # both, not the first
    same = dict.fromkeys(pr.ATTRIBUTES, 3)
    same["complexity"] = 3  # flipped 3 is still 3
    assert pr.weakest(same) == () and pr.all_equal(same) == 3
    (bars,) = validated(pr.figure(same, {})).data
    assert len(set(bars.marker.color)) == 1  # no bar singled out
    assert pr.weakest(dict.fromkeys(pr.ATTRIBUTES, 5) | {"complexity": 1}) == ()
