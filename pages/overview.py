"""Tổng quan — the committee's home: the year's key figures, trends by unit type, a table by type."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from charts.trends import trend_by_type
from common.i18n import fmt_num, fmt_pct
from common.plain import md
from common.unit_types import UNIT_TYPE_CODES
from metrics import MIN_RELIABLE_N, evaluate, get
from metrics.like import reorganisation
from metrics.selection import CARD_METRICS, TREND_METRICS
from metrics.shown import card, card_input, reorganisation_text
from ui import by_type, carry, data
from ui.filters import year_labels
from ui.shared import shared
from ui.state import initial, lang, one_of, seed, sync, tr
from ui.widgets import incomplete_text, metric_card, page_start, year_notice


def year_picker(first: int, last: int) -> None:
    """The year select box, starting from the URL's `year`, else the latest complete year."""
    years = list(range(last, first - 1, -1))
    start = data.default_year((first, last))
    seed("year", initial("year", one_of(years), start, f"{first}–{last}"))
    labels = year_labels((first, last))
    st.selectbox(tr("overview.year"), years, key="year", format_func=lambda y: labels.get(y, str(y)))


def year_part(span: tuple[int, int]) -> None:
    """Everything above the trends that shows the chosen year; the year goes into the URL here."""
    year = int(st.session_state["year"])
    sync("year", year)
    year_notice(year, span)
    reorganised_notice(year, span)
    in_words(year)
    cards(year, span)
    rounds_line(year)


def in_words(year: int) -> None:
    """The year in words, as the briefing opens (report.summary); unit names kept plain text."""
    with st.expander(tr("summary.heading", year=year), expanded=True, icon=":material/article:"):
        for paragraph in data.year_in_words(year, lang()):
            st.markdown(md(paragraph))


def cards(year: int, span: tuple[int, int]) -> None:
    """The key figures of the year, what each rests on, and the change on the previous year over matched units."""
    lg = lang()  # once: each call reads the URL and the session
    totals = data.counts(["year"], span)
    status = data.year_status(span).get(year)
    by_unit = data.counts(["unit_code"], (year, year))
    rolled = (data.counts(["year", "unit_code"], (year - 1, year), rollup=True, rollup_through=year)
              if year > span[0] else None)
    reorg = reorganisation(totals, data.lineage(), year)
    neutral = status is not None and not status.complete  # a partly reported year colours no change
    cols: Sequence[DeltaGenerator] = []
    for i, key in enumerate(CARD_METRICS):
        if i % 3 == 0:  # a row of three at a time, so that a phone stacks them in reading order
            cols = st.columns(3)
        given = card_input(key, totals, by_unit, rolled, year, neutral)
        if given is not None:
            metric_card(cols[i % 3], card(get(key), given, year, reorg.reorganised, lg), status)


def reorganised_notice(year: int, span: tuple[int, int]) -> None:
    """In a year whose units the lineage changed: both counts, and that changes rest on matched units."""
    reorg = reorganisation(data.counts(["year"], span), data.lineage(), year)
    if reorg.reorganised:
        st.info(tr("fair.reorganised_notice", year=year, prev=year - 1, text=reorganisation_text(reorg, lang())),
                icon=":material/account_tree:")


def rounds_line(year: int) -> None:
    """Improvement per inspection round, with its interval: the article's 15/19 lives here."""
    found = data.rounds(["inspection_round"], (year, year))
    if found.empty:
        st.caption(tr("overview.no_inspections", year=year))
        return
    rates = evaluate(found, "improvement_rate")
    parts = [
        tr("overview.round_line", round=int(r["inspection_round"]), k=fmt_num(r["numerator"], lang()),
           n=fmt_num(r["denominator"], lang()), rate=fmt_pct(r["value"], lang()),
           lo=fmt_pct(r["lo"], lang()), hi=fmt_pct(r["hi"], lang()))
        for _, r in rates.iterrows()
    ]
    st.markdown(tr("overview.rounds_title", year=year) + " " + " · ".join(parts))


def _trend_figure(span: tuple[int, int], key: str, lg: str) -> go.Figure:
    """One trend chart by unit type: the same for every session at the same data (ui.shared)."""
    by_type = data.counts(["year", "unit_type"], span)
    incomplete = [y for y, s in data.year_status(span).items() if not s.complete]
    order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
    values = evaluate(by_type, key).sort_values(["unit_type"], key=lambda s: s.map(order))
    return trend_by_type(values, get(key), lg, data.has_demo_data(), incomplete)


trend_figure = shared(_trend_figure)


def trends(span: tuple[int, int]) -> None:
    """Trend charts by unit type from the first year on."""
    lg = lang()  # once: each call reads the URL and the session
    tabs = st.tabs([get(k).label(lg) for k in TREND_METRICS])
    for tab, key in zip(tabs, TREND_METRICS, strict=True):
        tab.plotly_chart(trend_figure(span, key, lg), width="stretch", key=f"trend_{key}")
        tab.caption(tr("overview.trends_legend", n=MIN_RELIABLE_N))


def table_part(span: tuple[int, int]) -> None:
    """The table by unit type for the chosen year (ui.by_type), its downloads and the link to the year's briefing."""
    year = int(st.session_state["year"])
    status = data.year_status(span).get(year)
    late = f" — {incomplete_text(status)}" if status is not None and not status.complete else ""
    st.subheader(tr("overview.table_title", year=year) + late)
    by_type.section(year)
    st.caption(tr("overview.table_note", n=MIN_RELIABLE_N))
    st.page_link("pages/briefing.py", label=tr("report.open_report", year=year), icon=":material/picture_as_pdf:",
                 query_params=carry.params(year=str(year)))


def main() -> None:
    """Render the page."""
    span = page_start("overview.title", "overview.subtitle")
    if span is None:
        return
    year_picker(*span)
    year_part(span)
    st.subheader(tr("overview.trends_title", first=span[0], last=span[1]))
    trends(span)
    table_part(span)


main()
