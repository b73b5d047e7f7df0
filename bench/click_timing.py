"""Clicks people make, timed in Chromium against the floor of a one-chart page's rerun, in the same run:

    .venv/bin/python bench/click_timing.py [--repeat 5] [--dir /tmp/click-bench]

The floor: the one-chart page (bench/one_chart_page.py: the dashboard's shell around one Plotly chart of a
cheap aggregate) rerun by a click on its language switch. The clicks (issue 26): the overview's year, the
compare page's year, a bar of the ranking to that unit's profile, the language switch on the overview.
Each is timed from the click to the moment the page has settled: a script run has happened since the click,
the script is not running, what the click asked for shows (`done`) and every Plotly chart has drawn its SVG,
held for half a second (the time is when that state began). Each click is paired with a rerun of the one-chart
page just before it (both servers up at once), alternating between two values; the ratio of each pair, and
their median: the shared machine's load drifts by the minute, and weighs on both members of a pair alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser_timing import ARGS, CHROMIUM, server  # noqa: E402
from bench.pages_bench import demo_database  # noqa: E402

# Watch the app's run state from before the click: a run that starts and ends between two polls still counts.
ARM = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__ran = false; window.__since = null;
    if (window.__watch) window.__watch.disconnect();
    window.__watch = new MutationObserver(records => {
        for (const r of records) if (r.oldValue === 'running' || app.getAttribute(r.attributeName) === 'running')
            window.__ran = true;
    });
    window.__watch.observe(app, {attributes: true, attributeOldValue: true,
                                 attributeFilter: ['data-test-script-state']});
    window.__t0 = performance.now();
}"""
SETTLED = """done => {
    const app = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
    const ok = window.__ran && app && new Function('return ' + done)()
        && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'));
    if (!ok) { window.__since = null; return false; }
    if (window.__since == null) window.__since = performance.now();
    return performance.now() - window.__since >= 500 ? window.__since - window.__t0 : false;
}"""
Click = Callable[[Page, int], str]  # does the click (the i-th time); returns the JS test of "done"


def _settle(page: Page, done: str) -> float:
    return float(page.wait_for_function(SETTLED, arg=done, timeout=180_000, polling="raf").json_value())


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.evaluate(ARM)
    page.evaluate("() => { window.__ran = true; }")  # the page load is the run
    _settle(page, "!!document.querySelector('[data-testid=\"stMain\"] h1') && "
                  "!!document.querySelector('.js-plotly-plot .main-svg')")


def _select(page: Page, where: str, label: str, option: str) -> None:
    """Open a select box (in the sidebar or the main area) and arm the timer just before picking the option."""
    area = page.get_by_test_id("stSidebar" if where == "sidebar" else "stMain")
    area.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.evaluate(ARM)
    page.get_by_role("option", name=option, exact=True).click()


def language(page: Page, i: int) -> str:
    """The sidebar's language switch, to English and back."""
    name = "English" if i % 2 == 0 else "Tiếng Việt"
    page.evaluate(ARM)
    page.get_by_test_id("stSidebar").get_by_text(name, exact=True).click()
    return f"location.search.includes('lang={'en' if i % 2 == 0 else 'vi'}')"


def overview_year(page: Page, i: int) -> str:
    """The overview's year box, 2012 and back to 2017."""
    year = "2012" if i % 2 == 0 else "2017"
    _select(page, "main", "Năm", year)
    return f"location.search.includes('year={year}')"


def compare_year(page: Page, i: int) -> str:
    """The compare page's year box in the sidebar, 2016 and back to 2017."""
    year = "2016" if i % 2 == 0 else "2017"
    _select(page, "sidebar", "Năm", year)
    return f"location.search.includes('year={year}')"


def bar_to_profile(page: Page, i: int) -> str:
    """A click on the best unit's bar of the ranking: that unit's profile opens (then back to compare, untimed)."""
    bars = page.locator(".js-plotly-plot").first.locator("g.trace.bars g.point path")
    boxes = [b for b in (bars.nth(k).bounding_box() for k in range(bars.count())) if b]
    best = min(boxes, key=lambda b: b["y"])
    x, y = best["x"] + best["width"] / 2, best["y"] + best["height"] / 2
    page.mouse.move(x, y)
    page.evaluate(ARM)
    page.mouse.click(x, y)
    return "location.pathname.endsWith('/profile') && !!document.querySelector('.js-plotly-plot .main-svg')"


KINDS: tuple[tuple[str, str, Click, str | None], ...] = (
    ("overview_year", "/?lang=vi&year=2017", overview_year, None),
    ("compare_year", "/compare?lang=vi&year=2017", compare_year, None),
    ("bar_to_profile", "/compare?lang=vi&year=2017", bar_to_profile, "/compare?lang=vi&year=2017"),
    ("language", "/?lang=vi&year=2017", language, None),
)


class Tab:
    """One browser tab on one page, clicked again and again (from `back` each time when the click navigates)."""

    def __init__(self, browser: object, url: str, click: Click, back: str | None) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        self.click, self.back, self.done = click, back, 0
        _open(self.page, url)

    def once(self) -> float:
        """One timed click, in ms."""
        self.page.bring_to_front()  # one tab of several: a tab in the background may be slowed
        if self.back is not None and self.done:
            _open(self.page, self.back)
        took = _settle(self.page, self.click(self.page, self.done))
        self.done += 1
        return took


def measure(browser: object, db: Path, folder: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Both servers up at once; per click kind, `repeat` pairs: the one-chart page's rerun, then the click, one
    right after the other, so that the machine's load (shared, it drifts by the minute) weighs on both alike.
    The first pair of each kind warms the session and the caches and is not kept."""
    out: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in KINDS}
    with server("bench/one_chart_page.py", db, folder / "one_chart.log") as (floor_url, _), \
            server("dashboard.py", db, folder / "dashboard.log") as (url, _):
        floor = Tab(browser, floor_url + "/?lang=vi", language, None)
        tabs = {name: Tab(browser, url + path, click, url + back if back else None)
                for name, path, click, back in KINDS}
        for i in range(repeat + 1):
            for name, tab in tabs.items():
                pair = (floor.once(), tab.once())
                if i:
                    out[name].append(pair)
                print(name, [round(v) for v in pair], file=sys.stderr, flush=True)
    return out


def main() -> None:
    """Measure and print a Markdown table and the JSON of every time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/click-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    db, _ = demo_database(args.dir)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        found = measure(browser, db, args.dir, args.repeat)
        browser.close()
    print("| click | median ms | one-chart rerun, median ms | × one-chart rerun (median of pairs) | range |")
    print("|---|---:|---:|---:|---:|")
    for name, pairs in found.items():
        ratios = [c / f for f, c in pairs]
        print(f"| {name} | {statistics.median(c for _, c in pairs):.0f} | {statistics.median(f for f, _ in pairs):.0f}"
              f" | {statistics.median(ratios):.2f} | {min(ratios):.2f}–{max(ratios):.2f} |")
    print(json.dumps(found))


if __name__ == "__main__":
    main()
