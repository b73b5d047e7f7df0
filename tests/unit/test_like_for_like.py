"""Like-for-like change (metrics.like) and how a card is shown (metrics.shown), on frames built by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.change import Change
from metrics.like import MIN_MATCHED, matched_change, reorganisation, units_with_figures
from metrics.registry import get
from metrics.shown import MISSING, badge, basis_text, comparison_text
from store import COUNT_COLUMNS


def _unit(year: int, code: str, before: int, after: int) -> dict[str, object]:
    row: dict[str, object] = {c: 0 for c in COUNT_COLUMNS}
    return row | {"year": year, "unit_code": code, "units_in_scope": 1, "units_reporting": 1,
                  "steps_before": before, "steps_after": after}


def _rolled(units: int = 12) -> pd.DataFrame:
    """`units` units in both years, plus one only last year (abolished) and one only this year (new)."""
    rows = [_unit(2024, f"U{i}", 10, 6) for i in range(units)] + [_unit(2025, f"U{i}", 10, 4) for i in range(units)]
    rows += [_unit(2024, "GONE", 1000, 0), _unit(2025, "NEW", 1000, 1000)]
    return pd.DataFrame(rows)


def test_the_change_rests_on_the_units_in_both_years_from_summed_counts() -> None:
    m = matched_change(_rolled(), "step_reduction_rate", 2025)
    assert m.units == 12 and m.enough
    assert m.before == (48.0, 120.0) and m.now == (72.0, 120.0)  # GONE and NEW move nothing
    assert m.change.change == pytest.approx(0.2) and m.change.verdict == "up"


def test_too_few_matched_units_give_no_change() -> None:
    m = matched_change(_rolled(MIN_MATCHED - 1), "step_reduction_rate", 2025)
    assert m.units == MIN_MATCHED - 1 and not m.enough and m.change.verdict == "none"
    said = comparison_text(m, 2025, True, "vi")
    assert said == "không so sánh với năm 2024: chỉ 9 đơn vị có số liệu cả hai năm (cần ít nhất 10)"


def test_a_unit_without_the_metrics_figures_is_not_matched() -> None:
    rolled = _rolled()
    rolled.loc[(rolled["unit_code"] == "U0") & (rolled["year"] == 2025), "steps_before"] = 0
    assert matched_change(rolled, "step_reduction_rate", 2025).units == 11
    assert units_with_figures(rolled[rolled["year"] == 2025], "step_reduction_rate") == 12  # U1–U11 and NEW


def test_a_reorganised_year_is_the_one_with_a_lineage_event() -> None:
    by_year = pd.DataFrame({"year": [2024, 2025], "units_in_scope": [122, 69]})
    lineage = pd.DataFrame({"event_date": pd.to_datetime(["2025-03-01"])})
    assert reorganisation(by_year, lineage, 2025).reorganised
    assert not reorganisation(by_year, lineage, 2026).reorganised
    said = reorganisation(by_year, lineage, 2025)
    assert (said.in_scope, said.in_scope_before) == (69, 122)


def test_the_badge_has_a_true_minus_and_colours_only_a_clear_change_in_a_full_year() -> None:
    metric = get("step_reduction_rate")
    down = Change(-0.05, -0.08, -0.02, "down")
    shown = badge(metric, down, "vi")
    assert shown is not None and shown.text == "−5,0 điểm %" and "-" not in shown.text
    assert (shown.tone, shown.arrow) == ("bad", "down")
    partial = badge(metric, down, "vi", neutral=True)
    assert partial is not None and partial.tone == "neutral" and partial.arrow == "down"
    unclear = badge(metric, Change(0.02, -0.01, 0.05, "unclear"), "en")
    assert unclear is not None and unclear.tone == "neutral" and unclear.note == "no clear difference"
    assert badge(metric, Change(math.nan, math.nan, math.nan, "none"), "vi") is None
    assert metric.text(None, "vi") == MISSING


def test_a_card_names_the_metrics_own_n() -> None:
    metric = get("step_reduction_rate")
    text = basis_text(metric, 1047, 1767, 52, 69, "vi")
    assert text.startswith("dựa trên 52 đơn vị có số liệu: 1.047/1.767")
    assert "69" not in text
    assert basis_text(get("coverage"), 69, 69, 69, 69, "en") == "based on 69/69 units that reported (69 in scope)"
