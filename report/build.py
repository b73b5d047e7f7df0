"""From a request to the bytes of a document: the facts read once (report.gather), the content composed
from them, charts (one browser), then PDF or workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from report.content import compose
from report.facts import Facts
from report.gather import check_request, gather
from report.images import Progress, Rendered, render
from report.model import Briefing
from store import Store


@dataclass(frozen=True)
class Documents:
    """The documents made for one briefing, and why its charts are missing if they are."""

    briefing: Briefing
    pdf: bytes | None
    xlsx: bytes | None
    chart_problem: str | None


def facts(store: Store, year: int, unit_types: Sequence[str] = (), trends: bool = False) -> Facts:
    """The facts of a briefing, once the request is checked (an error says why it cannot be made)."""
    span = check_request(store, year, unit_types)
    return gather(store, year, unit_types, trends, span)


def build_briefing(
    store: Store,
    year: int,
    unit_types: Sequence[str] = (),
    lang: str = "vi",
    charts: bool = True,
    today: dt.date | None = None,
) -> Briefing:
    """The briefing for `year`, limited to `unit_types` (all when empty); charts only when asked."""
    return compose(facts(store, year, unit_types, trends=charts), lang, today)


def make(
    store: Store,
    year: int,
    unit_types: Sequence[str] = (),
    lang: str = "vi",
    formats: Sequence[str] = ("pdf", "xlsx"),
    charts: bool = True,
    progress: Progress | None = None,
    step: Callable[[str], None] | None = None,
) -> Documents:
    """Build the briefing once and write it in each format asked for; `step` hears "charts"/"write"."""
    from report.pdf import build_pdf  # fpdf2 and xlsxwriter load only for the format asked for
    from report.xlsx import build_xlsx

    want_charts = charts and "pdf" in formats
    briefing = build_briefing(store, year, unit_types, lang, charts=want_charts)
    if step:
        step("charts")
    rendered = render(briefing.charts, lang, progress) if want_charts else Rendered()
    if step:
        step("write")
    return Documents(
        briefing,
        build_pdf(briefing, rendered) if "pdf" in formats else None,
        build_xlsx(briefing) if "xlsx" in formats else None,
        rendered.problem,
    )
