"""The continuity rule has two forms, SQL (store.counts.CHECKABLE/BREAK, read by the counts and the
completeness page) and Arrow (ingest.checking.rules.continuity, the import's warning): on every file of the
test corpus they must find the same unit-years."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ingest.checking.check import Checked
from store import Store
from store.batches import BatchMeta
from tests.unit.test_read_corpus import EXPECTED, known_units, run

WITH_FIGURES = sorted(n for n, e in EXPECTED.items() if "raises" not in e)


def _arrow_breaks(checked: Checked) -> set[tuple[str, int]]:
    years = checked.unit_years
    assert years is not None
    rows = {p.row for p in checked.problems if p.key == "ingest.continuity_break"}
    found = years.to_pandas()
    found = found[found["source_row"].isin(rows)]
    return {(str(c), int(y)) for c, y in zip(found["unit_code"], found["year"], strict=True)}


def _sql_breaks(checked: Checked, path: Path) -> set[tuple[str, int]]:
    assert checked.unit_years is not None
    store = Store(path)
    units = pd.concat([known_units().to_pandas(), checked.units_new.to_pandas()], ignore_index=True)
    years = checked.unit_years.to_pandas()
    store.commit({"units": units.assign(source_row=range(2, len(units) + 2)), "unit_years": years},
                 BatchMeta("corpus.csv", "sha", "test", len(years)))
    span = store.year_range()
    assert span is not None
    found = store.continuity_breaks(span)
    return {(str(c), int(y)) for c, y in zip(found["unit_code"], found["year"], strict=True)}


@pytest.mark.parametrize("name", WITH_FIGURES)
def test_the_sql_and_arrow_forms_find_the_same_breaks(name: str, tmp_path: Path) -> None:
    checked = run(name)
    if checked.errors or checked.unit_years is None or checked.unit_years.num_rows == 0:
        pytest.skip("nothing a store would hold")
    assert _sql_breaks(checked, tmp_path / "c.duckdb") == _arrow_breaks(checked)


def test_the_corpus_holds_breaks_to_compare() -> None:
    assert any(_arrow_breaks(run(n)) for n in WITH_FIGURES if not run(n).errors and run(n).unit_years is not None)


def test_each_break_says_by_how_much_it_is_off(demo_db: Path) -> None:
    """The gap is this year's total against last year − removed + new, computed once, in the store's SQL."""
    found = Store(demo_db).continuity_breaks((2006, 2025))
    assert len(found) > 0
    expected = found["processes_total"] - (found["prev_total"] - found["processes_removed"] + found["processes_new"])
    assert (found["gap"] == expected).all() and (found["gap"] != 0).all()
    assert list(found.columns).index("gap") == list(found.columns).index("unit_name") - 1
