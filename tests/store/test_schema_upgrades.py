"""Databases written by each older schema version (tests/data/schemas, made by that version's own code) open,
migrate, keep every row and every figure, and leave a copy of themselves as they were beside them."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from store import Store
from store.backup import read_contents
from store.schema import LATEST
from tests.store.test_backup import fingerprint, table_columns

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
BY, SPAN = ["year", "unit_type"], (2015, 2019)


def unpacked(version: int, folder: Path) -> Path:
    """A private copy of the fixture of schema `version`."""
    db = folder / f"v{version}.duckdb"
    with gzip.open(SCHEMAS / f"v{version}.duckdb.gz", "rb") as packed, db.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    return db


def test_every_older_version_has_a_fixture() -> None:
    """A new migration needs the fixture of the version before it (tests/data/schemas/make_schemas.py)."""
    found = {int(p.name.split(".")[0][1:]) for p in SCHEMAS.glob("v*.duckdb.gz")}
    assert found == set(range(1, LATEST))


@pytest.mark.parametrize("version", range(1, LATEST))
def test_an_older_database_migrates_and_keeps_every_figure(version: int, tmp_path: Path) -> None:
    db = unpacked(version, tmp_path)
    assert read_contents(db).schema_version == version
    before, old_columns = fingerprint(db), table_columns(db)
    store = Store(db)
    counts, rounds = store.counts(BY, SPAN), store.rounds(BY, SPAN)
    assert read_contents(db).schema_version == LATEST
    assert fingerprint(db, old_columns) == before  # every row of every table the old version had, as it had it
    expected = json.loads((SCHEMAS / f"v{version}.figures.json").read_text(encoding="utf-8"))
    for name, frame in (("counts", counts), ("rounds", rounds)):
        rows = json.loads(frame.sort_values(BY).to_json(orient="records"))
        assert [{k: r[k] for k in old} for r, old in zip(rows, expected[name], strict=True)] == expected[name]
    kept = list(tmp_path.glob(f"v{version}.schema-v{version}-*.duckdb"))
    assert len(kept) == 1 and fingerprint(kept[0]) == before
    assert read_contents(kept[0]).schema_version == version


def test_a_database_at_the_latest_version_is_not_copied(demo_copy: Path) -> None:
    Store(demo_copy).units()
    assert [p.name for p in demo_copy.parent.glob("*.schema-v*")] == []
