"""First paint and full render in Chromium, and the server's memory: a real server of the dashboard
on the scale database, and the same for the one-chart page (bench/one_chart_page.py, the floor:
the dashboard's shell around one Plotly chart of a cheap aggregate) and the one-line page
(bench/bare_page.py), on one machine, in the same run.

Each visit opens the page's URL in a new browser context (a new session; the server's caches are
warm after its first visit) and takes two times from the same load:
- first paint: the page's title (its h1) is shown and the first thing the reader came for is
  drawn: a Plotly chart's SVG, a key-figure card (st.metric) or a table (st.dataframe); on a page
  with none of those (methodology), the script's end. What comes further down or in closed tabs
  is not waited for.
- full render: the script has finished (`data-test-script-state="notRunning"`) and every Plotly
  chart in the page has drawn its SVG (charts in tabs not opened yet included: Streamlit draws them).
Memory: the server's VmRSS after each number of open sessions, and its VmHWM.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
URLS = {"overview": "", "trends": "trends", "compare": "compare", "profile": "profile",
        "completeness": "completeness", "report": "report", "methodology": "methodology"}
SVG = ".js-plotly-plot .main-svg"
# What each page's first paint waits for, below its title: the first thing the reader came for.
FIRST = {"overview": '[data-testid="stMetric"]', "trends": SVG, "compare": SVG, "profile": SVG,
         "completeness": '[data-testid="stMetric"]', "report": '[data-testid="stButton"]',
         "methodology": '[data-testid="stMainBlockContainer"] h3', "one_chart": SVG, "bare": "h1"}
FIRST_PAINT = """sel => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    return main && main.querySelector('h1') && main.querySelector(sel) ? performance.now() : false;
}"""
# Done: the script not running, the title shown and every Plotly chart drawn, held for a second (the
# first run of a page may rerun once to write its filters into the URL; between the two runs the
# script is briefly not running). The time is when that state began.
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
    const done = app && app.querySelector('[data-testid="stMainBlockContainer"] h1')
        && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'));
    if (!done) { window.__since = null; return false; }
    if (window.__since == null) window.__since = performance.now();
    return performance.now() - window.__since >= 1000 ? window.__since : false;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(script: str, db: Path, log: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on a free port (the dashboard as it is served: `python -m ui.serve`):
    its URL and process id."""
    port = _free_port()
    start = ["-m", "server"] if script == "dashboard.py" else ["-m", "streamlit", "run", script]
    cmd = [sys.executable, *start, "--server.address", "127.0.0.1", "--server.port",
           str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "CCHC_DB": str(db)}, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(20)


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def visit_ms(browser: Browser, url: str, first: str) -> tuple[float, float]:
    """Open the URL in a new context; milliseconds from the navigation's start (the page's own clock)
    until the first paint (`first` drawn below the title) and until the full render."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    paint = page.wait_for_function(FIRST_PAINT, arg=first, timeout=180_000, polling="raf").json_value()
    full = page.wait_for_function(SETTLED, timeout=180_000, polling="raf").json_value()
    context.close()
    return float(paint), max(float(full), float(paint))


def visits(browser: Browser, url: str, repeat: int, first: str) -> dict[str, float]:
    """The first visit after the server started (its caches empty), then the median and the minimum of
    `repeat` later ones, each for the first paint and the full render."""
    once = visit_ms(browser, url, first)
    later = [visit_ms(browser, url, first) for _ in range(repeat)]
    paints, fulls = [p for p, _ in later], [f for _, f in later]
    return {"first_visit_paint": once[0], "first_visit_full": once[1], "paint": statistics.median(paints),
            "paint_min": min(paints), "full": statistics.median(fulls), "full_min": min(fulls)}


def pages(browser: Browser, base: str, repeat: int) -> dict[str, dict[str, float]]:
    """Per page: its visits (see `visits`)."""
    return {name: visits(browser, f"{base}/{path}", repeat, FIRST[name]) for name, path in URLS.items()}


def sessions(browser: Browser, base: str, pid: int, counts: Sequence[int]) -> dict[int, float]:
    """Server VmRSS with n sessions open, each having visited every page."""
    out: dict[int, float] = {}
    contexts: list[BrowserContext] = []
    for n in counts:
        while len(contexts) < n:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            for path in URLS.values():
                page.goto(f"{base}/{path}")
                page.wait_for_function(SETTLED, timeout=180_000, polling="raf")
            contexts.append(context)
        out[n] = memory_mb(pid)["VmRSS"]
    for context in contexts:
        context.close()
    return out


def floor(browser: Browser, script: str, db: Path, log: Path, repeat: int) -> dict[str, float]:
    """A floor page served alone: its visits, and the server's memory after them."""
    with server(script, db, log) as (url, pid):
        out = visits(browser, url, repeat, FIRST["one_chart" if "one_chart" in script else "bare"])
        out["rss"] = memory_mb(pid)["VmRSS"]
    return out


def measure(db: Path, folder: Path, repeat: int, counts: Sequence[int]) -> dict[str, object]:
    """The floors (one-chart page, one-line page), then the dashboard: first paint and full render of
    each page, memory per number of sessions, peak memory; the one-chart page again at the end (the
    lower of its two medians is the floor)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        chart = floor(browser, "bench/one_chart_page.py", db, folder / "one_chart.log", repeat)
        bare = floor(browser, "bench/bare_page.py", db, folder / "bare.log", repeat)
        with server("dashboard.py", db, folder / "dashboard.log") as (url, pid):
            started_mb = memory_mb(pid)["VmRSS"]
            renders = pages(browser, url, repeat)
            by_sessions = sessions(browser, url, pid, counts) if counts else {}
            peak = memory_mb(pid)["VmHWM"]
        again = floor(browser, "bench/one_chart_page.py", db, folder / "one_chart.log", repeat)
        browser.close()
    return {"one_chart": chart, "one_chart_again": again, "one_chart_render": min(chart["paint"], again["paint"]),
            "bare": bare, "bare_render": bare["paint"], "started_rss": started_mb, "renders": renders,
            "sessions_rss": by_sessions, "peak_rss": peak}
