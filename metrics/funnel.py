"""Funnel-plot comparison of units with their group (Spiegelhalter, Statistics in Medicine 2005).

Each unit's rate is set against the group's overall rate p0 with control limits that narrow as its n
grows: exact binomial limits for a share (steps cut ÷ steps before), exact Poisson limits for a count
per unit, both interpolated as the paper does. When far more units fall outside than chance allows
(the units differ for reasons no count captures), the limits are widened by the estimated dispersion
φ from winsorised z-scores, rather than flag half the province. A unit is then classed above, below
or not clearly different from its group. Pure numpy/pandas.
"""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist
from typing import Literal

import numpy as np
import pandas as pd

from common.i18n import fmt_num, t
from metrics.model import Metric

Kind = Literal["binomial", "poisson"]
Class = Literal["above", "within", "below"]
CLASSES: tuple[Class, ...] = ("above", "within", "below")

Z_95 = 1.959964
Z_998 = 3.090232
_Z_ONE_SIDED_95 = 1.644854
LEVELS = {"95": 0.95, "998": 0.998}
WINSOR = 0.10  # the paper's winsorising: z-scores pulled in to their 10th and 90th percentiles
MIN_UNITS_FOR_PHI = 5  # fewer units say nothing about dispersion
_NORMAL_FROM = 2000  # above this n, exact and normal limits agree to a fraction of a point


def kind(metric: Metric) -> Kind:
    """Binomial limits for a share, Poisson limits for a count per unit."""
    return "poisson" if metric.unit == "per_unit" else "binomial"


def overall_rate(num: pd.Series, den: pd.Series) -> float:
    """The group's rate p0: all successes over all cases of the units with cases (NaN when none)."""
    ok = den.notna() & num.notna() & (den > 0)
    total = float(den[ok].sum())
    return float(num[ok].sum()) / total if total > 0 else math.nan


@lru_cache(maxsize=4)
def _log_factorials(size: int) -> np.ndarray:
    """log k! for k = 0 … size − 1, kept: a funnel of a thousand units asks for the same table each time."""
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, size, dtype=float)))])


def _log_fact(top: int) -> np.ndarray:
    size = 1 << max(10, int(top + 1).bit_length())  # powers of two, so the cache holds a few tables
    return _log_factorials(size)[: top + 1]


def _pmf(p0: float, n: int, how: Kind) -> np.ndarray:
    """The probabilities of 0, 1, 2 … events for a unit of size n at the group's rate."""
    if how == "binomial":
        ks = np.arange(n + 1)
        if p0 <= 0 or p0 >= 1:
            return np.asarray(ks == (0 if p0 <= 0 else n), dtype=float)
        lf = _log_fact(n)
        logs = lf[n] - lf - lf[::-1] + ks * math.log(p0) + (n - ks) * math.log1p(-p0)
        return np.asarray(np.exp(logs), dtype=float)
    mean = p0 * n
    top = int(mean + 12 * math.sqrt(mean) + 30)
    ks = np.arange(top + 1)
    if mean <= 0:
        return np.asarray(ks == 0, dtype=float)
    return np.asarray(np.exp(ks * math.log(mean) - mean - _log_fact(top)), dtype=float)


def exact_limit(p0: float, n: int, prob: float, how: Kind) -> float:
    """The rate a unit of size n stays under with probability `prob`, interpolated between counts."""
    if n >= _NORMAL_FROM:
        sd = math.sqrt(p0 * (1 - p0) / n) if how == "binomial" else math.sqrt(p0 / n)
        return float(p0 + _z(prob) * sd)
    cdf = np.cumsum(_pmf(p0, n, how))
    r = min(int(np.searchsorted(cdf, prob - 1e-12)), len(cdf) - 1)
    below = cdf[r - 1] if r > 0 else 0.0
    alpha = (cdf[r] - prob) / (cdf[r] - below) if cdf[r] > below else 0.0
    return float((r - alpha) / n)


def _z(prob: float) -> float:
    """The standard normal quantile."""
    return NormalDist().inv_cdf(prob)


def limits(p0: float, n: float, level: str = "95", how: Kind = "binomial", phi: float = 1.0) -> tuple[float, float]:
    """The lower and upper control limits at `level` ("95" or "998") for a unit of size n."""
    if math.isnan(p0) or not n or n <= 0 or math.isnan(n):
        return math.nan, math.nan
    tail = (1 - LEVELS[level]) / 2
    size = round(n)
    lo, hi = exact_limit(p0, size, tail, how), exact_limit(p0, size, 1 - tail, how)
    widen = math.sqrt(max(phi, 1.0))
    lo, hi = p0 - (p0 - lo) * widen, p0 + (hi - p0) * widen
    top = 1.0 if how == "binomial" else math.inf
    return max(lo, 0.0), min(hi, top)


def z_scores(rate: pd.Series, den: pd.Series, p0: float, how: Kind) -> pd.Series:
    """Each unit's distance from p0 in standard errors under the plain model (NaN without cases)."""
    var = p0 * (1 - p0) if how == "binomial" else p0
    d = den.astype("float64").where(den > 0)
    return (rate.astype("float64") - p0) / np.sqrt(var / d) if var > 0 else rate * math.nan


def dispersion(z: pd.Series) -> float:
    """φ from winsorised z-scores, 1 unless the units spread clearly more than chance allows (χ² test)."""
    known = z.dropna()
    units = len(known)
    if units < MIN_UNITS_FOR_PHI:
        return 1.0
    lo, hi = known.quantile(WINSOR), known.quantile(1 - WINSOR)
    phi = float((known.clip(lo, hi) ** 2).mean())
    return phi if units * phi > _chi2_95(units - 1) else 1.0


def _chi2_95(df: int) -> float:
    """The 95th percentile of χ² with df degrees of freedom (Wilson–Hilferty, within 1% from df = 3)."""
    a = 2 / (9 * df)
    return df * (1 - a + _Z_ONE_SIDED_95 * math.sqrt(a)) ** 3 if df > 0 else math.inf


def classify(values: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """`values` (value, numerator, denominator) with p0, phi, the unit's 95% and 99.8% limits and its class.

    The class says where the unit's rate stands against the group's: "above" or "below" its 95% limits,
    else "within" (no clear difference); missing without a value. Read it with the metric's `better`."""
    how = kind(metric)
    out = values.copy()
    p0 = overall_rate(out["numerator"], out["denominator"])
    phi = dispersion(z_scores(out["value"], out["denominator"], p0, how)) if not math.isnan(p0) else 1.0
    out["p0"], out["phi"] = p0, phi
    sizes = out["denominator"].astype("float64")
    for level in LEVELS:
        # Once per distinct n: a thousand communes share a few hundred sizes.
        found = {n: limits(p0, n, level, how, phi) for n in sizes.dropna().unique()}
        out[f"limit_lo_{level}"] = [found[n][0] if n in found else math.nan for n in sizes]
        out[f"limit_hi_{level}"] = [found[n][1] if n in found else math.nan for n in sizes]
    out["class"] = [_class(v, lo, hi) for v, lo, hi in zip(out["value"], out["limit_lo_95"], out["limit_hi_95"],
                                                           strict=True)]
    return out


def _class(value: object, lo: float, hi: float) -> Class | None:
    if value is None or pd.isna(value) or math.isnan(lo):
        return None
    v = float(value)  # type: ignore[arg-type]
    return "above" if v > hi + 1e-12 else "below" if v < lo - 1e-12 else "within"


def is_better(cls: object, metric: Metric) -> bool | None:
    """True when the class is on the metric's better side, False on its worse side, None when neither."""
    if cls not in ("above", "below") or metric.better == "neutral":
        return None
    return (cls == "above") == (metric.better == "higher")


def class_label(cls: object, lang: str) -> str:
    """The class in words: cao hơn / chưa rõ khác biệt / thấp hơn; – when the unit has no value."""
    return t(f"fair.class.{cls}", lang) if cls in CLASSES else "–"


def class_hover(row: pd.Series, metric: Metric, lang: str) -> str:
    """A unit's place in the funnel in one line: its rate and n, the group's rate, the 95% limits."""
    if pd.isna(row.get("value")) or pd.isna(row.get("limit_lo_95")):
        return t("fair.hover_none", lang)
    return t("fair.hover", lang, value=metric.text(float(row["value"]), lang),
             n=fmt_num(float(row["denominator"]), lang), p0=metric.text(float(row["p0"]), lang),
             lo=metric.text(float(row["limit_lo_95"]), lang), hi=metric.text(float(row["limit_hi_95"]), lang),
             cls=class_label(row["class"], lang))


def curve(p0: float, phi: float, how: Kind, n_max: float, points: int = 120) -> pd.DataFrame:
    """The funnel's four limit lines on a grid of n from 1 to n_max, for drawing."""
    top = max(float(n_max), 2.0)
    grid = np.unique(np.round(np.geomspace(1, top * 1.05, points)).astype(int))
    rows = {"n": grid}
    for level in LEVELS:
        pairs = [limits(p0, float(n), level, how, phi) for n in grid]
        rows[f"lo_{level}"] = np.array([p[0] for p in pairs])
        rows[f"hi_{level}"] = np.array([p[1] for p in pairs])
    return pd.DataFrame(rows)
