"""XLSX benchmark: our read + check of a 100,000-row workbook against fastexcel's read of the same file into
Arrow (the floor, issue 26) and python-calamine's raw read into Python cells, in the same run; also the whole
`python -m ingest` import of it.

Usage: python bench/xlsx_bench.py [ROWS] [REPEATS]   (default: 100000 3; BENCH_SHAPES=easy,realistic by default,
see bench/shapes.py)

How it is measured: each timing runs in its own fresh Python process, which imports what it needs
first and then times only the work (in-process timing, the same for both sides), so start-up and
imports count for neither. fastexcel's read is `fastexcel.read_excel(path).load_sheet(0, header_row=None,
dtypes="string").to_arrow()`; the raw read is `CalamineWorkbook.from_path(...).get_sheet_by_index(0).to_python()`;
ours is `ingest.reading.table.read_table` + `ingest.checking.check.check` against an empty registry: the guard,
the child process that reads the file (its start included: the forkserver is started before the timing, as a
server has it running) and the checks. The three alternate, REPEATS times each; medians are compared (the goal is
≤ 2× fastexcel's read: issue 26's decision).
The whole import (`python -m ingest FILE --db NEW`, start-up and imports included) is timed as a
whole process, with its peak memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_bench import timed  # noqa: E402
from bench.shapes import SHAPES, header, rows  # noqa: E402

RAW = """
import json, sys, time
import python_calamine
start = time.perf_counter()
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows)}))
"""

FASTEXCEL = """
import json, sys, time
import fastexcel, pyarrow
start = time.perf_counter()
table = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None, dtypes="string").to_arrow()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": table.num_rows}))
"""

OURS = """
import json, sys, time
import pandas  # noqa: F401  pyarrow imports it at its first conversion: an import, so outside the timing
import pyarrow as pa
from ingest.checking.check import check
from ingest.checking.match import UNIT_COLUMNS
from ingest.reading.child import read_isolated
from ingest.reading.table import read_table
read_isolated(b"unit_code,unit_name,year\\nA,B,2024\\n")  # the forkserver starts once per server process
units = pa.table({c: pa.array([], pa.string()) for c in UNIT_COLUMNS})
prior = pa.table({"unit_code": pa.array([], pa.string()), "year": pa.array([], pa.int32()),
                  "processes_total": pa.array([], pa.int32())})
start = time.perf_counter()
with open(sys.argv[1], "rb") as handle:
    raw = read_table(handle.read(), "bench.xlsx")
read = time.perf_counter() - start
checked = check(raw, units, prior)
print(json.dumps({"seconds": time.perf_counter() - start, "read": read, "rows": checked.rows_read,
                  "errors": len(checked.errors)}))
"""


CHILD = """
import json, statistics, sys, time
from pathlib import Path
from ingest.reading.child import read_isolated
from ingest.reading.formats import sniff
read_isolated(b"unit_code,unit_name,year\\nA,B,2024\\n")  # the forkserver, started once per server process
out = {}
for path in sys.argv[1:]:
    data = Path(path).read_bytes()
    inside, child = [], []
    for _ in range(5 if len(data) < 1_000_000 else 2):
        start = time.perf_counter()
        fmt = sniff(data); fmt.guard(data); fmt.read(data)
        inside.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_isolated(data)
        child.append(time.perf_counter() - start)
    out[Path(path).name] = [statistics.median(inside), statistics.median(child)]
print(json.dumps(out))
"""


def child_cost(paths: list[Path]) -> None:
    """What reading in a child process adds to the same read done in this process (sniff, guard, read)."""
    out = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)], cwd=ROOT, check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    for name, (inside, child) in json.loads(out.stdout.strip().splitlines()[-1]).items():
        print(f"[child] {name}: read in this process {inside * 1000:7.0f} ms, in the child {child * 1000:7.0f} ms "
              f"(+{(child - inside) * 1000:.0f} ms)")


def write_workbook(path: Path, count: int, shape: str = "easy") -> None:
    """The benchmark's national rows of one shape (bench/shapes.py) in an .xlsx."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, header(shape))
    for i, values in enumerate(rows(shape, count), start=1):
        sheet.write_row(i, 0, values)
    book.close()


def _run(script: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    found: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return found


def bench_shape(shape: str, count: int, repeats: int, folder: Path) -> None:
    """One shape: write the workbook, time both sides alternately, then the whole import; print the figures."""
    path = folder / f"national_{shape}_{count}.xlsx"
    start = time.perf_counter()
    write_workbook(path, count, shape)
    print(f"[{shape}] workbook: {path.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f} s")
    raw, fast, ours = [], [], []
    for _ in range(repeats):
        fast.append(_run(FASTEXCEL, path)["seconds"])
        raw.append(_run(RAW, path)["seconds"])
        ours.append(_run(OURS, path))
    raw_s, fast_s = statistics.median(raw), statistics.median(fast)
    print(f"[{shape}] fastexcel read      {fast_s:6.2f} s   (runs: {', '.join(f'{s:.2f}' for s in fast)})")
    ours_s = statistics.median(o["seconds"] for o in ours)
    read_s = statistics.median(o["read"] for o in ours)
    print(f"[{shape}] calamine raw read   {raw_s:6.2f} s   (runs: {', '.join(f'{s:.2f}' for s in raw)})")
    runs = ", ".join(f"{o['seconds']:.2f}" for o in ours)
    print(f"[{shape}] ours read + check   {ours_s:6.2f} s   (read alone, guard included, {read_s:.2f} s; runs: "
          f"{runs}); errors {ours[0]['errors']:.0f}")
    minimums = min(o["seconds"] for o in ours) / min(fast)
    print(f"[{shape}] ratio ours ÷ fastexcel {ours_s / fast_s:6.2f}×   (minimums {minimums:.2f}×; goal ≤ 2×)")
    print(f"[{shape}] ratio ours ÷ calamine  {ours_s / raw_s:6.2f}×")
    whole_s, whole_mb = timed([sys.executable, "-m", "ingest", str(path), "--db", str(folder / f"{shape}.duckdb"),
                               "--who", "bench"])
    print(f"[{shape}] whole import (python -m ingest, new database): {whole_s:.2f} s, peak {whole_mb:.0f} MB")
    child_cost([ROOT / "tests" / "data" / "office" / "bieu_mau.xlsx", ROOT / "tests" / "data" / "office" /
                "bieu_mau_lo.csv", path])


def main(count: int, repeats: int, shapes: list[str]) -> None:
    """Every chosen shape in turn."""
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; {count:,} rows, {repeats} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            bench_shape(shape, count, repeats, Path(tmp))


if __name__ == "__main__":
    chosen = os.environ.get("BENCH_SHAPES", ",".join(SHAPES)).split(",")
    if set(chosen) - set(SHAPES):
        sys.exit(f"BENCH_SHAPES: choose from {', '.join(SHAPES)}")
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3, chosen)
