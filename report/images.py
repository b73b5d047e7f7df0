"""Charts to PNG through kaleido, with ONE browser for all the charts of a briefing.

We open `kaleido.Kaleido` ourselves rather than `kaleido.start_sync_server()`: the global sync
server is one per process (shared by every Streamlit session), and when its browser cannot
start, its worker thread dies and the next `plotly.io.to_image` waits forever (seen with
kaleido 1.5). An async context per briefing costs the same (~2.5 s to start Chromium, then
~0.2 s a chart) and raises instead of hanging.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from common.i18n import t
from report.model import Chart

Progress = Callable[[int, int], None]
WIDTH = 1000  # layout pixels; the PDF places the image 190 mm wide
SCALE = 2  # sharp when printed
TIMEOUT = 60  # seconds for any one chart


@dataclass(frozen=True)
class Rendered:
    """The PNG of each chart by name, or `problem` saying why there are none."""

    images: dict[str, bytes] = field(default_factory=dict)
    problem: str | None = None


def browser_path() -> str | None:
    """The Chromium kaleido would use, or None when there is none that can run."""
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    return found if found and os.access(found, os.X_OK) else None


def render(charts: Sequence[Chart], lang: str, progress: Progress | None = None) -> Rendered:
    """Every chart as PNG with one browser; a message instead when Chromium is missing or fails."""
    if not charts:
        return Rendered()
    if browser_path() is None:
        return Rendered(problem=t("report.charts_no_browser", lang))
    from kaleido.errors import KaleidoError

    try:
        return Rendered(images=_run(_render_all(charts, progress)))
    except (RuntimeError, OSError, TimeoutError, KaleidoError) as exc:  # kaleido's browser errors are RuntimeErrors
        return Rendered(problem=t("report.charts_failed", lang, detail=str(exc).splitlines()[0][:200]))


async def _render_all(charts: Sequence[Chart], progress: Progress | None) -> dict[str, bytes]:
    import kaleido  # 0.3 s of imports that only a briefing with charts needs

    out: dict[str, bytes] = {}
    if progress:
        progress(0, len(charts))
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT) as k:
        for i, chart in enumerate(charts, start=1):
            height = chart.figure.layout.height or 400
            opts = {"format": "png", "width": WIDTH, "height": height, "scale": SCALE}
            out[chart.name] = await k.calc_fig(chart.figure.to_dict(), opts=opts)
            if progress:
                progress(i, len(charts))
    return out


def _run(coro: object) -> dict[str, bytes]:
    """Run the coroutine here, or in a helper thread when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)  # type: ignore[arg-type]
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = asyncio.run(coro)  # type: ignore[arg-type]
        except BaseException as exc:  # handed back to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=work, name="report-charts")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
