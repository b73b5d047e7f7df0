"""Báo cáo — the committee's briefing for the current view (year and unit types from the URL),
as a PDF to print and an Excel workbook, with progress shown while the charts are drawn."""

from __future__ import annotations

import time

import streamlit as st

from common.errors import CchcError
from common.i18n import fmt_num, t
from common.unit_types import UNIT_TYPE_CODES, type_label
from report.build import Documents, make
from ui import data
from ui.filters import year_labels
from ui.state import initial, lang, one_of, seed, show_error, sync, tr
from ui.widgets import page_start, year_notice

MIME = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _types(raw: str) -> list[str] | None:
    """The `types` URL value (codes separated by commas), or None when a code is unknown."""
    codes = [c.strip() for c in raw.split(",") if c.strip()]
    return codes if all(c in UNIT_TYPE_CODES for c in codes) else None


def pickers(first: int, last: int) -> tuple[int, list[str]]:
    """The year and the unit types, seeded from the URL and written back to it."""
    years = list(range(last, first - 1, -1))
    # Keys of our own: the overview's "year" widget state does not carry over to another page.
    seed("report_year", initial("year", one_of(years), data.default_year((first, last)), f"{first}–{last}"))
    labels = year_labels((first, last))
    year = int(st.selectbox(tr("report.year"), years, key="report_year", format_func=lambda y: labels.get(y, str(y))))
    sync("year", year)
    year_notice(year, (first, last))
    none: list[str] = []
    seed("report_types", initial("types", _types, none, ", ".join(UNIT_TYPE_CODES)))
    types = st.multiselect(tr("report.types"), list(UNIT_TYPE_CODES), key="report_types",
                           format_func=lambda code: type_label(code, lang()), placeholder=tr("view.filters.all"))
    sync("types", types)
    return year, list(types)


def build(year: int, types: list[str], charts: bool) -> None:
    """Make both documents, showing each step and each chart drawn."""
    started = time.monotonic()
    with st.status(tr("report.building"), expanded=True) as status:
        bar = st.progress(0.0, text=tr("report.step_content"))

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=tr("report.step_chart", done=done, total=total))

        def step(name: str) -> None:
            if name == "write":
                bar.progress(1.0, text=tr("report.step_pdf"))

        try:
            docs = make(data.store(), year, types, lang(), charts=charts, progress=progress, step=step)
        except CchcError as exc:
            status.update(state="error")
            show_error(exc)
            return
        seconds = fmt_num(time.monotonic() - started, lang(), 1)
        status.update(label=tr("report.built", year=year, seconds=seconds), state="complete", expanded=False)
    st.session_state["report_docs"] = ((year, tuple(types), lang(), charts), docs)


def downloads(year: int, types: list[str], charts: bool) -> None:
    """The download buttons for the documents last made in this session."""
    made = st.session_state.get("report_docs")
    if made is None:
        return
    view, docs = made
    assert isinstance(docs, Documents)
    if view != (year, tuple(types), lang(), charts):
        st.info(tr("report.stale"), icon=":material/info:")
    if docs.chart_problem:
        st.warning(docs.chart_problem, icon=":material/warning:")
    name = f"{t('report_legend.file_stem', docs.briefing.lang)}-{docs.briefing.year}-{docs.briefing.lang}"
    left, right = st.columns(2)
    for col, fmt, payload in ((left, "pdf", docs.pdf), (right, "xlsx", docs.xlsx)):
        if payload:
            col.download_button(tr(f"report.download_{fmt}"), payload, file_name=f"{name}.{fmt}", mime=MIME[fmt],
                                key=f"download_{fmt}", on_click="ignore", icon=":material/download:", type="primary")


def main() -> None:
    """Render the page."""
    span = page_start("report.page_title", "report.page_intro")
    if span is None:
        return
    year, types = pickers(*span)
    charts = st.toggle(tr("report.with_charts"), value=True, key="with_charts")
    if st.button(tr("report.build"), key="build", type="primary", icon=":material/description:"):
        build(year, types, charts)
    downloads(year, types, charts)


main()
