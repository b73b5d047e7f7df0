"""A bad day at the command line: the database busy in another process's write lock, damaged, in a folder
that cannot be written, a setting that is not a number. Each ends in a message in the user's language with
exit code 2, never a traceback, and nothing is written."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.errors import StoreError
from store import Store
from store.connection import translated

ROOT = Path(__file__).resolve().parents[2]
DEMO_2017 = ROOT / "data" / "demo" / "bao_cao_2017.csv"
ONE_ROW = "unit_name,unit_type,year,iso_version,processes_total\nĐơn vị thử,ubnd_xa,2026,2015,30\n"

# Holds DuckDB's own write lock on the file (as a running import does) until its stdin closes.
HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
print("holding", flush=True)
sys.stdin.read()
"""


def _cli(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ingest", *args, "--db", str(db), "--lang", "en"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **env})


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_write_while_another_process_holds_the_lock_says_busy_and_writes_nothing(demo_copy: Path,
                                                                                  tmp_path: Path) -> None:
    before = len(Store(demo_copy).batches())
    (tmp_path / "one.csv").write_text(ONE_ROW, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"  # wait on state
        done = _cli(str(tmp_path / "one.csv"), db=demo_copy, CCHC_LOCK_TIMEOUT="1")
        undo = _cli("--undo", "1", db=demo_copy, CCHC_LOCK_TIMEOUT="1")
    finally:
        holder.communicate("", timeout=60)
    for run in (done, undo):
        assert run.returncode == 2 and "is busy" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert len(Store(demo_copy).batches()) == before
    assert Store(demo_copy).unit_years(years=[2026]).empty


@pytest.mark.slow
@pytest.mark.parametrize("cut", ["half", "junk"])
def test_a_damaged_database_is_reported_and_left_as_it_is(demo_db: Path, tmp_path: Path, cut: str) -> None:
    db = tmp_path / "damaged.duckdb"
    data = demo_db.read_bytes()
    db.write_bytes(data[: len(data) // 2] if cut == "half" else b"not a database" * 100)
    before = _digest(db)
    for args in (("--history",), (str(DEMO_2017),), ("--undo", "1")):
        run = _cli(*args, db=db)
        assert run.returncode == 2 and "damaged" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert _digest(db) == before


@pytest.mark.slow
def test_a_lock_timeout_that_is_not_a_number_is_named(demo_db: Path) -> None:
    run = _cli("--history", db=demo_db, CCHC_LOCK_TIMEOUT="abc")
    assert run.returncode == 2 and "CCHC_LOCK_TIMEOUT" in run.stderr and "“abc”" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture
def read_only_folder(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo database in a folder nobody may add files to (chattr +i: root ignores modes)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(demo_db, folder / "demo.duckdb")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not permitted here")
    try:
        yield folder / "demo.duckdb"
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.slow
def test_undo_in_a_read_only_folder_says_so_and_writes_nothing(read_only_folder: Path) -> None:
    before = _digest(read_only_folder)
    run = _cli("--undo", "1", db=read_only_folder)
    assert run.returncode == 2 and "cannot be written" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert _digest(read_only_folder) == before


@pytest.mark.parametrize(("fault", "key"), [
    (OSError(28, "No space left on device"), "store.disk_full"),
    (PermissionError(13, "Permission denied"), "store.read_only"),
    (OSError(30, "Read-only file system"), "store.read_only"),
    (RuntimeError("something else"), "store.failed"),
])
def test_faults_are_named_for_a_person(fault: Exception, key: str, tmp_path: Path) -> None:
    error = translated(fault, tmp_path / "x.duckdb")
    assert isinstance(error, StoreError) and error.key == key
    assert error.message("vi") and error.message("en")
