"""The child process that reads every file (issue 23): an abort, a crash, a limit or the clock in the child is a
message naming the format, and this process (standing in for the server) goes on reading the next file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

from common import settings
from common.errors import InputError
from ingest.reading.child import Limits, read_isolated
from ingest.reading.formats import FORMATS, sniff, upload_extensions
from ingest.reading.xlsx import Grid, read_book
from tests.data.xls_craft import compound, stream, table_sheet
from tests.unit.test_workbook_limits import sheet_inside_a_skipped_record

ROOT = Path(__file__).resolve().parents[2]
_CSV = b"unit_code,unit_name,year\nSNV,So Noi vu,2024\n"
_LIMITS = Limits(memory_mb=1024, cpu_seconds=30, timeout=60, output_mb=64)


def aborts(data: bytes) -> Grid:
    """A reader that dies as Rust's allocation failure does."""
    os.abort()


def sleeps(data: bytes) -> Grid:
    """A reader that never finishes."""
    time.sleep(3600)
    raise AssertionError


def spins(data: bytes) -> Grid:
    """A reader that holds the CPU."""
    while True:
        pass


def allocates(data: bytes) -> Grid:
    """A reader that asks for far more memory than the child may have."""
    return Grid([], 0, pa.table({"0": [b"x" * (2048 * 1024 * 1024)]}), 1, "")


def huge_output(data: bytes) -> Grid:
    """A reader whose table is larger than the output cap."""
    return Grid([], 0, pa.table({"0": ["x" * 1024] * 100_000}), 1, "S")


def unguarded(data: bytes) -> Grid:
    """The workbook reader without its guard: what a gap in a guard would let through."""
    return read_book(data, "xls")


def _refused(data: bytes, reader: object, limits: Limits = _LIMITS) -> InputError:
    with pytest.raises(InputError) as caught:
        read_isolated(data, limits, reader)  # type: ignore[arg-type]
    return caught.value


def _still_reads() -> None:
    grid, fmt = read_isolated(_CSV)
    assert fmt.name == "csv" and grid.body.column("0").to_pylist() == ["SNV"]


def test_a_child_that_aborts_is_a_message_naming_the_format() -> None:
    error = _refused(compound(stream([table_sheet()])), aborts)
    assert error.key == "reading.too_large"
    assert ".xls" in error.message("en") and "quá lớn khi mở" in error.message("vi")
    _still_reads()


def test_a_file_that_really_aborts_calamine_is_a_message() -> None:
    """Without its guard, calamine asks for a 137 GB grid and aborts; the child's address space contains it."""
    error = _refused(sheet_inside_a_skipped_record(), unguarded)
    assert error.key == "reading.too_large"
    assert "too large when opened" in error.message("en")
    _still_reads()


def test_the_clock_stops_a_child_that_never_finishes() -> None:
    error = _refused(_CSV, sleeps, Limits(1024, 30, 1, 64))
    assert error.key == "reading.too_slow"
    assert "CSV" in error.message("en")
    _still_reads()


def test_the_cpu_limit_stops_a_child_that_spins() -> None:
    error = _refused(_CSV, spins, Limits(1024, 2, 120, 64))
    assert error.key == "reading.too_slow"
    assert "more than 2 seconds" in error.message("en")  # the CPU limit, not the clock's 120


def test_the_memory_limit_stops_a_child_that_allocates_too_much() -> None:
    assert _refused(_CSV, allocates).key == "reading.too_large"


def test_the_output_cap_stops_a_table_too_large_to_hand_back() -> None:
    assert _refused(_CSV, huge_output, Limits(1024, 30, 60, 8)).key == "reading.too_large"


def test_the_table_comes_back_as_arrow_with_its_header_and_notes() -> None:
    data = "Báo cáo\n\nunit_code,unit_name,year\nSNV,Sở Nội vụ,2024\n".encode()
    grid, fmt = read_isolated(data)
    assert fmt.name == "csv" and grid.header == ["unit_code", "unit_name", "year"]
    assert grid.header_row == 3 and grid.first_row == 4 and grid.encoding == "utf-8"
    assert isinstance(grid.body, pa.Table) and grid.body.column("1").to_pylist() == ["Sở Nội vụ"]


def test_a_workbook_comes_back_whole_for_the_parent_to_find_its_header() -> None:
    grid, fmt = read_isolated(compound(stream([table_sheet()])))
    assert fmt.name == "xls" and grid.header == []
    assert grid.body.num_rows == 2 and grid.body.column("0").to_pylist() == ["unit_code", "SNV"]


def test_the_limits_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_READ_TIMEOUT", "7")
    monkeypatch.setenv("CCHC_READ_MEMORY_MB", "900")
    limits = Limits.from_settings()
    assert limits.timeout == 7 and limits.memory_mb == 900
    assert settings.CCHC_READ_CPU_SECONDS in settings.ALL and settings.CCHC_READ_OUTPUT_MB in settings.ALL


def test_one_list_of_formats_serves_the_reader_and_the_uploader() -> None:
    assert [f.name for f in FORMATS] == ["xls", "ods", "xlsx", "csv"]
    assert upload_extensions() == ["xls", "ods", "xlsx", "csv", "txt"]
    assert sniff(compound(stream([table_sheet()]))).name == "xls" and sniff(_CSV).name == "csv"


_MAIN = '''
print("main module run", flush=True)
from ingest.reading.child import read_isolated
if __name__ == "__main__":
    for _ in range(2):
        read_isolated(b"unit_code,unit_name,year\\nA,B,2024\\n")
'''


@pytest.mark.slow
@pytest.mark.parametrize("how", ["module", "script"])
def test_the_parents_main_module_is_not_run_again_in_each_child(tmp_path: Path, how: str) -> None:
    """multiprocessing re-runs the parent's main module in a child: for the server (`python -m ui.serve`), all
    of Streamlit per file read; for a script without a `__main__` guard, the script itself."""
    (tmp_path / "reading_main.py").write_text(_MAIN)
    args = ["-m", "reading_main"] if how == "module" else [str(tmp_path / "reading_main.py")]
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("main module run") == 1, done.stdout
