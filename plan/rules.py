"""The rules that propose a plan for year Y (Decision 19/2014/QĐ-TTg: at least a third on site a year):
every unit not inspected in the three years before Y, every unit whose last inspection found no
improvement, every unit created, merged or renamed in the year before Y; then, up to a third of the
units in scope, those inspected longest ago, the weakest recent figures first among equals.

Each rule is a column operation over every unit at once, so 50,000 units cost about what a hundred do;
Python objects are made only for the units that end up on the plan."""

from __future__ import annotations

import math

import pandas as pd

from plan.model import Plan, PlanUnit, Reason

LOOKBACK = 3  # years without an inspection that put a unit on the plan
# The recent figures that break ties among units inspected equally long ago, weakest first.
TIE_METRICS = ("step_reduction_rate", "procedures_iso_share")


def _plain(values: pd.Series) -> list[object]:
    """A column as Python values, missing as None (what a reason's JSON and its sentence expect)."""
    return [None if pd.isna(v) else v for v in values.astype(object).tolist()]


def _years(values: pd.Series) -> list[int | None]:
    return [None if v is None else int(v) for v in _plain(pd.to_numeric(values))]  # type: ignore[call-overload]


def required_mask(rows: pd.DataFrame, year: int) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per unit, whether each rule requires it: not inspected lately, no improvement, reorganised."""
    last = pd.to_numeric(rows["last_year"]).astype("float64")
    stale = last.isna() | (last < year - LOOKBACK)
    found = rows["last_improved"].astype(object)
    no_gain = last.notna() & found.notna() & found.map(lambda v: v is not None and v is not pd.NA and not bool(v))
    moved = rows["event_kind"].map(lambda v: isinstance(v, str))
    return stale.astype(bool), no_gain.astype(bool), moved.astype(bool)


def _required_units(rows: pd.DataFrame, year: int) -> tuple[list[PlanUnit], pd.Series]:
    """The units some rule requires, in the facts' order, each with its reasons; and the mask of them."""
    stale, no_gain, moved = required_mask(rows, year)
    need = stale | no_gain | moved
    part = rows[need]
    dates = pd.to_datetime(part["event_date"]).dt.strftime("%d/%m/%Y")
    units = []
    for code, name, kind, last, s, n, m, event, date in zip(
            part["unit_code"].tolist(), part["unit_name"].tolist(), part["unit_type"].tolist(),
            _years(part["last_year"]), stale[need].tolist(), no_gain[need].tolist(), moved[need].tolist(),
            part["event_kind"].tolist(), _plain(dates), strict=True):
        reasons = []
        if s:
            reasons.append(Reason("not_inspected", {"first": year - LOOKBACK, "until": year - 1, "last": last}))
        if n:
            reasons.append(Reason("no_improvement", {"last": last}))
        if m:
            reasons.append(Reason("reorganised", {"kind": event, "date": date}))
        units.append(PlanUnit(str(code), str(name), str(kind), tuple(reasons)))
    return units, need


def ranked_rest(rest: pd.DataFrame) -> pd.DataFrame:
    """The units no rule requires, longest since inspected first, then weakest recent figures
    (a unit without figures counts as weakest: nobody knows how it does)."""
    keys = ["_last", *TIE_METRICS, "unit_code"]
    ordered = rest.assign(_last=pd.to_numeric(rest["last_year"]).astype("float64").fillna(-1))
    return ordered.sort_values(keys, na_position="first", kind="stable")


def _fill_units(extra: pd.DataFrame, year: int) -> list[PlanUnit]:
    """The units that fill the floor, each with "inspected longest ago" and its recent figures."""
    figures = {key: [None if v is None else float(v) for v in _plain(extra[key])]  # type: ignore[arg-type]
               for key in TIE_METRICS}
    lasts = _years(extra["last_year"])
    return [PlanUnit(str(code), str(name), str(kind), (Reason("longest_ago", {
                "last": lasts[i], "year": year - 1, **{k: figures[k][i] for k in TIE_METRICS}}),))
            for i, (code, name, kind) in enumerate(zip(extra["unit_code"].tolist(), extra["unit_name"].tolist(),
                                                       extra["unit_type"].tolist(), strict=True))]


def propose(facts: pd.DataFrame, figures: pd.DataFrame, year: int) -> Plan:
    """The plan the rules propose for `year`, from the units in scope (store.plan_facts) and last
    year's figures per unit (unit_code and the TIE_METRICS)."""
    rows = facts.merge(figures, on="unit_code", how="left") if not figures.empty else facts.assign(
        **{k: float("nan") for k in TIE_METRICS})
    units, need = _required_units(rows, year)
    missing = max(0, math.ceil(len(rows) / 3) - len(units))
    if missing and not need.all():
        units += _fill_units(ranked_rest(rows[~need]).head(missing), year)
    return Plan(year, len(rows), tuple(units))
