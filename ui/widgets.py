"""Small pieces every page uses: the language switch, the demo label, metric cards, errors."""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st

from common.i18n import fmt_num
from metrics import Metric
from metrics.shown import Card
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


# A badge's tone as Streamlit's colour; its arrow is set apart, so the text keeps its true minus (−).
TONE_COLOURS = {"good": "green", "bad": "red", "neutral": "gray"}


def metric_card(column: object, card: Card, status: YearStatus | None) -> None:
    """A card as metrics.shown makes it: the value, the change badge, what it rests on and the comparison's base."""
    b = card.badge
    column.metric(  # type: ignore[attr-defined]
        card.label, card.value, delta=b.text if b else None, delta_color=TONE_COLOURS[b.tone] if b else "off",
        delta_arrow=b.arrow if b else "auto", delta_description=(b.note or None) if b else None,
        help=card.help, border=True,
    )
    incomplete = incomplete_text(status) if status is not None else ""
    basis = f"{card.basis} · **{incomplete}**" if incomplete else card.basis
    column.caption(f"{basis}  \n{card.detail}")  # type: ignore[attr-defined]


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
