"""From a request to the bytes of a document: content, charts (one browser), then PDF or workbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from report.content import build_briefing
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
