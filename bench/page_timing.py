"""Server-side time of each page's full script run (AppTest), cold and warm (median and minimum),
beside the floors (the one-chart page, bench/one_chart_page.py, timed before and after the pages;
the one-line page) and the bare DuckDB queries that answer the same questions, all in one process
on one database file, with that process's peak memory.

Run by bench/pages_bench.py in a fresh process per size:
    python bench/page_timing.py DB REPEAT     → one JSON object on stdout
Cold: Streamlit's caches cleared (modules already imported, the file in the OS cache).
Warm: the same session run again (a rerun, as after a widget change that hits the caches).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from store import reads, views  # noqa: E402
from store.counts import counts_sql, rounds_sql  # noqa: E402
from store.warm import close_all  # noqa: E402

PAGES = ("overview", "trends", "compare", "profile", "completeness", "report", "methodology")
SCRIPTS = {"report": "briefing"}  # the briefing's page file; its figures keep the name "report"
Query = tuple[str, dict[str, object]]


def questions(con: duckdb.DuckDBPyConnection) -> dict[str, list[Query]]:
    """Per page, the SQL that answers its question at its default view (the page's own queries)."""
    row = con.execute(reads.YEAR_RANGE_SQL).fetchone()
    y0, y1 = (int(row[0]), int(row[1])) if row and row[0] is not None else (0, 0)
    span, year = reads.filter_params(y0, y1), reads.filter_params(y1, y1)
    first = str(con.execute("SELECT min(unit_code) FROM units").fetchone()[0])  # type: ignore[index]
    kind = str(con.execute("SELECT unit_type FROM units WHERE unit_code = ?", [first]).fetchone()[0])  # type: ignore[index]
    pair = reads.filter_params(y1 - 1, y1, unit_types=["cqcm_tinh"])
    codes: dict[str, object] = {"codes": [first], "years": None}
    return {
        "overview": [(counts_sql(["year"], True), span), (counts_sql(["year", "unit_type"], True), span),
                     (counts_sql(["unit_type"], True), year), (rounds_sql(["inspection_round"]), year)],
        "trends": [(counts_sql(["year", "unit_type"], True), span), (views.VERSION_COUNTS_SQL, _vc(y0, y1)),
                   (counts_sql(["year"], True), span), (rounds_sql(["year", "inspection_round"]), span),
                   (counts_sql(["unit_type"]), span)],
        "compare": [(counts_sql(["year", "unit_code"], True), pair)],
        "profile": [(views.median_sql("steps_saved", "steps_before"), reads.filter_params(y0, y1, unit_types=[kind])),
                    (counts_sql(["year", "unit_code"], True), reads.filter_params(y0, y1, unit_codes=[first])),
                    (reads.UNIT_YEARS_SQL, codes), (reads.INSPECTIONS_SQL, codes), (reads.LINEAGE_SQL, {})],
        "completeness": [(counts_sql(["unit_code"], True), year), (views.BREAKS_SQL, {"y0": y0, "y1": y1}),
                         (reads.YEAR_BATCHES_SQL, {}), (reads.UNITS_SQL, {})],
        "report": [("SELECT min(year), max(year) FROM unit_years", {})],
        "methodology": [],
    }


def _vc(y0: int, y1: int) -> dict[str, object]:
    return {"y0": y0, "y1": y1, "types": None, "levels": None}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _run_all(con: duckdb.DuckDBPyConnection, queries: list[Query]) -> None:
    for sql, params in queries:
        con.execute(sql, params).fetchall()


def bare_ms(db: str, repeat: int) -> dict[str, float]:
    """Per page: its queries run back to back on one open read-only connection."""
    close_all()  # the pages' shared read-write connection: DuckDB refuses a read-only one beside it
    con = duckdb.connect(db, read_only=True)
    out = {}
    for page, queries in questions(con).items():
        out[page] = median_ms(partial(_run_all, con, queries), repeat)
    con.close()
    return out


def _app(script: Path, page: str | None) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=300)
    if page and page != "overview":
        at.switch_page(f"pages/{SCRIPTS.get(page, page)}.py")
    return at


def _timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    ms = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"page failed: {at.exception[0].message}")
    return ms


ELEMENTS: dict[str, int] = {}  # per page: the figures and tables its last run drew


def elements(at: AppTest) -> int:
    """The figures and tables a run drew: what the per-element goal counts (issue 26)."""
    return sum(len(at.get(kind)) for kind in ("plotly_chart", "dataframe", "table", "arrow_data_frame"))


def page_ms(script: Path, page: str | None, repeat: int) -> tuple[float, float, float, float]:
    """Median cold (caches cleared, new session) and warm (the same session again) script runs,
    then their minimums. Cold clears Streamlit's caches; DuckDB stays open in the process, as in a
    server (store.warm): set BENCH_REOPEN=1 to close it before each cold run too."""
    colds, warms = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        if os.environ.get("BENCH_REOPEN") == "1":
            close_all()
        at = _app(script, page)
        colds.append(_timed_run(at))
        warms += [_timed_run(at) for _ in range(2)]
        ELEMENTS[page or script.stem] = elements(at)
    return statistics.median(colds), statistics.median(warms), min(colds), min(warms)


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def main(db: str, repeat: int) -> dict[str, object]:
    """Every page cold and warm, the floors (a one-line page; a one-chart page on the same data
    path, run before and after the pages and its best kept), the bare queries, the peak memory."""
    os.environ["CCHC_DB"] = db
    _timed_run(_app(ROOT / "dashboard.py", "overview"))  # imports and first-start work, not measured
    one_chart = ROOT / "bench" / "one_chart_page.py"
    floor = page_ms(ROOT / "bench" / "bare_page.py", None, repeat)
    chart = page_ms(one_chart, None, repeat)
    pages = {p: page_ms(ROOT / "dashboard.py", p, repeat) for p in PAGES}
    again = page_ms(one_chart, None, repeat)
    chart = (min(chart[0], again[0]), min(chart[1], again[1]), min(chart[2], again[2]), min(chart[3], again[3]))
    return {"floor": floor, "one_chart": chart, "pages": pages, "bare": bare_ms(db, max(repeat, 5)),
            "peak_mb": peak_mb(), "elements": dict(ELEMENTS)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
