"""The queries that answer a view whole in DuckDB give what the pages used to compute in pandas
from every unit-year, on the demo province and on a small national dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench.scale_data import build
from metrics import REGISTRY, evaluate, type_median
from store import Store
from store.counts import counts_sql
from store.reads import filter_params, frame

GRAINS: tuple[list[str], ...] = (["year"], ["year", "unit_type"], ["year", "unit_code"], ["unit_type"], ["unit_code"],
                                 ["admin_level"], [])


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("national") / "national.duckdb", 4000)


@pytest.fixture(params=["demo", "national"])
def db(request: pytest.FixtureRequest, demo_db: Path, national: Path) -> Path:
    return demo_db if request.param == "demo" else national


def _old_version_counts(store: Store, span: tuple[int, int], types: list[str], levels: list[str]) -> pd.DataFrame:
    rows = store.unit_years(years=list(range(span[0], span[1] + 1)))
    rows = rows[rows["unit_type"].isin(types)] if types else rows
    rows = rows[rows["admin_level"].isin(levels)] if levels else rows
    known = rows.dropna(subset=["iso_version"])
    grouped = known.groupby(["year", "iso_version"], as_index=False)["unit_code"].nunique()
    return grouped.rename(columns={"unit_code": "units"}).astype({"iso_version": "int64"})


@pytest.mark.parametrize(("types", "levels"), [([], []), (["ubnd_xa", "cqcm_tinh"], []), ([], ["huyen"])])
def test_version_counts_match_the_pandas_count(db: Path, types: list[str], levels: list[str]) -> None:
    store = Store(db)
    new = store.version_counts((2008, 2025), types, levels)
    pd.testing.assert_frame_equal(new, _old_version_counts(store, (2008, 2025), types, levels), check_dtype=False)


def test_continuity_breaks_are_the_unit_years_the_counts_flag(db: Path) -> None:
    store = Store(db)
    span = store.year_range() or (0, 0)
    per = store.counts(["year", "unit_code"], span)
    flagged = per[per["continuity_breaks"] > 0][["year", "unit_code"]].reset_index(drop=True)
    found = store.continuity_breaks(span)
    assert len(found) > 0
    pd.testing.assert_frame_equal(found[["year", "unit_code"]], flagged, check_dtype=False)
    figs = store.unit_years(list(found["unit_code"].unique()))
    prev = figs.assign(year=figs["year"] + 1).rename(columns={"processes_total": "prev_total"})
    merged = found.merge(prev[["unit_code", "year", "prev_total"]], on=["unit_code", "year"], suffixes=("", "_old"))
    assert (merged["prev_total"] == merged["prev_total_old"]).all()


@pytest.mark.parametrize("key", list(REGISTRY))
def test_type_median_matches_pandas_over_every_metric(db: Path, key: str) -> None:
    store, metric = Store(db), REGISTRY[key]
    span = store.year_range() or (0, 0)
    kind = "cqcm_tinh"
    per_unit = evaluate(store.counts(["year", "unit_code"], span, unit_types=[kind]), key)
    old = type_median(per_unit, ["value"], by=["year"])
    new = store.type_median(metric.numerator, metric.denominator, span, kind)
    pd.testing.assert_frame_equal(new, old, check_dtype=False)


@pytest.mark.parametrize("by", GRAINS)
def test_one_row_per_unit_shortcut_gives_the_general_counts(db: Path, by: list[str]) -> None:
    store = Store(db)
    span = (2017, 2017) if "year" not in by else (2006, 2025)
    params = filter_params(*span, unit_types=["ubnd_xa", "cqcm_tinh", "phong_huyen"])
    with store.db.connect() as con:
        fast, general = frame(con, counts_sql(by, True), params), frame(con, counts_sql(by, False), params)
    pd.testing.assert_frame_equal(fast, general, check_dtype=False)


def test_units_are_found_by_code_or_name_without_accents(demo_db: Path, national: Path) -> None:
    assert "LS-SNV" in set(Store(demo_db).find_units("so noi VU")["unit_code"])
    found = Store(national).find_units("p02-", 5)
    assert len(found) == 5 and found["unit_code"].str.startswith("P02-").all()
    assert Store(national).unit_count() == len(Store(national).units())
    assert list(Store(demo_db).units_by_code(["LS-SNV", "nope"])["unit_code"]) == ["LS-SNV"]


def test_first_breaks_are_the_head_of_all_the_breaks_with_their_number(tmp_path: Path) -> None:
    store = Store(build(tmp_path / "messy.duckdb", 2000, messy=True))
    every = store.continuity_breaks((2006, 2025))
    first, total = store.first_breaks((2006, 2025), 50)
    assert total == len(every) > 500  # most unit-years of the messy data break the rule
    pd.testing.assert_frame_equal(first, every.head(50))
    assert store.first_breaks((2006, 2006), 50)[1] == 0  # no year before the first to check against
