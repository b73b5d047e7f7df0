"""What keeping DuckDB warm buys (issue 26, item 2): the queries the pages run on every visit, through the
Store, with the file opened for every query (as before: the connection closed after each, DuckDB's buffer
cache dropped) against the process's shared read connection (store.warm), beside one GROUP BY over the
unit-years (the one-chart page's query) on a warm connection.

    .venv/bin/python bench/warm_reads_bench.py DB [REPEAT]     → Markdown table and JSON on stdout
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402


def visits(store: Store) -> dict[str, Callable[[], object]]:
    """The store reads behind the overview, trends and compare pages at their default view."""
    found = store.year_range()
    assert found is not None, "an empty database"
    y0, y1 = found
    return {
        "one GROUP BY (the one-chart page)": lambda: store.counts(["year"], (y0, y1)),
        "overview: counts by year × type": lambda: store.counts(["year", "unit_type"], (y0, y1)),
        "overview: counts by type, one year": lambda: store.counts(["unit_type"], (y1, y1)),
        "overview: rounds, one year": lambda: store.rounds(["inspection_round"], (y1, y1)),
        "trends: ISO versions": lambda: store.version_counts((y0, y1)),
        "compare: counts by year × unit, 2 years": lambda: store.counts(["year", "unit_code"], (y1 - 1, y1),
                                                                        unit_types=["cqcm_tinh"]),
        "completeness: counts by unit, one year": lambda: store.counts(["unit_code"], (y1, y1)),
        "year range": store.year_range,
    }


def timed(fn: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    """The median milliseconds of `repeat` calls, `before` run ahead of each (not timed)."""
    out = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out)


def main(db: str, repeat: int) -> None:
    """Each read per-query-opened and warm, interleaved in one process."""
    store = Store(db, warm=True)  # as the server reads; shared.close() below makes each read open the file
    shared = store.db.reads()
    rows = {}
    for name, fn in visits(store).items():
        fn()  # migrations and first-use work, not measured
        reopened = timed(fn, repeat, shared.close)  # as before: the file opened for the query, then closed
        warm = timed(fn, repeat, lambda: None)
        rows[name] = {"reopened_ms": reopened, "warm_ms": warm}
    print("| read | file opened per query ms | warm ms | ratio |\n|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['reopened_ms']:,.0f} | {r['warm_ms']:,.0f} | {r['reopened_ms'] / r['warm_ms']:.1f}× |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
