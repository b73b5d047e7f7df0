"""Import benchmark: `python -m ingest` on a national-scale file against DuckDB loading the same
file raw into a table, both as whole processes, side by side in one run; peak memory of each.

Usage: python bench/import_bench.py [ROWS ...]   (default: 100000 1000000; BENCH_RUNS=2 runs of each)
Prints one line per size and run with the ratio import ÷ DuckDB raw (the goal is ≤ 1.5), then per size the
medians and minimums over the runs and their ratios: on a shared machine a neighbour's work only ever adds time,
so the minimum of each side is its least disturbed run. Peak memory is each child's own maximum resident set
(os.wait4), not the running maximum over all children.
"""

from __future__ import annotations

import os
import statistics
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
    """Wall seconds and peak memory (MB) of one child process (its own rusage, not the children's maximum)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: accepted with nothing written is not an error here either
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return seconds, usage.ru_maxrss / 1024


RAW = """
import duckdb, sys
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?, header=true, delim=',', decimal_separator='.')",
            [sys.argv[1]])
con.close()
"""


def measure(rows: int, folder: Path, run: int) -> tuple[float, float, str]:
    """One size: the floor (DuckDB raw) then our import, each into a new database."""
    csv = folder / f"national_{rows}.csv"
    if not csv.exists():
        write_file(csv, rows)
        os.sync()  # the file's dirty pages would otherwise be flushed during the timed runs
    raw_s, raw_mb = timed([sys.executable, "-c", RAW, str(csv), str(folder / f"raw_{rows}_{run}.duckdb")])
    ours_s, ours_mb = timed([sys.executable, "-m", "ingest", str(csv), "--db",
                             str(folder / f"ours_{rows}_{run}.duckdb"), "--who", "bench"])
    return raw_s, ours_s, (f"{rows:>9,} rows | DuckDB raw {raw_s:6.2f} s, {raw_mb:6.0f} MB | import {ours_s:6.2f} s, "
                           f"{ours_mb:6.0f} MB | ratio {ours_s / raw_s:5.2f}×")


def summary(rows: int, raw: list[float], ours: list[float]) -> str:
    """Medians and minimums of both sides over the runs, and their ratios."""
    raw_med, ours_med = statistics.median(raw), statistics.median(ours)
    return (f"{rows:>9,} rows | {len(raw)} runs | median raw {raw_med:.2f} s, import {ours_med:.2f} s: "
            f"{ours_med / raw_med:.2f}× | minimum raw {min(raw):.2f} s, import {min(ours):.2f} s: "
            f"{min(ours) / min(raw):.2f}×")


def main(sizes: list[int], runs: int) -> None:
    """Run every size `runs` times, side by side; one line per run, then a summary per size."""
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f}")
    times: dict[int, tuple[list[float], list[float]]] = {rows: ([], []) for rows in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            for rows in sizes:
                raw_s, ours_s, line = measure(rows, Path(tmp), run)
                times[rows][0].append(raw_s)
                times[rows][1].append(ours_s)
                print(line, flush=True)
    for rows, (raw, ours) in times.items():
        print(summary(rows, raw, ours))


if __name__ == "__main__":
    repeat = int(os.environ.get("BENCH_RUNS", "2"))
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000], repeat)
