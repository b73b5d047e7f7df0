"""The plan page at national scale (issue 26): its full script run through AppTest, cold (Streamlit's caches
cleared, a new session) and warm (the same session again), beside the one-chart page (bench/one_chart_page.py)
timed before and after it in the same process, and `python -m plan --json`'s in-process work (gather and
compose) for the same year.

    python bench/plan_page_timing.py DB [REPEAT]   → one JSON object on stdout (milliseconds)

The database: bench/scale_data.py (e.g. `python bench/scale_data.py 1000000 /tmp/national.duckdb`)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from store import Store  # noqa: E402


def _timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(f"page failed: {at.exception[0].message}")
    return (time.perf_counter() - start) * 1000


def page_ms(script: Path, page: str | None, repeat: int) -> dict[str, float]:
    """Median and minimum of cold and warm runs of one page."""
    colds, warms = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(script), default_timeout=900)
        if page:
            at.switch_page(page)
        colds.append(_timed(at))
        warms.append(_timed(at))
    return {"cold": statistics.median(colds), "warm": statistics.median(warms), "cold_min": min(colds),
            "warm_min": min(warms)}


def command_ms(db: str) -> float:
    """What `python -m plan --year Y --json` does once its modules are loaded: gather, compose, JSON."""
    from plan import export
    from plan.build import current, plan_years
    from plan.gather import gather

    store = Store(db)
    span = store.year_range()
    assert span is not None
    start = time.perf_counter()
    json.dumps(export.as_json(current(gather(store, plan_years(span)[1])), "vi"), ensure_ascii=False)
    return (time.perf_counter() - start) * 1000


def main(db: str, repeat: int) -> dict[str, object]:
    """The one-chart page, the plan page, the one-chart page again (its best kept), the command's work."""
    os.environ["CCHC_DB"] = db
    one_chart = ROOT / "bench" / "one_chart_page.py"
    page_ms(one_chart, None, 1)  # imports, not measured
    first = page_ms(one_chart, None, repeat)
    plan = page_ms(ROOT / "dashboard.py", "pages/inspection_plan.py", repeat)
    again = page_ms(one_chart, None, repeat)
    chart = {k: min(first[k], again[k]) for k in first}
    return {"one_chart": chart, "plan": plan, "cold_x": plan["cold"] / chart["cold"],
            "warm_x": plan["warm"] / chart["warm"], "command": command_ms(db)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)))
