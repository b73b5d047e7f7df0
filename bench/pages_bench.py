"""Page benchmark at national scale, in one command:

    .venv/bin/python bench/pages_bench.py                  # 10k, 100k and 1M unit-year rows
    .venv/bin/python bench/pages_bench.py --sizes 10000 100000 --no-browser   # a quick run

For each size it builds the national dataset (bench/scale_data.py, bulk path; kept in --dir and
reused), then in a fresh process times every page's full script run through AppTest, cold and
warm, beside the bare DuckDB queries that answer the same questions (bench/page_timing.py), and
then serves the dashboard and a one-line page for Chromium (bench/browser_timing.py): first
render of each page against the bare page, and the server's memory with 1, 5 and 10 sessions.
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
GOALS = {"warm": 300.0, "cold": 2000.0, "ratio": 3.0}


def database(folder: Path, rows: int) -> tuple[Path, float]:
    """The scale database of this size (built once), and the seconds building it took."""
    from bench.scale_data import build

    db = folder / f"scale_{rows}.duckdb"
    if db.exists():
        return db, 0.0
    start = time.perf_counter()
    build(db, rows)
    return db, time.perf_counter() - start


def server_side(db: Path, repeat: int) -> dict[str, object]:
    """AppTest and bare-query timings, in a fresh process."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "page_timing.py"), str(db), str(repeat)],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _ms(value: float) -> str:
    return f"{value:,.0f}"


def page_table(results: dict[int, dict]) -> str:  # type: ignore[type-arg]
    """One row per size and page: cold, warm, bare, ratios, Chromium first renders."""
    head = ("| rows | page | cold ms | warm ms | bare DuckDB ms | warm ÷ bare | cold ÷ bare "
            "| Chromium 1st visit ms | Chromium later ms | goals at 1M |\n|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for rows, r in results.items():
        for page in PAGES:
            cold, warm = r["server"]["pages"][page]
            bare = r["server"]["bare"][page]
            ratio = warm / bare if bare >= 1 else math.nan
            render = r.get("browser", {}).get("renders", {}).get(page, {})
            ok = warm <= GOALS["warm"] and cold <= GOALS["cold"] and (math.isnan(ratio) or ratio <= GOALS["ratio"])
            verdict = ("met" if ok else "NOT met") if rows >= 1_000_000 else "–"  # the goals are set at 1M rows
            lines.append(f"| {rows:,} | {page} | {_ms(cold)} | {_ms(warm)} | {bare:,.1f} | "
                         f"{'–' if math.isnan(ratio) else f'{ratio:.2f}'} | "
                         f"{'–' if bare < 1 else f'{cold / bare:.2f}'} | {_ms(render.get('first', math.nan))} | "
                         f"{_ms(render.get('later', math.nan))} | {verdict} |")
    return "\n".join(lines)


def floor_table(results: dict[int, dict]) -> str:  # type: ignore[type-arg]
    """The floors and the memory, one row per size."""
    lines = ["| rows | build s | AppTest one-line page cold / warm ms | Chromium one-line page ms "
             "| server RSS MB: started / 1 / 5 / 10 sessions | peak (VmHWM) MB |", "|---|---|---|---|---|---|"]
    for rows, r in results.items():
        b = r.get("browser", {})
        rss = b.get("sessions_rss", {})
        per = " / ".join(_ms(rss[k]) for k in sorted(rss, key=int)) if rss else "–"
        lines.append(f"| {rows:,} | {r['build_s']:.1f} | {_ms(r['server']['floor'][0])} / "
                     f"{_ms(r['server']['floor'][1])} | {_ms(b.get('bare_render', math.nan))} | "
                     f"{_ms(b.get('started_rss', math.nan))} / {per} | {_ms(b.get('peak_rss', math.nan))} |")
    return "\n".join(lines)


def growth_table(results: dict[int, dict]) -> str:  # type: ignore[type-arg]
    """Growth exponent k in time ∝ rows^k between consecutive sizes (1 = linear)."""
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
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    p.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10])
    p.add_argument("--no-browser", action="store_true", help="skip Chromium and the server's memory")
    p.add_argument("--dir", type=Path, default=Path("/tmp/cchc-pages-bench"), help="where the databases live")
    args = p.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict] = {}  # type: ignore[type-arg]
    for rows in args.sizes:
        db, built = database(args.dir, rows)
        print(f"{rows:,} rows: {db} (built in {built:.1f} s)", file=sys.stderr, flush=True)
        results[rows] = {"build_s": built, "server": server_side(db, args.repeat)}
        if not args.no_browser:
            from bench.browser_timing import measure

            results[rows]["browser"] = measure(db, args.dir, args.repeat, args.sessions)
    (args.dir / "pages_results.json").write_text(json.dumps(results, indent=1))
    print(page_table(results), floor_table(results), growth_table(results), sep="\n\n")


if __name__ == "__main__":
    main()
