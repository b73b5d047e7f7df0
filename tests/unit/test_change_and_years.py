"""The change on last year (Newcombe's interval) and complete years, checked against known values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from common.i18n import fmt_signed
from metrics import get
from metrics.change import change_on_last_year, newcombe
from metrics.compute import small_sample
from metrics.years import latest_complete, year_status


def test_newcombe_matches_the_published_example() -> None:
    # Newcombe (1998), table II, example (a): 56/70 − 48/80, method 10 gives 0.0524 to 0.3339.
    lo, hi = newcombe(56, 70, 48, 80)
    assert lo == pytest.approx(0.0524, abs=1e-4)
    assert hi == pytest.approx(0.3339, abs=1e-4)


def test_a_gain_whose_interval_includes_zero_is_no_clear_difference() -> None:
    change = change_on_last_year(get("coverage"), (40, 42), (39, 42))
    assert change.change > 0 and change.lo < 0 < change.hi
    assert change.verdict == "unclear" and not change.clear


def test_a_clear_gain_and_a_zero_change() -> None:
    assert change_on_last_year(get("coverage"), (120, 122), (60, 122)).verdict == "up"
    same = change_on_last_year(get("coverage"), (61, 122), (61, 122))
    assert same.verdict == "same" and not same.clear
    assert fmt_signed(same.change, "vi", 1, pct=True) == "0,0 điểm %"


def test_no_change_without_last_year_and_per_unit_averages_have_no_interval() -> None:
    assert change_on_last_year(get("coverage"), (5, 5), (math.nan, 0)).verdict == "none"
    per_unit = change_on_last_year(get("processes_new_per_unit"), (30, 10), (20, 10))
    assert per_unit.verdict == "up" and math.isnan(per_unit.lo)


def test_a_year_is_complete_from_90_percent_of_its_units_in_scope() -> None:
    totals = pd.DataFrame({"year": [2024, 2025, 2026], "units_in_scope": [122, 69, 69],
                           "units_reporting": [110, 62, 5]})
    status = year_status(totals, 0.9)
    assert [status[y].complete for y in (2024, 2025, 2026)] == [True, False, False]
    assert latest_complete(status) == 2024
    assert latest_complete(year_status(totals.tail(1), 0.9)) == 2026  # none complete: the last year


def test_no_denominator_is_missing_not_small() -> None:
    flags = small_sample(pd.Series([0, math.nan, 3, 10]), get("coverage"))
    assert flags.tolist() == [False, False, True, False]
    assert not small_sample(pd.Series([3]), get("processes_new_per_unit")).any()


def test_an_incomplete_year_is_drawn_hollow_after_a_dotted_line() -> None:
    from charts.trends import trend_by_type
    from metrics import evaluate

    counts = pd.DataFrame({"year": [2024, 2025, 2026], "unit_type": ["ubnd_huyen"] * 3,
                           "units_reporting": [11, 11, 2], "units_applying": [11, 10, 2]})
    fig = trend_by_type(evaluate(counts, "coverage"), get("coverage"), "vi", False, incomplete=[2026])
    dotted = [tr for tr in fig.data if tr.line.dash == "dot"]
    assert [list(d.x) for d in dotted] == [[2025, 2026]]
    solid = [tr for tr in fig.data if tr.showlegend is not False]
    assert list(solid[0].x) == [2024, 2025]  # the solid line stops at the last complete year
    hollow = [tr for tr in fig.data if tr.mode == "markers"]
    assert list(hollow[0].x) == [2026] and hollow[0].marker.symbol == "circle-open"


def test_distance_to_best_is_zero_for_the_best_and_missing_for_the_unknown() -> None:
    from metrics import distance_to_best

    gaps = distance_to_best(pd.Series([0.5, 0.8, math.nan]), "higher")
    assert gaps.iloc[1] == 0 and gaps.iloc[0] == pytest.approx(0.3) and math.isnan(gaps.iloc[2])
    assert distance_to_best(pd.Series([3.0, 1.0]), "lower").tolist() == [2.0, 0.0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_2025_reorganisation_is_explained_in_the_legend_not_over_the_lines(lang: str) -> None:
    from charts.trends import rate_over_years
    from common.i18n import t

    values = pd.DataFrame({"year": [2023, 2024, 2025], "value": [0.5, 0.6, 0.7], "denominator": [40, 40, 38],
                           "small": [False, False, False]})
    fig = rate_over_years(values, get("coverage"), lang, False, (2023, 2025))
    note = t("view.chart.reorg_note", lang)
    assert [tr.name for tr in fig.data if tr.line.dash == "dot"] == [note]
    assert all(note not in (a.text or "") for a in fig.layout.annotations)
