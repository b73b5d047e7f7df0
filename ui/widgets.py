"""Small pieces every page uses: the language switch, the demo label, metric cards, errors."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from common.i18n import fmt_num, fmt_pct, fmt_signed
from metrics import Metric
from ui import data
from ui.auth import ensure_entry, require
from ui.state import lang, tr

LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}


def language_switch() -> str:
    """The language toggle in the sidebar; the choice goes into the URL."""
    current = lang()
    st.session_state["lang_switch"] = current
    chosen = st.sidebar.segmented_control(
        "Ngôn ngữ / Language", list(LANG_LABELS), format_func=LANG_LABELS.__getitem__,
        key="lang_switch", on_change=_lang_changed,
    )
    st.query_params["lang"] = chosen or current
    return str(chosen or current)


def _lang_changed() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANG_LABELS:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


def demo_label() -> None:
    """The illustrative-data label, shown wherever demo data are in the figures."""
    if data.has_demo_data():
        st.info(tr("ui.demo_banner"), icon="ℹ️")


def fmt_value(metric: Metric, value: float | None) -> str:
    """A metric value in the interface language."""
    if metric.unit == "percent":
        return fmt_pct(value, lang())
    return fmt_num(value, lang(), 1)


def metric_card(column: object, metric: Metric, row: pd.Series, prev: pd.Series | None) -> None:
    """A card: the value, what it rests on, and the change on the previous year."""
    value = float(row["value"])
    delta = None
    if prev is not None and not (math.isnan(value) or math.isnan(float(prev["value"]))):
        change = value - float(prev["value"])
        # Streamlit picks the arrow from a leading ASCII minus, so the typographic one is swapped.
        delta = fmt_signed(change, lang(), 1, pct=metric.unit == "percent").replace("−", "-")
    basis = tr("ui.card_basis", num=fmt_num(row["numerator"], lang()), den=fmt_num(row["denominator"], lang()),
               what=metric.denominator_label(lang()))
    column.metric(  # type: ignore[attr-defined]
        metric.label(lang()), fmt_value(metric, value), delta=delta,
        delta_color="normal" if metric.better == "higher" else "inverse",
        help=metric.definition(lang()), border=True,
    )
    column.caption(basis)  # type: ignore[attr-defined]


def page_start(title_key: str, subtitle_key: str | None = None) -> tuple[int, int] | None:
    """Through the entry script, for a signed-in viewer or more: title, subtitle and the demo
    label; the years with data, or None after saying there are none."""
    ensure_entry()
    require("viewer")
    st.title(tr(title_key))
    if subtitle_key:
        st.caption(tr(subtitle_key))
    demo_label()
    span = data.year_range()
    if span is None:
        st.warning(tr("ui.no_data"))
    return span
