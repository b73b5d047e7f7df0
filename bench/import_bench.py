"""Import benchmark: `python -m ingest` on a national-scale file against DuckDB loading the same
file raw into a table, both as whole processes, side by side in one run; peak memory of each.

Usage: python bench/import_bench.py [ROWS ...]   (default: 100000 1000000)
Prints one line per size with the ratio import ÷ DuckDB raw (the goal is ≤ 1.5).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("cqcm_tinh", "ubnd_huyen", "dvsn_so", "phong_huyen", "dvsn_qlnn", "ubnd_xa")
HEADER = ("unit_code,unit_name,unit_type,year,iso_version,processes_total,processes_removed,processes_new,"
          "processes_amended,steps_before,steps_after,procedures_total,procedures_under_iso\n")


def write_file(path: Path, rows: int) -> None:
    """A deterministic national file: 50,000 units × years, one row per unit-year."""
    units = min(50_000, rows)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows):
            u, y = i % units, 2006 + i // units
            out.write(f"N{u:06d},Đơn vị quốc gia {u:06d},{TYPES[u % 6]},{y},2015,{40 + u % 50},"
                      f"{4 + u % 7},{10 + u % 11},{20 + u % 11},{30 + u % 9},{15 + u % 5},{60 + u % 40},{55 + u % 5}\n")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


RAW = """
import duckdb, sys
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?, header=true, delim=',', decimal_separator='.')",
            [sys.argv[1]])
con.close()
"""


def measure(rows: int, folder: Path) -> str:
    """One size: the floor (DuckDB raw) then our import, each in a fresh database."""
    csv = folder / f"national_{rows}.csv"
    write_file(csv, rows)
    raw_s, raw_mb = timed([sys.executable, "-c", RAW, str(csv), str(folder / f"raw_{rows}.duckdb")])
    ours_s, ours_mb = timed([sys.executable, "-m", "ingest", str(csv), "--db", str(folder / f"ours_{rows}.duckdb"),
                             "--who", "bench"])
    return (f"{rows:>9,} rows | DuckDB raw {raw_s:6.2f} s, {raw_mb:6.0f} MB | import {ours_s:6.2f} s, "
            f"{ours_mb:6.0f} MB | ratio {ours_s / raw_s:5.1f}×")


def main(sizes: list[int]) -> None:
    """Run every size and print the table."""
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            print(measure(rows, Path(tmp)), flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
