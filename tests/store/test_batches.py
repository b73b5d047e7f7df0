"""Commit, re-import, undo and migrations against real DuckDB files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pytest

from common.errors import StoreError, UndoError
from store import BatchMeta, Incoming, Store
from store.schema import LATEST

UNITS = pd.DataFrame({
    "unit_code": ["A", "B"], "unit_name": ["Sở A", "UBND xã B"], "short_name": [None, None],
    "unit_type": ["cqcm_tinh", "ubnd_xa"], "admin_level": ["tinh", "xa"], "parent_code": [None, None],
    "valid_from": [None, None], "valid_to": [None, None], "source_row": [2, 3],
})


def figures(total: int = 46, year: int = 2017) -> pd.DataFrame:
    return pd.DataFrame({
        "unit_code": ["A"], "year": [year], "iso_version": [2008], "processes_total": [total],
        "processes_removed": [8], "processes_new": [10], "processes_amended": [25],
        "steps_before": [34], "steps_after": [16], "procedures_total": [62], "procedures_under_iso": [61],
        "source_row": [2],
    })


def meta(name: str = "f.csv") -> BatchMeta:
    return BatchMeta(name, "sha-" + name, "tester", 1)


def committed(store: Store, tables: Mapping[str, Incoming], about: BatchMeta) -> int:
    """Commit rows that change something; the new batch's id."""
    found, _ = store.commit(tables, about)
    assert found is not None, "nothing changed: no batch written"
    return found


def test_new_database_is_migrated_to_the_latest_schema(empty_store: Store) -> None:
    assert empty_store.units().empty
    assert empty_store.batches().empty
    assert empty_store.year_range() is None
    import duckdb  # the test may look inside the file

    con = duckdb.connect(str(empty_store.path))
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (LATEST,)
    con.close()


def test_a_newer_schema_is_refused_with_a_message(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "future.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (99, now())")
    con.close()
    with pytest.raises(StoreError) as caught:
        Store(path).units()
    assert "99" in caught.value.message("en")


def test_a_file_that_is_not_a_database_gets_a_message(tmp_path: Path) -> None:
    path = tmp_path / "not.duckdb"
    path.write_text("hello, not a database")
    with pytest.raises(StoreError) as caught:
        Store(path).units()
    assert "not.duckdb" in caught.value.message("vi")


def test_commit_then_the_same_rows_again_writes_nothing(empty_store: Store) -> None:
    first, found = empty_store.commit({"units": UNITS, "unit_years": figures()}, meta())
    assert first == 1 and found.new == 2 and found.units_created == 2
    again, found = empty_store.commit({"units": UNITS, "unit_years": figures()}, meta())
    assert again is None and found.unchanged == 2 and found.new == 0
    assert len(empty_store.batches()) == 1
    assert len(empty_store.unit_years()) == 1


def test_preview_lists_each_changed_cell_and_writes_nothing(empty_store: Store) -> None:
    empty_store.commit({"units": UNITS, "unit_years": figures(46)}, meta())
    found = empty_store.preview({"unit_years": figures(47)})
    assert (found.new, found.changed, found.unchanged) == (0, 1, 0)
    cell = found.cells.iloc[0]
    assert (cell["column"], cell["old"], cell["new"]) == ("processes_total", "46", "47")
    assert int(empty_store.unit_years()["processes_total"].iloc[0]) == 46


def test_undo_restores_exactly_what_was_there(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    before = empty_store.unit_years()
    second = committed(empty_store, {"unit_years": figures(50)}, meta("b.csv"))
    empty_store.undo(second, "tester")
    pd.testing.assert_frame_equal(empty_store.unit_years(), before)
    empty_store.undo(first, "tester")
    assert empty_store.unit_years().empty and empty_store.units().empty
    history = empty_store.batches()
    assert history["undone_by"].tolist() == ["tester", "tester"]


def test_undo_is_refused_while_a_later_batch_wrote_the_same_rows(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    second = committed(empty_store, {"unit_years": figures(50)}, meta("b.csv"))
    with pytest.raises(UndoError) as caught:
        empty_store.undo(first, "tester")
    assert f"#{second}" in caught.value.message("vi")
    assert int(empty_store.unit_years()["processes_total"].iloc[0]) == 50


def test_undo_twice_or_of_an_unknown_batch_says_so(empty_store: Store) -> None:
    first = committed(empty_store, {"units": UNITS}, meta())
    empty_store.undo(first, "t")
    with pytest.raises(UndoError, match="already"):
        empty_store.undo(first, "t")
    with pytest.raises(UndoError, match="no import"):
        empty_store.undo(99, "t")


def test_a_failed_commit_leaves_nothing_behind(empty_store: Store) -> None:
    broken = figures().assign(procedures_under_iso=[99])  # more than procedures_total: a CHECK fails
    with pytest.raises(Exception):  # noqa: B017 - the store's own CHECK constraint, whatever DuckDB calls it
        empty_store.commit({"units": UNITS, "unit_years": broken}, meta())
    assert empty_store.units().empty and empty_store.batches().empty


def test_last_years_stored_totals_feed_the_next_imports_warnings(empty_store: Store) -> None:
    from ingest.run import import_file

    head = "unit_code,unit_name,unit_type,year,processes_total,processes_removed,processes_new\n"
    first = import_file(empty_store, (head + "A1,Sở A,cqcm_tinh,2016,40,0,0\n").encode(), "2016.csv", "t")
    assert first.ok and first.batch == 1
    # 40 − 4 + 10 = 46, not 50; and the year is written "2.017" (Vietnamese thousands), read as 2017 all the same
    second = import_file(empty_store, (head + "A1,,,2.017,50,4,10\n").encode(), "2017.csv", "t")
    assert second.ok and [(p.row, p.column, p.key) for p in second.warnings] == [
        (2, "processes_total", "ingest.continuity_break")]
    assert second.warnings[0].params["last_total"] == 40


def test_a_column_the_rows_do_not_have_keeps_what_is_stored(empty_store: Store) -> None:
    """A file with only some figure columns says nothing of the others: they are neither blanked nor
    counted as changes; undo still puts back exactly what was there."""
    empty_store.commit({"units": UNITS, "unit_years": figures(46)}, meta())
    partial = figures()[["unit_code", "year", "processes_amended", "source_row"]].assign(processes_amended=30)
    found = empty_store.preview({"unit_years": partial})
    assert (found.new, found.changed, found.unchanged) == (0, 1, 0)
    assert found.cells[["column", "old", "new"]].values.tolist() == [["processes_amended", "25", "30"]]
    batch = committed(empty_store, {"unit_years": partial}, meta("partial.csv"))
    row = empty_store.unit_years().iloc[0]
    assert (row["processes_amended"], row["processes_total"], row["procedures_total"]) == (30, 46, 62)
    again, found = empty_store.commit({"unit_years": partial}, meta("partial.csv"))
    assert again is None and found.unchanged == 1
    assert batch is not None
    empty_store.undo(batch, "tester")
    assert empty_store.unit_years().iloc[0]["processes_amended"] == 25


def test_a_new_row_without_some_columns_has_them_blank(empty_store: Store) -> None:
    empty_store.commit({"units": UNITS}, meta("units.csv"))
    partial = figures(year=2018)[["unit_code", "year", "processes_total", "source_row"]]
    empty_store.commit({"unit_years": partial}, meta("partial.csv"))
    row = empty_store.unit_years().iloc[0]
    assert row["processes_total"] == 46 and pd.isna(row["procedures_total"]) and pd.isna(row["iso_version"])


def test_rows_without_a_key_column_are_refused(empty_store: Store) -> None:
    with pytest.raises(ValueError):
        empty_store.preview({"unit_years": figures().drop(columns=["year"])})


def test_a_file_with_one_figure_column_changes_that_figure_only(demo_copy: Path) -> None:
    from ingest.run import import_file

    store = Store(demo_copy)
    before = store.unit_years(["LS-H-TPLS"]).set_index("year").loc[2017]
    text = f"Mã đơn vị,Năm,Số quy trình sửa đổi\nLS-H-TPLS,2017,{int(before['processes_amended']) + 3}\n"
    report = import_file(store, text.encode(), "sua_doi.csv", "tester")
    assert report.ok and (report.new, report.changed, report.unchanged) == (0, 1, 0)
    assert report.diff is not None and report.diff.cells["column"].tolist() == ["processes_amended"]
    after = store.unit_years(["LS-H-TPLS"]).set_index("year").loc[2017]
    assert after["processes_amended"] == before["processes_amended"] + 3
    unchanged = [c for c in before.index if c not in ("processes_amended", "batch_id")]
    assert after[unchanged].equals(before[unchanged])
