"""Comparisons for the leaders' page: ranks, quartile bands, targets, change on last year."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from metrics.model import Metric

TargetBand = Literal["met", "near", "below", "none"]

# "Near" a target: within 10 percentage points for a share, within 10% for a per-unit figure.
NEAR_POINTS = 0.10
NEAR_RELATIVE = 0.10
# Float noise, so that 1/3 computed as 41/123 still meets a 1/3 floor.
_EPS = 1e-9


def _ascending(better: str) -> bool:
    """True when lower values are better; ValueError for a metric that has no direction."""
    if better not in ("higher", "lower"):
        raise ValueError(f"cannot rank on better={better!r}; use 'higher' or 'lower'")
    return better == "lower"


def rank(values: pd.DataFrame, better: str, id_col: str = "unit_code") -> pd.DataFrame:
    """`values` sorted best first with `rank` (ties share the lowest) and quartile `band` 1–4."""
    out = values.copy()
    ranks = out["value"].rank(method="min", ascending=_ascending(better))
    ranked = int(ranks.notna().sum())
    # Band from the rank position, so the best unit is always in band 1 and ties share a band.
    band = np.floor(4 * (ranks - 1) / max(ranked, 1)) + 1
    out["rank"] = ranks.astype("Int64")
    out["band"] = band.astype("Int64")
    sort_by = ["rank", id_col] if id_col in out.columns else ["rank"]
    return out.sort_values(sort_by, na_position="last", kind="stable")


def _gap(value: float, metric: Metric) -> float:
    """How far `value` falls short of the target, in the metric's better direction (≤ 0: met)."""
    assert metric.target is not None
    return metric.target - value if metric.better != "lower" else value - metric.target


def target_band(value: float | None, metric: Metric) -> TargetBand:
    """Whether a value is "met", "near" or "below" the target; "none" without target or value.

    A floor is a legal minimum, so any shortfall is "below"; only a goal can be "near".
    """
    if metric.target is None or value is None or pd.isna(value) or math.isinf(value):
        return "none"
    gap = _gap(float(value), metric)
    if gap <= _EPS:
        return "met"
    if metric.target_kind == "floor":
        return "below"
    tolerance = (
        NEAR_POINTS if metric.unit == "percent" else NEAR_RELATIVE * abs(metric.target)
    )
    return "near" if gap <= tolerance + _EPS else "below"


def target_bands(values: pd.Series, metric: Metric) -> pd.Series:
    """`target_band` for each value of a series."""
    return values.map(lambda v: target_band(v, metric)).astype("object")


def with_change(
    frame: pd.DataFrame, key_cols: Sequence[str], year_col: str = "year"
) -> pd.DataFrame:
    """Adds prev_value, change (and prev_rank, rank_change when ranked) against year − 1."""
    keys = [*key_cols, year_col]
    carried = ["value"] + (["rank"] if "rank" in frame.columns else [])
    prev = frame[keys + carried].rename(columns={c: f"prev_{c}" for c in carried})
    prev[year_col] = prev[year_col] + 1
    merged = frame.merge(prev, on=keys, how="left", validate="many_to_one")
    merged.index = frame.index
    merged["change"] = merged["value"] - merged["prev_value"]
    if "rank" in carried:
        # Positive = moved up the table.
        merged["rank_change"] = (merged["prev_rank"] - merged["rank"]).astype("Int64")
    return merged


def reference_lines(values: pd.Series, better: str = "higher") -> dict[str, float]:
    """The best (NaN for a neutral metric), the average and the median of the known values."""
    known = pd.to_numeric(values, errors="coerce").astype("float64").dropna()
    if known.empty:
        return {"best": math.nan, "average": math.nan, "median": math.nan}
    best = {"higher": known.max(), "lower": known.min()}.get(better, math.nan)
    return {
        "best": float(best),
        "average": float(known.mean()),
        "median": float(known.median()),
    }


def distance_to_best(values: pd.Series, better: str) -> pd.Series:
    """How far each value is from the best of them, ≥ 0 (0 for the best); NaN when unknown or unranked."""
    best = reference_lines(values, better)["best"]
    known = pd.to_numeric(values, errors="coerce").astype("float64")
    return (best - known) if better == "higher" else (known - best)


def type_median(
    frame: pd.DataFrame,
    value_cols: Sequence[str],
    by: Sequence[str] = ("year", "unit_type"),
) -> pd.DataFrame:
    """The median of each value column per group, to set a unit beside its type."""
    grouped = frame.groupby(list(by), observed=True, dropna=False, sort=True)
    return grouped[list(value_cols)].median().reset_index()
