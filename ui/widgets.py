"""Small pieces every page uses: the language switch, the demo label, metric cards, errors."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from common.i18n import fmt_num, fmt_signed
from metrics import MIN_RELIABLE_N, Metric
from metrics.change import Change
from metrics.years import YearStatus
from ui import data
from ui.auth import ensure_entry, require
from ui.carry import forget_widgets
from ui.state import bad_param, lang, tr

LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}


def language_switch() -> str:
    """The language toggle in the sidebar; the choice goes into the URL (a language we do not have is said so)."""
    raw = st.query_params.get("lang")
    current = lang()
    if raw is not None and raw != current:
        bad_param("lang", raw, " / ".join(LANG_LABELS))
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
        forget_widgets()  # rebuilt from the URL, with labels in the new language


def demo_label() -> None:
    """The illustrative-data label, shown wherever demo data are in the figures."""
    if data.has_demo_data():
        st.info(tr("ui.demo_banner"), icon="ℹ️")


def fmt_value(metric: Metric, value: float | None) -> str:
    """A metric value in the interface language, in the metric's declared format."""
    return metric.text(value, lang())


def incomplete_text(status: YearStatus) -> str:
    """"chưa đầy đủ: 5/69 đơn vị đã báo cáo" for an incomplete year, "" for a complete one."""
    if status.complete:
        return ""
    return tr("ui.incomplete", k=fmt_num(status.reporting, lang()), n=fmt_num(status.in_scope, lang()))


def year_notice(year: int, span: tuple[int, int]) -> None:
    """A warning above the figures when the chosen year is incomplete."""
    status = data.year_status(span).get(year)
    if status is not None and not status.complete:
        st.warning(tr("ui.incomplete_notice", year=year, text=incomplete_text(status)), icon=":material/hourglass_top:")


def change_text(metric: Metric, change: Change) -> tuple[str | None, str | None]:
    """The change on last year as the card's delta, and its reading ("no clear difference") beside it."""
    if change.verdict == "none":
        return None, None
    # Streamlit picks the arrow from a leading ASCII minus, so the typographic one is swapped.
    delta = metric.change_text(change.change, lang()).replace("−", "-")
    return delta, tr("ui.change_unclear") if change.verdict == "unclear" else None


def interval_text(change: Change) -> str:
    """The 95% interval of the change, for the card's caption ("" when it has none)."""
    if math.isnan(change.lo):
        return ""
    return tr("ui.change_interval", lo=fmt_signed(change.lo, lang(), 1, pct=True),
              hi=fmt_signed(change.hi, lang(), 1, pct=True))


def card_basis(metric: Metric, row: pd.Series, status: YearStatus | None) -> str:
    """What a card rests on: its numerator and denominator, the units reporting and in scope."""
    lg = lang()
    text = tr("ui.card_basis", num=fmt_num(row["numerator"], lg), den=fmt_num(row["denominator"], lg),
              what=metric.denominator_label(lg))
    if status is None:
        return text
    if metric.denominator == "units_reporting":
        text += " " + tr("ui.card_scope", n=fmt_num(status.in_scope, lg))
    else:
        text += "; " + tr("ui.card_reporting", k=fmt_num(status.reporting, lg), n=fmt_num(status.in_scope, lg))
    if bool(row.get("small", False)):
        text += " · " + tr("ui.small_flag", n=MIN_RELIABLE_N)
    incomplete = incomplete_text(status)
    return f"{text} · **{incomplete}**" if incomplete else text


def metric_card(column: object, metric: Metric, row: pd.Series, change: Change, status: YearStatus | None) -> None:
    """A card: the value, what it rests on, and the change on the previous year with its interval."""
    delta, note = change_text(metric, change)
    clear = change.clear and metric.better != "neutral"
    column.metric(  # type: ignore[attr-defined]
        metric.label(lang()), fmt_value(metric, float(row["value"])), delta=delta,
        delta_color=("normal" if metric.better == "higher" else "inverse") if clear else "off",
        delta_arrow="off" if change.verdict == "same" else "auto",
        delta_description=note, help=metric.definition(lang()), border=True,
    )
    interval = interval_text(change)
    basis = card_basis(metric, row, status)
    column.caption(f"{basis}  \n{interval}" if interval else basis)  # type: ignore[attr-defined]


def uploader_texts(limit_mb: int, types: Sequence[str]) -> None:
    """The file uploader's own texts ("Upload", "50MB per file") in the user's language. Streamlit 1.67
    writes them in its frontend with no parameter to change them, so a style puts ours in their place."""
    button = json.dumps(tr("ui.upload_button"), ensure_ascii=False)
    limit_text = tr("ui.upload_limit", mb=limit_mb) + " • " + ", ".join(t.upper() for t in types)
    limit = json.dumps(limit_text, ensure_ascii=False)
    drop = '[data-testid="stFileUploaderDropzone"]'
    st.html(f"""<style>
{drop} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
{drop} button [data-testid="stMarkdownContainer"] p::after {{ content: {button}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>""")


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
