"""Import benchmark: `python -m ingest` on a national-scale file against DuckDB loading the same
file raw into a table, both as whole processes, side by side in one run; peak memory of each.

Usage: python bench/import_bench.py [ROWS ...]   (default: 100000 1000000; BENCH_RUNS=2 runs of each;
BENCH_SHAPES=easy,realistic by default — see bench/shapes.py)
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.shapes import SHAPES, csv_line, header, rows  # noqa: E402


def write_file(path: Path, count: int, shape: str = "easy") -> None:
    """A deterministic national file of one shape: 50,000 units × years, one row per unit-year."""
    with path.open("w", encoding="utf-8") as out:
        out.write(csv_line(header(shape)))
        out.writelines(csv_line(values) for values in rows(shape, count))


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


def measure(shape: str, count: int, folder: Path, run: int) -> tuple[float, float, str]:
    """One shape and size: the floor (DuckDB raw) then our import, each into a new database."""
    csv = folder / f"national_{shape}_{count}.csv"
    if not csv.exists():
        write_file(csv, count, shape)
        os.sync()  # the file's dirty pages would otherwise be flushed during the timed runs
    raw_s, raw_mb = timed([sys.executable, "-c", RAW, str(csv), str(folder / f"raw_{shape}_{count}_{run}.duckdb")])
    ours_s, ours_mb = timed([sys.executable, "-m", "ingest", str(csv), "--db",
                             str(folder / f"ours_{shape}_{count}_{run}.duckdb"), "--who", "bench"])
    return raw_s, ours_s, (f"{shape:>9} {count:>9,} rows | DuckDB raw {raw_s:6.2f} s, {raw_mb:6.0f} MB | "
                           f"import {ours_s:6.2f} s, {ours_mb:6.0f} MB | ratio {ours_s / raw_s:5.2f}×")


def summary(label: str, raw: list[float], ours: list[float]) -> str:
    """Medians and minimums of both sides over the runs, and their ratios."""
    raw_med, ours_med = statistics.median(raw), statistics.median(ours)
    return (f"{label} | {len(raw)} runs | median raw {raw_med:.2f} s, import {ours_med:.2f} s: "
            f"{ours_med / raw_med:.2f}× | minimum raw {min(raw):.2f} s, import {min(ours):.2f} s: "
            f"{min(ours) / min(raw):.2f}×")


def main(shapes: list[str], sizes: list[int], runs: int) -> None:
    """Run every shape and size `runs` times, alternating; one line per run, then a summary of each."""
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f}")
    times: dict[tuple[str, int], tuple[list[float], list[float]]] = {
        (shape, count): ([], []) for shape in shapes for count in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            for shape, count in times:
                raw_s, ours_s, line = measure(shape, count, Path(tmp), run)
                times[shape, count][0].append(raw_s)
                times[shape, count][1].append(ours_s)
                print(line, flush=True)
    for (shape, count), (raw, ours) in times.items():
        print(summary(f"{shape:>9} {count:>9,} rows", raw, ours))


if __name__ == "__main__":
    chosen = os.environ.get("BENCH_SHAPES", ",".join(SHAPES)).split(",")
    unknown = sorted(set(chosen) - set(SHAPES))
    if unknown:
        sys.exit(f"BENCH_SHAPES: unknown shape(s) {', '.join(unknown)}; choose from {', '.join(SHAPES)}")
    main(chosen, [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000], int(os.environ.get("BENCH_RUNS", "2")))
