"""The ranking of a group's units, computed once for the compare page, the profile and the briefing.

Each year: the units' rates, their funnel class (metrics.funnel), their rank with an interval from
simulation (Goldstein and Spiegelhalter 1996: a rank is as uncertain as the rates behind it), and
against last year a rank change that counts as a rise or a fall only when the two years' rank
intervals do not overlap. When the group itself changed (units created, merged or dissolved), ranks
of the two years are not compared. Pure numpy/pandas.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

from common.i18n import fmt_num, t
from metrics.compare import rank
from metrics.funnel import classify, kind
from metrics.model import Metric

Move = Literal["up", "down", "same"]
SEED = 20250701  # fixed: the same data give the same intervals on every page and in every document
SIMS = 1000
# Units × simulations at once (8 MB): past 1,000 units, fewer simulations (never under 200), so a
# national ranking of 25,000 communes stays a second or two, not half a minute.
_MAX_DRAWS = 1_000_000
_MIN_SIMS = 200
_TAIL = 0.025


def draws(values: pd.DataFrame, metric: Metric, phi: float = 1.0, sims: int = SIMS,
          seed: int = SEED) -> np.ndarray:
    """Simulated rates (sims × units) from each unit's Jeffreys posterior, its n shrunk by the dispersion φ."""
    rng = np.random.default_rng(seed)
    k = values["numerator"].astype("float64").to_numpy() / max(phi, 1.0)
    n = values["denominator"].astype("float64").to_numpy() / max(phi, 1.0)
    shape = (sims, len(values))  # a simulation per row: sorting along rows reads memory in order
    if kind(metric) == "binomial":
        return rng.beta(k + 0.5, n - k + 0.5, size=shape)
    return rng.gamma(k + 0.5, 1.0 / n, size=shape)


def rank_intervals(values: pd.DataFrame, metric: Metric, phi: float = 1.0, seed: int = SEED) -> pd.DataFrame:
    """rank_lo and rank_hi, the 95% interval of each valued unit's rank over simulated rates, and rate_lo and
    rate_hi, the same draws' 95% interval of its rate (NaN without a value)."""
    out = pd.DataFrame({c: np.nan for c in ("rank_lo", "rank_hi", "rate_lo", "rate_hi")}, index=values.index)
    known = values[values["value"].notna() & (values["denominator"] > 0)]
    if known.empty:
        return out
    sims = max(_MIN_SIMS, min(SIMS, _MAX_DRAWS // len(known)))
    drawn = draws(known, metric, phi, sims, seed)
    order = (-drawn if metric.better == "higher" else drawn).argsort(axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(known) + 1)[None, :], axis=1)  # one sort, not two
    rank_q = np.quantile(ranks, [_TAIL, 1 - _TAIL], axis=0)
    rate_q = np.quantile(drawn, [_TAIL, 1 - _TAIL], axis=0)
    out.loc[known.index, "rank_lo"], out.loc[known.index, "rank_hi"] = np.floor(rank_q[0]), np.ceil(rank_q[1])
    out.loc[known.index, "rate_lo"], out.loc[known.index, "rate_hi"] = rate_q[0], rate_q[1]
    return out


def rank_year(values: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """One year's group ranked best first: rank, rank_lo, rank_hi, ranked (units with a value), funnel class."""
    classed = classify(values, metric)
    ranked = rank(classed, metric.better)
    phi = float(classed["phi"].iloc[0]) if len(classed) else 1.0
    ranked = ranked.join(rank_intervals(ranked, metric, phi))
    ranked["ranked"] = int(ranked["value"].notna().sum())
    for col in ("rank_lo", "rank_hi"):
        ranked[col] = ranked[col].astype("Int64")
    return ranked


def move(prev_lo: object, prev_hi: object, lo: object, hi: object) -> Move | None:
    """"up" or "down" when this year's rank interval lies wholly above or below last year's, else "same"."""
    if any(v is None or pd.isna(v) for v in (prev_lo, prev_hi, lo, hi)):
        return None
    if int(hi) < int(prev_lo):  # type: ignore[call-overload]
        return "up"
    return "down" if int(lo) > int(prev_hi) else "same"  # type: ignore[call-overload]


def group_change(values: pd.DataFrame, year: int) -> tuple[int, int] | None:
    """(units last year, units this year) when the group's set of units changed; None when it did not."""
    before = set(values.loc[values["year"] == year - 1, "unit_code"])
    now = set(values.loc[values["year"] == year, "unit_code"])
    return (len(before), len(now)) if before and before != now else None


def ranking(values: pd.DataFrame, metric: Metric, year: int) -> pd.DataFrame:
    """`year`'s ranking with last year's value, rank and interval beside it, the change and the rank move.

    `values`: metrics.evaluate over year and unit_code (other key columns kept), for `year` and maybe year − 1."""
    now = rank_year(values[values["year"] == year], metric)
    prev_rows = values[values["year"] == year - 1]
    prev = rank_year(prev_rows, metric) if len(prev_rows) else now.iloc[0:0]
    carried = prev[["unit_code", "value", "rank", "rank_lo", "rank_hi"]].rename(
        columns=lambda c: c if c == "unit_code" else f"prev_{c}")
    out = now.merge(carried, on="unit_code", how="left", validate="one_to_one")
    out.index = now.index
    out["change"] = out["value"] - out["prev_value"]
    changed = group_change(values, year)
    out["group_before"] = changed[0] if changed else pd.NA
    out["move"] = None if changed else [move(*r) for r in zip(
        out["prev_rank_lo"], out["prev_rank_hi"], out["rank_lo"], out["rank_hi"], strict=True)]
    return out


def history(values: pd.DataFrame, metric: Metric, code: str) -> pd.DataFrame:
    """One unit's year, rank, rank_lo, rank_hi, ranked (group size), value and n over the years of `values`."""
    cols = ["year", "rank", "rank_lo", "rank_hi", "ranked", "value", "denominator", "class"]
    rows = [_unit_year(part, metric, code) for _, part in values.groupby("year") if code in set(part["unit_code"])]
    return pd.concat(rows, ignore_index=True)[cols] if rows else pd.DataFrame(columns=cols)


def _unit_year(part: pd.DataFrame, metric: Metric, code: str) -> pd.DataFrame:
    """rank_year's row of one unit, its rank interval counted against the others' draws without sorting them
    all (a profile ranks its unit in every year: sorting 25,000 communes 20 times took a minute)."""
    ranked = rank(classify(part, metric), metric.better)
    ranked["ranked"] = int(ranked["value"].notna().sum())
    row = ranked[ranked["unit_code"] == code].copy()
    known = ranked[ranked["value"].notna() & (ranked["denominator"] > 0)]
    row["rank_lo"] = row["rank_hi"] = pd.NA
    if len(row) and code in set(known["unit_code"]):
        drawn = draws(known, metric, float(known["phi"].iloc[0]), max(_MIN_SIMS, min(SIMS, _MAX_DRAWS // len(known))))
        mine = drawn[:, list(known["unit_code"]).index(code)][:, None]
        ahead = (drawn > mine) if metric.better == "higher" else (drawn < mine)
        lo, hi = np.quantile(ahead.sum(axis=1) + 1, [_TAIL, 1 - _TAIL])
        row["rank_lo"], row["rank_hi"] = int(np.floor(lo)), int(np.ceil(hi))
    return row.astype({"rank_lo": "Int64", "rank_hi": "Int64"})


def rank_text(rank_: object, lo: object, hi: object, lang: str) -> str:
    """A rank with its interval, "3 (1–9)"; just "3" when the interval is that rank; – when unranked."""
    if rank_ is None or pd.isna(rank_):
        return "–"
    text = fmt_num(int(rank_), lang)  # type: ignore[call-overload]
    if lo is None or pd.isna(lo) or hi is None or pd.isna(hi) or int(lo) == int(hi):  # type: ignore[call-overload]
        return text
    return f"{text} ({fmt_num(int(lo), lang)}–{fmt_num(int(hi), lang)})"  # type: ignore[call-overload]


def move_text(move_: object, lang: str) -> str:
    """A rank move in words for a table cell: ▲ rise, ▼ fall, ≈ no clear change, – not ranked last year."""
    return t(f"fair.move.{move_}", lang) if move_ in ("up", "down", "same") else "–"


def group_text(before: int, now: int, lang: str) -> str:
    """"nhóm thay đổi: 21 → 14 đơn vị": ranks of the two years are not compared."""
    return t("fair.group_changed", lang, before=fmt_num(before, lang), now=fmt_num(now, lang))


def interval_text(lo: float, hi: float, metric: Metric, lang: str) -> str:
    """A unit's own 95% interval, "44,0%–80,0%"; – when unknown."""
    if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
        return "–"
    return f"{metric.text(lo, lang)}–{metric.text(hi, lang)}"


def example(values: pd.DataFrame, metric: Metric, year: int) -> pd.Series | None:
    """A unit to explain the method with: the middle of `year`'s ranking (its rank is the loosest), with
    its class, limits and the group's rate; None when fewer than three units have a value."""
    ranked = rank_year(values[values["year"] == year], metric)
    known = ranked[ranked["value"].notna() & (ranked["denominator"] > 0)]
    if len(known) < 3:
        return None
    return known.iloc[len(known) // 2]
