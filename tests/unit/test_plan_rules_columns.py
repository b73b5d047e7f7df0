"""The rules on columns (plan.rules, issue 26) give the very plan the rules one row at a time gave before:
the earlier code is kept here as the reference and both run on random units in scope."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from plan import propose
from plan.model import Plan, PlanUnit, Reason
from plan.rules import LOOKBACK, TIE_METRICS, ranked_rest

YEAR = 2026


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _required(row: pd.Series, year: int) -> list[Reason]:
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


def _fill(row: pd.Series, year: int) -> Reason:
    params: dict[str, object] = {"last": _year(row["last_year"]), "year": year - 1}
    for key in TIE_METRICS:
        value = row.get(key)
        params[key] = None if value is None or pd.isna(value) else float(value)
    return Reason("longest_ago", params)


def _unit(row: pd.Series, reasons: list[Reason]) -> PlanUnit:
    return PlanUnit(str(row["unit_code"]), str(row["unit_name"]), str(row["unit_type"]), tuple(reasons))


def by_rows(facts: pd.DataFrame, figures: pd.DataFrame, year: int) -> Plan:
    """plan.rules.propose as it was before the rules ran on columns (one row at a time)."""
    rows = facts.merge(figures, on="unit_code", how="left") if not figures.empty else facts.assign(
        **{k: float("nan") for k in TIE_METRICS})
    required: list[tuple[pd.Series, list[Reason]]] = []
    rest: list[tuple[pd.Series, list[Reason]]] = []
    for _, row in rows.iterrows():
        reasons = _required(row, year)
        (required if reasons else rest).append((row, reasons))
    units = [_unit(row, reasons) for row, reasons in required]
    missing = max(0, math.ceil(len(rows) / 3) - len(units))
    if missing and rest:
        extra = ranked_rest(pd.DataFrame([row for row, _ in rest])).head(missing)
        units += [_unit(row, [_fill(row, year)]) for _, row in extra.iterrows()]
    return Plan(year, len(rows), tuple(units))


LAST = st.one_of(st.none(), st.integers(2015, YEAR - 1))
SHARE = st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.75, 1.0]))
UNIT = st.tuples(LAST, st.sampled_from([True, False, True, None]),
                 st.sampled_from([None, None, None, "merge", "created", "rename"]), SHARE, SHARE)


def _frames(units: list[tuple[int | None, bool | None, str | None, float | None, float | None]]
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = [f"U{i:03d}" for i in range(len(units))]
    facts = pd.DataFrame({
        "unit_code": codes, "unit_name": [f"Đơn vị {c}" for c in codes], "unit_type": "ubnd_xa",
        "last_year": pd.array([u[0] for u in units], dtype="Int32"),
        "last_improved": [None if u[0] is None else u[1] for u in units],
        "event_kind": [u[2] for u in units],
        "event_date": pd.to_datetime([f"{YEAR - 1}-0{1 + i % 9}-15" if u[2] else None for i, u in enumerate(units)]),
    })
    figures = pd.DataFrame({"unit_code": codes, TIE_METRICS[0]: [u[3] for u in units],
                            TIE_METRICS[1]: [u[4] for u in units]}).iloc[::2]
    return facts, figures.astype({k: "float64" for k in TIE_METRICS})


@given(st.lists(UNIT, min_size=1, max_size=60))
@settings(deadline=None)  # a shared machine: no timing in a test
def test_the_rules_on_columns_give_the_plan_the_rows_gave(units: list[tuple[int | None, bool | None, str | None,
                                                                             float | None, float | None]]) -> None:
    facts, figures = _frames(units)
    assert propose(facts, figures, YEAR) == by_rows(facts, figures, YEAR)
    empty = figures.iloc[0:0]
    assert propose(facts, empty, YEAR) == by_rows(facts, empty, YEAR)


def test_reason_values_are_plain_python_so_a_plan_saves_as_json() -> None:
    facts, figures = _frames([(2020, True, "merge", 0.5, None), (None, None, None, None, None),
                              (2025, True, None, 0.25, 0.75), (2025, True, None, None, None)])
    plan = propose(facts, figures, YEAR)
    values = [v for u in plan.units for r in u.reasons for v in r.params.values()]
    assert values and all(v is None or type(v) in (int, float, str) for v in values)
