"""Values that look like SQL are data: stored and read back as written, never run. Queries take
values as parameters; only names declared in the code (tables, columns, grains) are put in SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.run import import_file
from store import Store

EVIL_CODE = "X'); DROP TABLE units; --"
EVIL_NAME = "Sở \"Nội vụ\"'; DELETE FROM unit_years WHERE '1'='1"
EVIL_NOTE = "=HYPERLINK(\"http://x\",\"y\") ' OR 1=1 --"


def test_sql_looking_values_are_stored_as_written(demo_copy: Path) -> None:
    store = Store(demo_copy)
    before = len(store.unit_years())
    head = "unit_code,unit_name,unit_type,year,processes_total,procedures_total,procedures_under_iso,note\n"
    row = (f'"{EVIL_CODE}","{EVIL_NAME.replace(chr(34), chr(34) * 2)}",cqcm_tinh,2017,40,60,50,'
           f'"{EVIL_NOTE.replace(chr(34), chr(34) * 2)}"\n')
    report = import_file(store, (head + row).encode(), "evil.csv", "test")
    assert report.ok, report.as_json("en")
    units = store.units().set_index("unit_code")
    assert units.loc[EVIL_CODE, "unit_name"] == EVIL_NAME
    assert len(store.unit_years()) == before + 1  # nothing deleted, one row added
    rows = store.unit_years([EVIL_CODE], [2017])
    assert rows["processes_total"].tolist() == [40]
    counted = store.counts(["unit_code"], (2017, 2017), unit_codes=[EVIL_CODE])
    assert counted["unit_code"].tolist() == [EVIL_CODE]


def test_a_grain_not_declared_in_the_code_is_refused(demo_db: Path) -> None:
    with pytest.raises(ValueError, match="unknown grain"):
        Store(demo_db).counts(["year; DROP TABLE units"], (2017, 2017))
