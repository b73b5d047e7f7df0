"""The change on last year, written once: its size, its 95% interval and what it may be called.

For a share (k of n), the interval of the difference of two proportions is Newcombe's hybrid
score interval (Newcombe 1998, method 10), built from the two Wilson intervals; a change whose
interval includes zero is "no clear difference". A per-unit average has no such interval, so
its change is only ever called up, down or unchanged, and is never coloured as good or bad.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from metrics.compute import wilson_interval
from metrics.model import Metric

Verdict = Literal["up", "down", "unclear", "same", "none"]


@dataclass(frozen=True)
class Change:
    """This year's value minus last year's, its interval (NaN when it has none) and its verdict."""

    change: float
    lo: float
    hi: float
    verdict: Verdict

    @property
    def clear(self) -> bool:
        """Whether the change is clearly up or down (the only case coloured good or bad)."""
        return self.verdict in ("up", "down")


NONE = Change(math.nan, math.nan, math.nan, "none")


def _wilson(k: float, n: float) -> tuple[float, float]:
    lo, hi = wilson_interval(k, n)
    return float(lo.iloc[0]), float(hi.iloc[0])


def newcombe(k1: float, n1: float, k0: float, n0: float) -> tuple[float, float]:
    """Newcombe's hybrid score 95% interval for k1/n1 − k0/n0; NaN when either n is 0 or missing."""
    if any(map(math.isnan, (k1, n1, k0, n0))) or n1 <= 0 or n0 <= 0:
        return math.nan, math.nan
    p1, p0 = k1 / n1, k0 / n0
    l1, u1 = _wilson(k1, n1)
    l0, u0 = _wilson(k0, n0)
    d = p1 - p0
    return d - math.hypot(p1 - l1, u0 - p0), d + math.hypot(u1 - p1, p0 - l0)


def change_on_last_year(metric: Metric, now: tuple[float, float], before: tuple[float, float]) -> Change:
    """The change from `before` to `now`, each given as (numerator, denominator)."""
    (k1, n1), (k0, n0) = (tuple(map(_num, now)), tuple(map(_num, before)))
    if math.isnan(k1) or math.isnan(k0) or not n1 > 0 or not n0 > 0:
        return NONE
    diff = k1 / n1 - k0 / n0
    if metric.unit != "percent":
        return Change(diff, math.nan, math.nan, _sign(diff))
    lo, hi = newcombe(k1, n1, k0, n0)
    if abs(diff) < 1e-12:
        return Change(0.0, lo, hi, "same")
    return Change(diff, lo, hi, "unclear" if lo <= 0 <= hi else _sign(diff))


def _sign(diff: float) -> Verdict:
    return "same" if abs(diff) < 1e-12 else ("up" if diff > 0 else "down")


def _num(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
