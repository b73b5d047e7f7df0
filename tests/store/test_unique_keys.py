"""The big tables without a primary key (schema v2): a v1 database migrates with its rows and
history, and every write transaction refuses to store a key twice, writing nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from common.errors import StoreError
from store import Store
from store.schema import LATEST, MIGRATIONS
from tests.store.test_batches import UNITS, committed, figures, meta


def _sql(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _primary_keys(path: Path) -> set[str]:
    rows = _sql(path, "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
    return {str(r[0]) for r in rows}


def _v1_database(path: Path) -> None:
    """A database as the v1 schema left it: two batches, the second changed a row the first created."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for sql in dict(MIGRATIONS)[1]:
        con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    for batch in (1, 2):
        con.execute(f"INSERT INTO import_batches VALUES ({batch}, 'f{batch}.csv', 'sha{batch}', 't', now(), "
                    "1, 1, 0, 0, 0, false, NULL, NULL)")
    con.execute("INSERT INTO units (unit_code, unit_name, unit_type, batch_id) VALUES "
                "('A', 'Sở A', 'cqcm_tinh', 1), ('B', 'UBND xã B', 'ubnd_xa', 1)")
    con.execute("INSERT INTO unit_years (unit_code, year, processes_total, batch_id) VALUES "
                "('A', 2017, 50, 2), ('A', 2018, 47, 1), ('B', 2017, 30, 1)")
    con.execute("INSERT INTO unit_years_prior (batch_id, existed, unit_code, year, processes_total, prior_batch) "
                "VALUES (2, true, 'A', 2017, 46, 1)")
    con.execute("INSERT INTO inspections VALUES ('A', 2017, 1, DATE '2017-06-01', true, NULL, 1)")
    con.close()


def test_a_v1_database_migrates_with_its_rows_and_history(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _v1_database(path)
    assert {"unit_years", "inspections", "units"} <= _primary_keys(path)
    store = Store(path)
    figures_before = store.unit_years()
    assert _sql(path, "SELECT max(version) FROM schema_version") == [(LATEST,)]
    assert _primary_keys(path) & {"unit_years", "inspections"} == set()
    assert {"units", "unit_lineage", "import_batches"} <= _primary_keys(path)
    indexes = {str(r[0]) for r in _sql(path, "SELECT index_name FROM duckdb_indexes()")}
    assert not {"unit_years_year", "inspections_year"} & indexes  # never read by DuckDB, only paid for
    assert figures_before[["unit_code", "year", "processes_total", "batch_id"]].values.tolist() == [
        ["A", 2017, 50, 2], ["A", 2018, 47, 1], ["B", 2017, 30, 1]]
    assert len(store.inspections()) == 1 and len(store.batches()) == 2
    with pytest.raises(duckdb.ConstraintException):  # the CHECK constraints came along
        _sql(path, "INSERT INTO unit_years (unit_code, year, processes_total, batch_id) VALUES ('C', 2017, -1, 3)")
    store.undo(2, "t")
    assert store.unit_years(years=[2017])["processes_total"].tolist() == [46, 30]
    third, found = store.commit({"unit_years": figures(52)}, meta("c.csv"))
    assert third == 3 and found.changed == 1
    store.undo(third, "t")
    store.undo(1, "t")
    assert store.unit_years().empty and store.units().empty and store.inspections().empty


def test_a_new_database_has_the_same_shape(empty_store: Store) -> None:
    empty_store.unit_count()
    # The inspection plans (v4) are a few hundred rows a year: their keys cost nothing.
    assert _primary_keys(empty_store.path) == {"import_batches", "units", "unit_lineage", "column_mappings",
                                               "inspection_plans", "inspection_plan_units"}


def test_a_key_twice_among_new_rows_writes_nothing(empty_store: Store) -> None:
    twice = pd.concat([figures(46), figures(47).assign(source_row=[3])])
    with pytest.raises(StoreError) as caught:
        empty_store.commit({"units": UNITS, "unit_years": twice}, meta())
    assert caught.value.key == "store.duplicate_key" and "A · 2017" in caught.value.message("en")
    assert empty_store.units().empty and empty_store.unit_years().empty and empty_store.batches().empty


def test_a_key_twice_among_changed_rows_writes_nothing(empty_store: Store) -> None:
    empty_store.commit({"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    before = empty_store.unit_years()
    twice = pd.concat([figures(50), figures(51).assign(source_row=[3])])
    with pytest.raises(StoreError, match="unit_years"):
        empty_store.commit({"unit_years": twice}, meta("b.csv"))
    pd.testing.assert_frame_equal(empty_store.unit_years(), before)
    assert len(empty_store.batches()) == 1


def test_undo_that_would_put_a_row_back_twice_writes_nothing(empty_store: Store) -> None:
    empty_store.commit({"units": UNITS, "unit_years": figures(46)}, meta("a.csv"))
    second = committed(empty_store, {"unit_years": figures(50)}, meta("b.csv"))
    _sql(empty_store.path, "INSERT INTO unit_years_prior SELECT * FROM unit_years_prior")  # a damaged history
    with pytest.raises(StoreError, match="twice"):
        empty_store.undo(second, "t")
    assert empty_store.unit_years()["processes_total"].tolist() == [50]
    assert empty_store.batches()["undone_at"].isna().all()


def test_bulk_load_of_one_key_in_two_files_writes_nothing(empty_store: Store) -> None:
    files = [(meta("a.csv"), {"units": UNITS, "unit_years": figures(46)}), (meta("b.csv"), {"unit_years": figures(50)})]
    with pytest.raises(StoreError, match="A · 2017"):
        empty_store.bulk_load(files)
    assert empty_store.units().empty and empty_store.batches().empty



@pytest.mark.parametrize("shape", ["units without file rows", "figures and the units they create",
                                   "rounds sharing their unit-year's row", "nothing"])
def test_the_all_new_count_is_the_general_count_when_every_row_is_new(shape: str) -> None:
    """batches._all_new_sql (used when every staged row is new) against _tally_sql, on the same views."""
    from store.batches import _all_new_sql, _tally_sql
    from store.schema import INSPECTIONS, UNIT_YEARS
    from store.schema import UNITS as UNITS_SPEC

    rows = {
        "units without file rows": {"units": "SELECT * FROM (VALUES (NULL::INTEGER), (NULL)) t(source_row)"},
        "figures and the units they create": {
            "units": "SELECT NULL::INTEGER AS source_row FROM range(3)",
            "unit_years": "SELECT (2 + i % 5)::INTEGER AS source_row FROM range(7) t(i)"},
        "rounds sharing their unit-year's row": {
            "unit_years": "SELECT * FROM (VALUES (2), (3)) t(source_row)",
            "inspections": "SELECT * FROM (VALUES (2), (3), (4)) t(source_row)"},
        "nothing": {"unit_years": "SELECT 1::INTEGER AS source_row WHERE false"},
    }[shape]
    specs = [s for s in (UNITS_SPEC, UNIT_YEARS, INSPECTIONS) if s.name in rows]
    con = duckdb.connect()
    for spec in specs:
        view = f"SELECT source_row, 'new' AS status FROM ({rows[spec.name]})"
        con.execute(f"CREATE TEMP VIEW status_{spec.name} AS {view}")
    general = con.execute(_tally_sql(specs)).fetchall()
    assert con.execute(_all_new_sql(specs)).fetchall() == general
    assert general[0][1:] == (0, 0)


def test_a_key_twice_is_named_after_the_hash_count_finds_fewer_keys_than_rows() -> None:
    from store.schema import UNIT_YEARS
    from store.unique import require_unique

    con = duckdb.connect()
    con.execute("CREATE TABLE r AS SELECT * FROM (VALUES ('A', 2017), ('B', 2017), ('A', 2017)) t(unit_code, year)")
    with pytest.raises(StoreError) as raised:
        require_unique(con, UNIT_YEARS, "SELECT * FROM r")
    assert "A · 2017" in raised.value.message("en")
    require_unique(con, UNIT_YEARS, "SELECT * FROM r WHERE unit_code = 'B'")  # one row: nothing to refuse
