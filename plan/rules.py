"""The rules that propose a plan for year Y (Decision 19/2014/QĐ-TTg: at least a third on site a year):
every unit not inspected in the three years before Y, every unit whose last inspection found no
improvement, every unit created, merged or renamed in the year before Y; then, up to a third of the
units in scope, those inspected longest ago, the weakest recent figures first among equals."""

from __future__ import annotations

import math

import pandas as pd

from plan.model import Plan, PlanUnit, Reason

LOOKBACK = 3  # years without an inspection that put a unit on the plan
# The recent figures that break ties among units inspected equally long ago, weakest first.
TIE_METRICS = ("step_reduction_rate", "procedures_iso_share")


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def required_reasons(row: pd.Series, year: int) -> list[Reason]:
    """The rules that require this unit on the plan of `year` (none when it is not required)."""
    last = _year(row["last_year"])
    found: list[Reason] = []
    if last is None or last < year - LOOKBACK:
        found.append(Reason("not_inspected", {"first": year - LOOKBACK, "until": year - 1, "last": last}))
    improved = row["last_improved"]
    if last is not None and not pd.isna(improved) and not bool(improved):
        found.append(Reason("no_improvement", {"last": last}))
    if isinstance(row["event_kind"], str):
        date = pd.Timestamp(row["event_date"]).strftime("%d/%m/%Y")
        found.append(Reason("reorganised", {"kind": row["event_kind"], "date": date}))
    return found


def _fill_reason(row: pd.Series, year: int) -> Reason:
    params: dict[str, object] = {"last": _year(row["last_year"]), "year": year - 1}
    for key in TIE_METRICS:
        value = row.get(key)
        params[key] = None if value is None or pd.isna(value) else float(value)
    return Reason("longest_ago", params)


def ranked_rest(rest: pd.DataFrame) -> pd.DataFrame:
    """The units no rule requires, longest since inspected first, then weakest recent figures
    (a unit without figures counts as weakest: nobody knows how it does)."""
    keys = ["_last", *TIE_METRICS, "unit_code"]
    ordered = rest.assign(_last=rest["last_year"].astype("float64").fillna(-1))
    return ordered.sort_values(keys, na_position="first", kind="stable")


def _unit(row: pd.Series, reasons: list[Reason]) -> PlanUnit:
    return PlanUnit(str(row["unit_code"]), str(row["unit_name"]), str(row["unit_type"]), tuple(reasons))


def propose(facts: pd.DataFrame, figures: pd.DataFrame, year: int) -> Plan:
    """The plan the rules propose for `year`, from the units in scope (store.plan_facts) and last
    year's figures per unit (unit_code and the TIE_METRICS)."""
    rows = facts.merge(figures, on="unit_code", how="left") if not figures.empty else facts.assign(
        **{k: float("nan") for k in TIE_METRICS})
    required: list[tuple[pd.Series, list[Reason]]] = []
    rest: list[tuple[pd.Series, list[Reason]]] = []
    for _, row in rows.iterrows():
        reasons = required_reasons(row, year)
        (required if reasons else rest).append((row, reasons))
    units = [_unit(row, reasons) for row, reasons in required]
    missing = max(0, math.ceil(len(rows) / 3) - len(units))
    if missing and rest:
        extra = ranked_rest(pd.DataFrame([row for row, _ in rest])).head(missing)
        units += [_unit(row, [_fill_reason(row, year)]) for _, row in extra.iterrows()]
    return Plan(year, len(rows), tuple(units))
