"""A CSV's shape is bounded before anything is built per cell; a command line never reads a device."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from common.errors import InputError
from ingest.reading.table import read_table
from tests.child import read_in_child

ROOT = Path(__file__).resolve().parents[2]
HEAD = "unit_code,unit_name,year\nSNV,Sở Nội vụ,2017"

def _child(tmp_path: Path, data: bytes) -> tuple[str, int]:
    """How a fresh process reading the file ends, and its own peak memory in MB."""
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    return read_in_child(path, "hostile.csv")


@pytest.mark.slow
def test_a_data_row_followed_by_a_million_empty_cells_is_refused_cheaply(tmp_path: Path) -> None:
    data = (HEAD + "," * 1_000_000 + "\n").encode()  # 1 MB: it cost 1.4 GB and 19 s
    key, peak = _child(tmp_path, data)
    assert key == "ingest.too_many_columns" and peak < 300


@pytest.mark.slow
def test_a_million_cells_spread_over_quoted_line_breaks_are_counted_as_one_record(tmp_path: Path) -> None:
    data = (HEAD + '\n' + '"a\n",' * 300_000 + "\n").encode()  # one record over 300,000 lines
    key, peak = _child(tmp_path, data)
    assert key == "ingest.too_many_columns" and peak < 300


@pytest.mark.slow
def test_a_table_of_too_many_cells_is_refused_before_they_are_built(tmp_path: Path) -> None:
    data = (HEAD + "\n").encode() + (b"," * 199 + b"\n") * 200_000  # 40 MB, 40 million cells
    key, peak = _child(tmp_path, data)
    assert key == "ingest.too_many_table_cells" and peak < 600
    with pytest.raises(InputError) as caught:
        read_table(data, "big.csv")
    assert "30000000" in caught.value.message("en").replace(",", "").replace(".", "")


def test_blank_lines_and_ragged_rows_are_still_read() -> None:
    raw = read_table((HEAD + "\n\n,,\nSTC,Sở Tài chính,2018,x\n").encode("cp1258", errors="ignore"), "ok.csv")
    assert raw.frame["unit_code"].to_pylist()[-1] == "STC"


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_on_the_command_line_is_refused_at_once(path: str) -> None:
    env = {**os.environ, "CCHC_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "ingest", path, "--dry-run"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)
    assert done.returncode == 2 and "is not a regular file" in done.stderr
    assert not re.search(r"Traceback", done.stderr)
