"""The arithmetic behind the registry: ratios, derived counts, intervals. Pure pandas, no I/O.

Input is a "counts frame" (see `metrics.registry.COUNT_COLUMNS`): key columns at any grain
plus integer counts, where NaN/NA means unknown and a missing column is unknown throughout.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import pandas as pd

from common.columns import DERIVED_DIFFERENCES
from metrics.model import COUNT_COLUMNS, DERIVED_COLUMNS, Metric
from metrics.registry import REGISTRY, get

# Below 10 units one unit moves a rate by more than 10 points (the article's rounds have
# 19 units, a unit type may have 11), so such rates are flagged for the reader.
MIN_RELIABLE_N = 10
Z_95 = 1.959964

_NON_KEY = frozenset(COUNT_COLUMNS) | frozenset(DERIVED_COLUMNS)


Numeric: TypeAlias = pd.Series | float | int


def _as_float(values: Numeric, index: pd.Index | None = None) -> pd.Series:
    """A numeric series as float64 with NaN for anything missing; a scalar spread over `index`."""
    if not isinstance(values, pd.Series):
        values = pd.Series(
            values, index=index if index is not None else pd.RangeIndex(1)
        )
    return pd.to_numeric(values, errors="coerce").astype("float64")


def _pair(a: Numeric, b: Numeric) -> tuple[pd.Series, pd.Series]:
    """Both operands as float series on one index (a scalar takes the other's index)."""
    index = (
        a.index
        if isinstance(a, pd.Series)
        else b.index
        if isinstance(b, pd.Series)
        else None
    )
    return _as_float(a, index), _as_float(b, index)


def safe_ratio(num: Numeric, den: Numeric) -> pd.Series:
    """num ÷ den as float; NaN where den is 0 or either side is missing (never inf)."""
    n, d = _pair(num, den)
    return n / d.where(d != 0)


def column(counts: pd.DataFrame, name: str) -> pd.Series:
    """One count column as float; all NaN (unknown) when the frame lacks it."""
    if name in counts.columns:
        return _as_float(counts[name])
    return pd.Series(np.nan, index=counts.index, dtype="float64")


def key_columns(counts: pd.DataFrame) -> list[str]:
    """The columns that identify a row: everything that is not a count or derived count."""
    return [c for c in counts.columns if c not in _NON_KEY]


def with_derived(counts: pd.DataFrame) -> pd.DataFrame:
    """A copy of the counts with processes_net, steps_saved and continuity_ok added."""
    out = counts.copy()
    for name, (a, b) in DERIVED_DIFFERENCES.items():
        out[name] = column(counts, a) - column(counts, b)
    return out


def wilson_interval(
    k: Numeric, n: Numeric, z: float = Z_95
) -> tuple[pd.Series, pd.Series]:
    """The Wilson score interval for k successes out of n; NaN where n is 0 or missing."""
    k_f, n_f = _pair(k, n)
    p = safe_ratio(k_f, n_f)
    n_f = n_f.where(p.notna())
    z2 = z * z
    scale = 1 + z2 / n_f
    centre = (p + z2 / (2 * n_f)) / scale
    half = z * np.sqrt(p * (1 - p) / n_f + z2 / (4 * n_f * n_f)) / scale
    # Clipping at p absorbs rounding at k = 0 or k = n, where one bound equals p exactly.
    return (centre - half).clip(lower=0.0, upper=p), (centre + half).clip(
        lower=p, upper=1.0
    )


def evaluate(counts: pd.DataFrame, key: str) -> pd.DataFrame:
    """One metric per row: key columns + value, numerator, denominator, lo, hi, small."""
    metric = get(key)
    frame = with_derived(counts)
    num, den = column(frame, metric.numerator), column(frame, metric.denominator)
    out = counts[key_columns(counts)].copy()
    out["value"] = safe_ratio(num, den)
    out["numerator"] = num
    out["denominator"] = den
    if metric.interval:
        out["lo"], out["hi"] = wilson_interval(num, den)
    else:
        out["lo"] = out["hi"] = np.nan
    out["small"] = small_sample(den, metric)
    return out


def small_sample(den: Numeric, metric: Metric) -> pd.Series:
    """The one small-sample rule: a share resting on 1 to MIN_RELIABLE_N − 1 cases is flagged.

    No denominator (nothing reported) is missing, not small: its value is shown as –. A per-unit
    average is not a share of its cases, so it is never flagged."""
    d = _as_float(den)
    flagged = d.notna() & (d > 0) & (d < MIN_RELIABLE_N)
    return flagged & (metric.unit == "percent")


def evaluate_all(counts: pd.DataFrame) -> pd.DataFrame:
    """Every metric, wide: key columns + one column per metric key + `<key>__n` denominators."""
    frame = with_derived(counts)
    parts: dict[str, pd.Series] = {}
    for key, metric in REGISTRY.items():
        den = column(frame, metric.denominator)
        parts[key] = safe_ratio(column(frame, metric.numerator), den)
        parts[f"{key}__n"] = den
    values = pd.DataFrame(parts, index=counts.index)
    return pd.concat([counts[key_columns(counts)], values], axis=1)
