"""First render in Chromium and the server's memory: a real `streamlit run` of the dashboard on
the scale database, and the same for the one-line page (bench/bare_page.py), on one machine.

First render: a new browser context opens the page's URL; the clock stops when the script has
finished (`data-test-script-state="notRunning"`), the title is shown and every Plotly chart has
drawn its SVG. Memory: the server's VmRSS after each number of open sessions, and its VmHWM.
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
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"] h1'
CHARTS_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .every(p => p.querySelector('.main-svg'))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(script: str, db: Path, log: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on a free port (the dashboard as it is served: `python -m ui.serve`):
    its URL and process id."""
    port = _free_port()
    start = ["-m", "ui.serve"] if script == "dashboard.py" else ["-m", "streamlit", "run", script]
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


def first_render_ms(browser: Browser, url: str) -> float:
    """Open the URL in a new context; milliseconds until the page is drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(DONE, timeout=180_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=180_000)
    ms = (time.perf_counter() - start) * 1000
    context.close()
    return ms


def pages(browser: Browser, base: str, repeat: int) -> dict[str, dict[str, float]]:
    """Per page: the first visit after the server started (its caches empty) and the median of later ones."""
    out = {}
    for name, path in URLS.items():
        first = first_render_ms(browser, f"{base}/{path}")
        later = statistics.median(first_render_ms(browser, f"{base}/{path}") for _ in range(repeat))
        out[name] = {"first": first, "later": later}
    return out


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
                page.wait_for_selector(DONE, timeout=180_000)
            contexts.append(context)
        out[n] = memory_mb(pid)["VmRSS"]
    for context in contexts:
        context.close()
    return out


def measure(db: Path, folder: Path, repeat: int, counts: Sequence[int]) -> dict[str, object]:
    """Bare page, then the dashboard: first renders, memory per number of sessions, peak memory."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        with server("bench/bare_page.py", db, folder / "bare.log") as (url, pid):
            first_render_ms(browser, url)
            bare = statistics.median(first_render_ms(browser, url) for _ in range(repeat))
            bare_mb = memory_mb(pid)["VmRSS"]
        with server("dashboard.py", db, folder / "dashboard.log") as (url, pid):
            started_mb = memory_mb(pid)["VmRSS"]
            renders = pages(browser, url, repeat)
            by_sessions = sessions(browser, url, pid, counts)
            peak = memory_mb(pid)["VmHWM"]
        browser.close()
    return {"bare_render": bare, "bare_rss": bare_mb, "started_rss": started_mb, "renders": renders,
            "sessions_rss": by_sessions, "peak_rss": peak}
