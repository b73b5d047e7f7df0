"""Page benchmark at national scale, in one command:

    .venv/bin/python bench/pages_bench.py          # the demo province, 100k and 1M rows, tidy and messy
    .venv/bin/python bench/pages_bench.py --sizes 10000 100000 --data tidy --no-browser   # a quick run

For each size and kind of data (tidy; messy: most unit-years break the continuity rule) it builds
the national dataset (bench/scale_data.py, bulk path; kept in --dir and reused; size 0 is the demo
province), then in a fresh process times every page's full script run through AppTest, cold and
warm, beside the one-chart page (bench/one_chart_page.py, the floor) and the bare DuckDB queries
that answer the same questions (bench/page_timing.py), and then serves the dashboard and the floor
pages for Chromium (bench/browser_timing.py): each page's first paint and full render against the
one-chart page's, and the server's memory with 1, 5 and 10 sessions.
Prints Markdown tables, growth exponents between sizes, and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ("overview", "trends", "compare", "profile", "completeness", "report", "methodology")
# issue 26: a cold run ≤ 5× the one-chart page's cold run; a warm rerun ≤ (figures and tables on the page) × the
# one-chart page's rerun; first paint ≤ 2× the one-chart page's
GOALS = {"cold_x": 5.0, "paint_x": 2.0}


def database(folder: Path, rows: int, variant: str = "tidy") -> tuple[Path, float]:
    """The scale database of this size and variant (built once; rows 0: the demo province), and the
    seconds building it took."""
    from bench.scale_data import build

    if rows == 0:
        return demo_database(folder)
    db = folder / (f"scale_{rows}.duckdb" if variant == "tidy" else f"scale_{rows}_{variant}.duckdb")
    if db.exists():
        return db, 0.0
    start = time.perf_counter()
    build(db, rows, messy=variant == "messy")
    return db, time.perf_counter() - start


def demo_database(folder: Path) -> tuple[Path, float]:
    """The demo province's database, as the dashboard builds it on first start."""
    from ingest.demo import build_demo
    from store import Store

    db = folder / "demo.duckdb"
    if db.exists():
        return db, 0.0
    start = time.perf_counter()
    build_demo(Store(db))
    return db, time.perf_counter() - start


def server_side(db: Path, repeat: int) -> dict[str, object]:
    """AppTest and bare-query timings, in a fresh process."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "page_timing.py"), str(db), str(repeat)],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _ms(value: float) -> str:
    return f"{value:,.0f}"


def _rows(key: str) -> int:
    return int(key.split()[0])  # 0: the demo database


def _label(key: str) -> str:
    return f"{_rows(key):,}" if _rows(key) else "demo"


def _floor(r: dict, which: str) -> float:  # type: ignore[type-arg]
    """The one-chart page's median (cold or warm) in this run."""
    return float(r["server"]["one_chart"][0 if which == "cold" else 1])


def _paint(r: dict, page: str) -> float:  # type: ignore[type-arg]
    return float(r.get("browser", {}).get("renders", {}).get(page, {}).get("paint", math.nan))


def _full(r: dict, page: str) -> float:  # type: ignore[type-arg]
    return float(r.get("browser", {}).get("renders", {}).get(page, {}).get("full", math.nan))


def _elements(r: dict, page: str) -> int:  # type: ignore[type-arg]
    """The figures and tables the page drew (at least one: a page of text is held to one element's time)."""
    return max(1, int(r["server"].get("elements", {}).get(page, 1)))


def verdict(r: dict, page: str, rows: int) -> str:  # type: ignore[type-arg]
    """Met or not (issue 26): at 1M rows, cold ≤ 5× the one-chart page's cold run and warm ≤ elements × its
    rerun; at 1M rows and on the demo database, first paint ≤ 2× the one-chart page's."""
    paint, floor = _paint(r, page), r.get("browser", {}).get("one_chart_render", math.nan)
    misses = [] if math.isnan(paint) or paint <= GOALS["paint_x"] * floor else ["paint"]
    if rows >= 1_000_000:
        cold, warm = r["server"]["pages"][page][:2]
        misses += [] if warm <= _elements(r, page) * _floor(r, "warm") else ["warm"]
        misses += [] if cold <= GOALS["cold_x"] * _floor(r, "cold") else ["cold"]
    elif rows:
        return "–"
    return "met" if not misses else "NOT met: " + ", ".join(misses)


def page_table(results: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """One row per size, variant and page: cold and warm (median / min) against the one-chart page, per element."""
    head = ("| rows | data | page | elements | cold ms med / min | cold ÷ one-chart cold | warm ms med / min "
            "| warm ÷ (elements × one-chart warm) | bare DuckDB ms | Chromium first paint ms | ÷ one-chart "
            "| full render ms | goals |\n" + "|---" * 13 + "|")
    lines = [head]
    for key, r in results.items():
        rows, variant = _rows(key), key.split()[1]
        floor_paint = r.get("browser", {}).get("one_chart_render", math.nan)
        for page in PAGES:
            cold, warm, cold_min, warm_min = r["server"]["pages"][page]
            paint, n = _paint(r, page), _elements(r, page)
            lines.append(f"| {_label(key)} | {variant} | {page} | {n} | {_ms(cold)} / {_ms(cold_min)} | "
                         f"{cold / _floor(r, 'cold'):.2f} | {_ms(warm)} / {_ms(warm_min)} | "
                         f"{warm / (n * _floor(r, 'warm')):.2f} | {r['server']['bare'][page]:,.1f} | "
                         f"{_ms(paint)} | {paint / floor_paint:.2f} | {_ms(_full(r, page))} | "
                         f"{verdict(r, page, rows)} |")
    return "\n".join(lines)


def floor_table(results: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """The floors and the memory, one row per size and variant."""
    lines = ["| rows | data | build s | AppTest one-chart page cold / warm ms | one-line page cold / warm ms "
             "| Chromium first paint: one-chart / one-line ms | server RSS MB: started / 1 / 5 / 10 sessions "
             "| peak MB: server / AppTest process |", "|---|---|---|---|---|---|---|---|"]
    for key, r in results.items():
        b, s = r.get("browser", {}), r["server"]
        rss = b.get("sessions_rss", {})
        per = " / ".join(_ms(rss[k]) for k in sorted(rss, key=int)) if rss else "–"
        lines.append(f"| {_label(key)} | {key.split()[1]} | {r['build_s']:.1f} | {_ms(s['one_chart'][0])} / "
                     f"{_ms(s['one_chart'][1])} | {_ms(s['floor'][0])} / {_ms(s['floor'][1])} | "
                     f"{_ms(b.get('one_chart_render', math.nan))} / {_ms(b.get('bare_render', math.nan))} | "
                     f"{_ms(b.get('started_rss', math.nan))} / {per} | {_ms(b.get('peak_rss', math.nan))} / "
                     f"{_ms(s.get('peak_mb', math.nan))} |")
    return "\n".join(lines)


def growth_table(every: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """Growth exponent k in time ∝ rows^k between consecutive sizes (1 = linear), tidy data."""
    results = {_rows(k): r for k, r in every.items() if k.endswith("tidy")}
    sizes = sorted(results)
    if len(sizes) < 2:
        return ""
    lines = ["| page | measure | " + " | ".join(f"{a:,}→{b:,}" for a, b in pairwise(sizes)) + " |",
             "|---|---|" + "---|" * (len(sizes) - 1)]
    for page in PAGES:
        for i, what in ((0, "cold"), (1, "warm"), (2, "bare")):
            def value(rows: int, i: int = i, page: str = page) -> float:
                s = results[rows]["server"]
                return float(s["bare"][page] if i == 2 else s["pages"][page][i])
            cells = []
            for a, b in pairwise(sizes):
                va, vb = value(a), value(b)
                cells.append(f"{math.log(vb / va) / math.log(b / a):.2f}" if va > 0.5 and vb > 0.5 else "–")
            lines.append(f"| {page} | {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Run every size and print the tables."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000, 1_000_000],
                   help="unit-year rows of the national data; 0 is the demo province's database")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    p.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    p.add_argument("--no-browser", action="store_true", help="skip Chromium and the server's memory")
    p.add_argument("--data", nargs="+", default=["tidy", "messy"], choices=["tidy", "messy"],
                   help="tidy data, and messy data (most unit-years break the continuity rule)")
    p.add_argument("--dir", type=Path, default=Path("/tmp/cchc-pages-bench"), help="where the databases live")
    args = p.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}  # type: ignore[type-arg]
    for rows in args.sizes:
        for variant in args.data if rows else ["demo"]:
            db, built = database(args.dir, rows, variant)
            print(f"{rows:,} rows, {variant}: {db} (built in {built:.1f} s)", file=sys.stderr, flush=True)
            results[f"{rows} {variant}"] = run = {"build_s": built, "server": server_side(db, args.repeat)}
            if not args.no_browser:
                from bench.browser_timing import measure

                run["browser"] = measure(db, args.dir, args.repeat, args.sessions)
    (args.dir / "pages_results.json").write_text(json.dumps(results, indent=1))
    print(page_table(results), floor_table(results), growth_table(results), sep="\n\n")


if __name__ == "__main__":
    main()
