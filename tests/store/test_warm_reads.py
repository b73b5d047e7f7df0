"""The server's reads share one long-lived connection per process (store.warm), which lets go of the file when
another process asks for it, even while this process reads nothing, and opens anew when the file was replaced.
A store that is not the server's (the command lines') opens and closes the file for every read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from store import Store
from store.schema import LATEST
from store.warm import is_wanted, wanted_path

ROOT = Path(__file__).resolve().parents[2]


def _csv(path: Path, rows: int) -> Path:
    lines = ["unit_name,unit_type,year,iso_version,processes_total,procedures_total,procedures_under_iso"]
    lines += [f"Đơn vị ấm {i:04d},ubnd_xa,2026,2015,{30 + i},{90 + i},{80 + i % 10}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_share_one_connection_and_see_this_process_writes(demo_copy: Path) -> None:
    store = Store(demo_copy, warm=True)
    before = store.counts(["year"], (2017, 2017))
    for _ in range(5):
        store.units()
        store.year_range()
    assert store.db.reads().opened == 1 and store.db.reads().is_open
    store.save_mapping("k", ["a"], {"a": "unit_name"}, "test")  # a write in this process, its own connection
    assert store.saved_mapping("k") == {"a": "unit_name"}
    assert store.db.reads().opened == 1
    assert store.counts(["year"], (2017, 2017)).equals(before)


def test_a_stale_request_file_does_not_hold_reads_back(demo_copy: Path) -> None:
    store = Store(demo_copy, timeout=5, warm=True)
    wanted = wanted_path(demo_copy)
    wanted.touch()
    old = time.time() - 60
    os.utime(wanted, (old, old))  # left by a process killed while it waited
    assert not is_wanted(demo_copy)
    assert store.year_range() is not None and store.db.reads().is_open


def test_a_replaced_file_is_opened_anew(demo_copy: Path, tmp_path: Path) -> None:
    store = Store(demo_copy, warm=True)
    assert not store.units().empty
    empty = tmp_path / "empty.duckdb"
    Store(empty).units()
    shutil.copy(empty, tmp_path / "swap.duckdb")
    os.replace(tmp_path / "swap.duckdb", demo_copy)  # what putting a backup back does, from outside
    assert store.units().empty
    assert store.db.reads().opened == 2


@pytest.mark.slow
def test_another_process_gets_in_while_this_one_holds_the_file_and_reads_nothing(demo_copy: Path,
                                                                                  tmp_path: Path) -> None:
    store = Store(demo_copy, warm=True)
    assert store.unit_years(years=[2026]).empty and store.db.reads().is_open
    done = subprocess.run([sys.executable, "-m", "ingest", str(_csv(tmp_path / "f.csv", 7)), "--db",
                           str(demo_copy)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CCHC_LOCK_TIMEOUT": "30"})
    assert done.returncode == 0, done.stderr
    assert not wanted_path(demo_copy).exists()  # the import removed its request once it was in
    assert len(store.unit_years(years=[2026])) == 7  # the shared connection opened anew, on the new data
    assert store.db.reads().opened == 2


PROBE = """
import sys, duckdb
try:
    duckdb.connect(sys.argv[1]).close()
    print("opened")
except duckdb.IOException:
    print("locked")
"""


@pytest.mark.slow
def test_after_migrating_a_copied_file_this_process_still_keeps_others_out(tmp_path: Path) -> None:
    from tests.store.test_schema_upgrades import unpacked

    db = unpacked(LATEST - 1, tmp_path)
    store = Store(db, warm=True)
    assert not store.units().empty and store.db.reads().is_open  # migrated, the older file copied first
    probe = subprocess.run([sys.executable, "-c", PROBE, str(db)], capture_output=True, text=True, timeout=120)
    assert probe.stdout.strip() == "locked"  # another open beside this one would lose writes


@pytest.mark.slow
def test_a_command_line_store_holds_nothing_between_reads(demo_copy: Path) -> None:
    store = Store(demo_copy)  # as the command lines make it
    assert not store.units().empty and store.year_range() is not None
    assert not store.db.reads().is_open and store.db.reads().opened == 0
    probe = subprocess.run([sys.executable, "-c", PROBE, str(demo_copy)], capture_output=True, text=True,
                           timeout=120)
    assert probe.stdout.strip() == "opened"  # no request file needed: the file is free right after each read


def test_a_read_inside_the_old_file_finishes_before_the_replaced_file_is_let_go(demo_copy: Path,
                                                                                 tmp_path: Path) -> None:
    """Closing the shared connection closes its cursors: a read that began before a backup was put back must
    end on the old file, and the read after it waits for that, then opens the new one."""
    store = Store(demo_copy, warm=True)
    empty = tmp_path / "empty.duckdb"
    Store(empty).units()
    found: list[int] = []
    with store.db.reading() as inside:
        shutil.copy(empty, tmp_path / "swap.duckdb")
        os.replace(tmp_path / "swap.duckdb", demo_copy)
        later = threading.Thread(target=lambda: found.append(len(store.units())))
        later.start()
        for _ in range(200):  # the read already inside goes on, on the old file, while the later one waits
            assert inside.execute("SELECT count(*) FROM units").fetchall()[0][0] > 0
    later.join(timeout=120)
    assert found == [0] and store.db.reads().opened == 2
