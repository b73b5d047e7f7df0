"""The metric registry and the arithmetic behind it, on hand-computed figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import (
    COUNT_COLUMNS,
    DERIVED_COLUMNS,
    MIN_RELIABLE_N,
    REGISTRY,
    evaluate,
    evaluate_all,
    get,
    safe_ratio,
    wilson_interval,
    with_derived,
)
from metrics.registry import _METRICS


def _counts(**columns: list[float]) -> pd.DataFrame:
    return pd.DataFrame(columns)


# --- registry -----------------------------------------------------------------------------


def test_registry_keys_are_unique_and_match_their_metric() -> None:
    assert len({m.key for m in _METRICS}) == len(_METRICS) == len(REGISTRY)
    assert all(key == metric.key for key, metric in REGISTRY.items())


@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_metric_is_described_in_both_languages(key: str) -> None:
    metric = REGISTRY[key]
    for lang in ("vi", "en"):
        assert metric.label(lang).strip()
        assert metric.definition(lang).strip()
        assert metric.denominator_label(lang).strip()
    assert metric.label("vi") != metric.label("en")
    assert metric.formula.strip()


@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_metric_reads_known_columns(key: str) -> None:
    metric = REGISTRY[key]
    known = set(COUNT_COLUMNS) | set(DERIVED_COLUMNS)
    assert metric.numerator in known
    assert metric.denominator in COUNT_COLUMNS


@pytest.mark.parametrize("key", list(REGISTRY))
def test_targets_are_declared_consistently(key: str) -> None:
    metric = REGISTRY[key]
    assert metric.unit in ("percent", "per_unit")
    assert metric.better in ("higher", "lower", "neutral")
    assert (metric.target is None) == (metric.target_kind is None)
    if metric.target is not None:
        assert metric.target_note("vi") and metric.target_note("en")


def test_registry_figures_from_the_brief() -> None:
    assert get("inspection_coverage").target == pytest.approx(0.3333, abs=1e-4)
    assert get("inspection_coverage").target_kind == "floor"
    assert get("coverage").target_kind == "goal"
    assert get("improvement_rate").interval is True
    assert get("improvement_rate").target is None
    assert "30/06/2021" in get("iso2015_rate").target_note("en")
    assert get("coverage").label("en-GB") == "ISO coverage"
    assert get("coverage").label("vi") == "Tỷ lệ áp dụng ISO"


def test_unknown_metric_lists_the_known_keys() -> None:
    with pytest.raises(KeyError, match="improvement_rate"):
        get("no_such_metric")


def test_derived_columns_are_the_ones_with_derived_adds() -> None:
    frame = _counts(processes_new=[12.0])
    assert set(with_derived(frame).columns) - set(frame.columns) == set(DERIVED_COLUMNS)


# --- safe_ratio and derived counts -------------------------------------------------------


def test_safe_ratio_gives_nan_for_zero_or_missing_denominators() -> None:
    num = pd.Series([15, 3, 0, pd.NA, 4], dtype="Int64")
    den = pd.Series([19, 0, 0, 5, pd.NA], dtype="Int64")
    out = safe_ratio(num, den)
    assert out.dtype == "float64"
    assert out.iloc[0] == pytest.approx(0.78947, abs=1e-5)
    assert out.iloc[1:].isna().all()
    assert not np.isinf(out).any()


def test_safe_ratio_spreads_a_scalar_denominator() -> None:
    out = safe_ratio(pd.Series([1, 2], index=[7, 8]), 4)
    assert list(out.index) == [7, 8]
    assert list(out) == [0.25, 0.5]


def test_with_derived_copies_and_computes() -> None:
    frame = _counts(
        processes_new=[15.0],
        processes_removed=[6.0],
        steps_before=[34.0],
        steps_after=[16.0],
        continuity_checked=[20.0],
        continuity_breaks=[3.0],
    )
    out = with_derived(frame)
    assert "processes_net" not in frame.columns
    assert out.loc[0, "processes_net"] == 9
    assert out.loc[0, "steps_saved"] == 18
    assert out.loc[0, "continuity_ok"] == 17


# --- wilson_interval ---------------------------------------------------------------------


def test_wilson_interval_for_15_of_19() -> None:
    lo, hi = wilson_interval(pd.Series([15]), pd.Series([19]))
    assert lo.iloc[0] == pytest.approx(0.5667, abs=1e-4)
    assert hi.iloc[0] == pytest.approx(0.9149, abs=1e-4)


def test_wilson_interval_edges() -> None:
    lo, hi = wilson_interval(pd.Series([0, 5, 0]), pd.Series([5, 5, 0]))
    assert lo.iloc[0] == 0 and hi.iloc[0] == pytest.approx(0.4345, abs=1e-4)
    assert hi.iloc[1] == 1 and lo.iloc[1] == pytest.approx(0.5655, abs=1e-4)
    assert math.isnan(lo.iloc[2]) and math.isnan(hi.iloc[2])


# --- evaluate ----------------------------------------------------------------------------


def _article_2017() -> pd.DataFrame:
    """The 2017 figures of the article, one row per inspection round."""
    return pd.DataFrame(
        {
            "year": [2017, 2017],
            "inspection_round": [1, 2],
            "units_in_scope": [122, 122],
            "units_reporting": [122, 122],
            "units_applying": [122, 122],
            "units_inspected": [19, 22],
            "units_improved": [15, 18],
        }
    )


def test_improvement_rate_with_interval_and_keys() -> None:
    out = evaluate(_article_2017(), "improvement_rate")
    assert list(out.columns) == [
        "year",
        "inspection_round",
        "value",
        "numerator",
        "denominator",
        "lo",
        "hi",
        "small",
    ]
    first = out.iloc[0]
    assert first["value"] == pytest.approx(0.78947, abs=1e-5)
    assert (first["numerator"], first["denominator"]) == (15, 19)
    assert first["lo"] == pytest.approx(0.5667, abs=1e-4)
    assert first["hi"] == pytest.approx(0.9149, abs=1e-4)
    assert not first["small"]


def test_coverage_is_one_and_has_no_interval() -> None:
    out = evaluate(_article_2017(), "coverage")
    assert out["value"].tolist() == [1.0, 1.0]
    assert out["lo"].isna().all() and out["hi"].isna().all()


def test_inspection_coverage_41_of_122() -> None:
    counts = pd.DataFrame(
        {"year": [2017], "units_applying": [122], "units_inspected": [41]}
    )
    value = evaluate(counts, "inspection_coverage")["value"].iloc[0]
    assert value == pytest.approx(0.33607, abs=1e-5)
    assert value >= 1 / 3  # the legal floor is met


def test_step_reduction_34_to_16() -> None:
    counts = pd.DataFrame({"steps_before": [34], "steps_after": [16]})
    value = evaluate(counts, "step_reduction_rate")["value"].iloc[0]
    assert value == pytest.approx(0.52941, abs=1e-5)


def test_per_unit_churn() -> None:
    counts = pd.DataFrame(
        {
            "unit_type": ["cqcm_tinh"],
            "units_with_figures": [4],
            "processes_removed": [28],
            "processes_new": [60],
            "processes_amended": [100],
        }
    )
    out = evaluate_all(counts).iloc[0]
    assert out["processes_removed_per_unit"] == 7.0
    assert out["processes_new_per_unit"] == 15.0
    assert out["processes_amended_per_unit"] == 25.0
    assert out["net_processes_per_unit"] == 8.0
    assert out["processes_new_per_unit__n"] == 4


def test_zero_denominators_give_nan_not_inf() -> None:
    counts = pd.DataFrame(
        {"units_inspected": [0], "units_improved": [0], "units_with_figures": [0]}
    )
    counts["processes_new"] = 5
    out = evaluate_all(counts).iloc[0]
    assert math.isnan(out["improvement_rate"])
    assert math.isnan(out["processes_new_per_unit"])
    small = evaluate(counts, "improvement_rate").iloc[0]
    # Nothing to rest on is missing (shown as –), not a small sample.
    assert math.isnan(small["lo"]) and not bool(small["small"])


def test_missing_columns_are_unknown_not_errors() -> None:
    counts = pd.DataFrame({"year": [2017], "units_applying": [122]})
    wide = evaluate_all(counts)
    assert list(wide.columns[:1]) == ["year"]
    assert set(REGISTRY) <= set(wide.columns)
    assert wide[list(REGISTRY)].isna().all(axis=None)
    assert math.isnan(evaluate(counts, "coverage")["value"].iloc[0])


def test_missing_values_stay_unknown() -> None:
    counts = pd.DataFrame(
        {
            "units_inspected": pd.array([19, pd.NA], dtype="Int64"),
            "units_improved": [15, 3],
        }
    )
    out = evaluate(counts, "improvement_rate")
    assert math.isnan(out["value"].iloc[1]) and not bool(out["small"].iloc[1])


def test_small_flag_at_nine_and_ten() -> None:
    assert MIN_RELIABLE_N == 10
    counts = pd.DataFrame({"units_inspected": [9, 10], "units_improved": [7, 8]})
    assert evaluate(counts, "improvement_rate")["small"].tolist() == [True, False]


def test_evaluate_keeps_the_index_and_does_not_mutate() -> None:
    counts = _article_2017().set_index(pd.Index([10, 20]))
    before = counts.copy()
    out = evaluate(counts, "improvement_rate")
    assert list(out.index) == [10, 20]
    pd.testing.assert_frame_equal(counts, before)


def test_continuity_rate() -> None:
    counts = pd.DataFrame({"continuity_checked": [20], "continuity_breaks": [3]})
    assert evaluate(counts, "continuity_rate")["value"].iloc[0] == 0.85


# --- property ----------------------------------------------------------------------------

_PAIRS = st.integers(0, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
_PERCENT = [k for k, m in REGISTRY.items() if m.unit == "percent"]


@settings(deadline=None)  # a property, not a timing: a loaded machine made the 200 ms default fail it
@given(st.lists(st.tuples(*[_PAIRS] * len(_PERCENT)), min_size=1, max_size=20))
def test_percent_metrics_stay_in_range(rows: list[tuple[tuple[int, int], ...]]) -> None:
    for i, key in enumerate(_PERCENT):
        metric = REGISTRY[key]
        k = pd.Series([row[i][0] for row in rows])
        n = pd.Series([row[i][1] for row in rows])
        counts = pd.DataFrame(_columns_for(metric.numerator, metric.denominator, k, n))
        out = evaluate(counts, key)
        value = out["value"].dropna()
        assert ((value >= 0) & (value <= 1)).all()
        assert out["value"].isna().eq(n == 0).all()
        lo, hi = wilson_interval(k, n)
        known = n > 0
        assert (lo[known] <= out["value"][known]).all()
        assert (out["value"][known] <= hi[known]).all()


def _columns_for(
    num: str, den: str, k: pd.Series, n: pd.Series
) -> dict[str, pd.Series]:
    """Counts that give numerator k over denominator n, through the derived columns too."""
    underlying = {
        "steps_saved": ("steps_after", n - k),
        "continuity_ok": ("continuity_breaks", n - k),
    }
    col, values = underlying.get(num, (num, k))
    return {den: n, col: values}
