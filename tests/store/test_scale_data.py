"""The benchmark's bulk path gives the same database as importing the same files one by one."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.scale_data import WHO, build, write_files
from common.errors import StoreError
from ingest.demo import import_registry
from ingest.run import import_file
from store import Store

pytestmark = pytest.mark.slow  # builds and imports a scale data set

TABLES = ("units", "unit_lineage", "unit_years", "inspections", "units_prior", "unit_lineage_prior",
          "unit_years_prior", "inspections_prior", "import_batches")


def _imported(folder: Path, db: Path) -> None:
    paths = write_files(folder, 2000)
    store = Store(db)
    import_registry(store, folder / "units.csv", folder / "lineage.csv", WHO, is_demo=False)
    for path in paths:
        assert import_file(store, path.read_bytes(), path.name, WHO).ok


def _differences(a: Path, b: Path, table: str) -> int:
    # imported_at is the clock; everything else, the content hashes included, must match.
    cols = "* EXCLUDE (imported_at)" if table == "import_batches" else "*"
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    one = f"SELECT {cols} FROM a.{table} EXCEPT ALL SELECT {cols} FROM b.{table}"
    other = f"SELECT {cols} FROM b.{table} EXCEPT ALL SELECT {cols} FROM a.{table}"
    found = con.execute(f"SELECT (SELECT count(*) FROM ({one})) + (SELECT count(*) FROM ({other}))").fetchone()
    con.close()
    return int(found[0]) if found else -1


def test_bulk_path_gives_the_tables_of_the_import_path(tmp_path: Path) -> None:
    _imported(tmp_path / "files", tmp_path / "import.duckdb")
    build(tmp_path / "bulk.duckdb", 2000)
    assert Store(tmp_path / "bulk.duckdb").unit_years()["year"].nunique() == 20
    assert {t: _differences(tmp_path / "import.duckdb", tmp_path / "bulk.duckdb", t) for t in TABLES} == dict.fromkeys(
        TABLES, 0)


def test_a_bulk_batch_can_be_undone_like_an_import(tmp_path: Path) -> None:
    db = build(tmp_path / "bulk.duckdb", 2000)
    store = Store(db)
    before = len(store.unit_years())
    store.undo(int(store.batches()["batch_id"].max()), "test")
    assert len(store.unit_years()) < before and 2025 not in set(store.unit_years()["year"])


def test_bulk_load_refuses_a_database_with_data(tmp_path: Path) -> None:
    db = build(tmp_path / "bulk.duckdb", 2000)
    with pytest.raises(StoreError):
        build(db, 2000)
