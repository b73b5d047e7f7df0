"""The check that keeps a journey file's shared server honest: a test on it that writes to the database fails.
No browser and no server: the check looks at the database file itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.run import import_file
from store import Store
from tests.data.make_corpus import _cp1258
from tests.e2e.conftest import unchanged
from tests.e2e.test_import_e2e import CORRECTION


def test_reading_leaves_the_shared_database_unchanged(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    shutil.copy(demo_db, db)
    with unchanged(db):
        store = Store(db)
        assert store.batch_written(20) is not None
        assert not store.continuity_breaks((2006, 2025)).empty


def test_a_write_to_the_shared_database_fails_the_test(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    shutil.copy(demo_db, db)
    with pytest.raises(AssertionError, match="own_server"), unchanged(db):
        report = import_file(Store(db), _cp1258(CORRECTION), "dinh_chinh.csv", "test")
        assert report.ok, report.as_json("en")
