"""The import page's year-and-round step, for a file without a year column: the year and round its title states,
shown to confirm or change before the commit, or a field asking for a year nothing states. A value is read from
its widget's state before the widget is drawn, so that the report shown already follows it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ingest.run import Decisions, ImportReport
from ui.state import tr


def _key(kind: str, digest: str) -> str:
    return f"period_{kind}_{digest[:12]}"


def _defaults(auto: ImportReport) -> tuple[int | None, int | None]:
    title = auto.period.title
    return (title.year, title.round) if title else (None, None)


def with_period(decided: Decisions, auto: ImportReport, digest: str) -> Decisions:
    """The decisions with the year and round the person entered where they differ from the title's (the title's
    stand otherwise)."""
    out: list[int | None] = []
    for kind, default in zip(("year", "round"), _defaults(auto), strict=True):
        value = st.session_state.get(_key(kind, digest), default)
        out.append(None if value is None or value == default else int(value))
    return replace(decided, year=out[0], round=out[1])


def period_step(auto: ImportReport, digest: str) -> None:
    """For a file without a year column: the year and round from its title, or a field asking for the year."""
    period = auto.period
    if period.year_from == "column":
        return  # the file's year column says it (a round column, or round 1, then says the round)
    year, rnd = _defaults(auto)
    with st.container(border=True):
        st.markdown(f"**{tr('import_period.title')}**")
        if year is None and st.session_state.get(_key("year", digest)) is None:
            st.error(tr("import_period.needed"), icon=":material/event_busy:")
        elif period.title is not None:
            st.caption(tr("import_period.from_title", row=period.title.row))
        left, right = st.columns(2)
        left.number_input(tr("import_period.year"), 1990, 2100, year, 1, key=_key("year", digest))
        if period.round_from != "column":
            right.number_input(tr("import_period.round"), 1, 12, rnd, 1, key=_key("round", digest),
                               help=tr("import_period.round_help"))
