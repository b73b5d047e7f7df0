"""The briefing's writers are pure functions of the gathered facts: a `Facts` value built by hand,
with no database, gives the cards, the rounds, the year in words and a whole briefing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from report.content import cards, compose, rounds
from report.facts import Facts
from report.figures import briefing_charts
from report.summary import markdown, summary
from store import COUNT_COLUMNS

# Four units: two provincial agencies applying ISO 9001, a district committee reporting without it,
# and a district committee that has not reported for 2017 (missing, never zero).
UNITS = {
    "LS-A": ("Sở A", "cqcm_tinh", dict(units_reporting=1, units_applying=1, units_inspected=1, units_improved=1,
                                        units_with_figures=1, steps_before=10, steps_after=4)),
    "LS-B": ("Sở B", "cqcm_tinh", dict(units_reporting=1, units_applying=1, units_inspected=1,
                                        units_with_figures=1, steps_before=10, steps_after=8)),
    "LS-C": ("UBND huyện C", "ubnd_huyen", dict(units_reporting=1, units_with_figures=1, steps_before=20,
                                                 steps_after=15)),
    "LS-D": ("UBND huyện D", "ubnd_huyen", {}),
}


def _row(**values: int) -> dict[str, int]:
    return {col: values.get(col, 0) for col in COUNT_COLUMNS} | {"units_in_scope": 1}


def _sum(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    return frame.groupby(by, as_index=False, sort=False)[list(COUNT_COLUMNS)].sum()


def facts(trends: bool = False) -> Facts:
    """The facts of 2017 for every type: 2016 as 2017 but with B applying and inspected only from 2017."""
    by_unit = pd.DataFrame([{"unit_code": code, **_row(**v), "unit_name": name, "unit_type": kind}
                            for code, (name, kind, v) in UNITS.items()])
    only_a = by_unit["unit_code"].eq("LS-A").astype("int64")
    last = by_unit.assign(units_applying=only_a, units_inspected=only_a)
    years = pd.concat([last.assign(year=2016), by_unit.assign(year=2017)], ignore_index=True)
    rounds_frame = pd.DataFrame({"inspection_round": [1], "units_inspected": [2], "units_improved": [1]})
    return Facts(year=2017, unit_types=(), demo=True, by_year=_sum(years, "year"),
                 by_type=_sum(by_unit, "unit_type"), by_unit=by_unit, rounds=rounds_frame,
                 trends=years.groupby(["year", "unit_type"], as_index=False)[list(COUNT_COLUMNS)].sum()
                 if trends else None, rolled=years[["year", "unit_code", *COUNT_COLUMNS]])


def test_the_year_in_words_comes_from_the_facts_alone() -> None:
    text = summary(facts(), "en")
    # 3 of 4 reported: the year never speaks for the province (issue 22), so it says so first.
    assert text[0].startswith("So far only 3 of the 4 units have reported for 2017")
    assert text[1].startswith("Of the 3 units that reported, 2 build")  # D is missing, not "no"
    assert "(66.7%)" in text[1]
    assert "round 1, 1 of 2 units (50.0%)" in text[2]
    assert "Note: the 2017 figures are incomplete: 3 of 4 units have reported" in text[-2]
    assert markdown(facts(), "vi").startswith("# ")


def test_a_card_row_has_the_value_and_no_change_on_too_few_matched_units() -> None:
    table = cards(facts(), "en")
    coverage = next(row for row in table.rows if row[0] == "ISO coverage")
    assert coverage[1] == pytest.approx(2 / 3) and coverage[2:4] == (2.0, 3.0)
    # Three units reported in both years: too few (metrics.like.MIN_MATCHED) for a change, and it says why.
    assert coverage[5] == 3 and coverage[6] is None and coverage[8] is None
    assert "not compared with 2016: only 3 units have figures in both years (at least 10 needed)" in str(coverage[-1])
    assert table.title.endswith("— incomplete: 3 of 4 units reported")


def test_rounds_table_and_a_whole_briefing_without_a_database() -> None:
    (row,) = rounds(facts().rounds, 2017, "vi").rows
    assert row[:4] == (1, 1.0, 2.0, 0.5) and row[4:] == pytest.approx((0.0945, 0.9055), abs=1e-3)
    briefing = compose(facts(), "vi", today=dt.date(2026, 1, 2))
    assert briefing.charts == () and briefing.demo
    assert [row[1:3] for row in briefing.not_reported.rows] == [("LS-D", "UBND huyện D")]
    assert briefing.summary == tuple(summary(facts(), "vi"))


def test_charts_need_the_trends_and_are_drawn_from_them() -> None:
    with pytest.raises(ValueError):
        briefing_charts(facts(), ("coverage",), "en")
    names = [chart.name for chart in briefing_charts(facts(trends=True), ("coverage",), "en")]
    assert names == ["trend_coverage", "compare_improvement_rate"]
