"""Hồ sơ đơn vị — one unit's whole history: its figures year by year against the median of its
type, its inspections and whether it improved, where it came from and what it became, and its
figures rolled up into today's successor."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import trends
from common.i18n import fmt_count, fmt_date, t
from common.plain import md
from common.unit_types import level_label, type_label
from metrics import REGISTRY, evaluate, get
from metrics.model import Metric
from ui import data, filters, mine
from ui.downloads import chart, table
from ui.shared import shared
from ui.state import lang, tr
from ui.widgets import demo_label

FIGURES = ("iso_version", "processes_total", "processes_removed", "processes_new", "processes_amended",
           "steps_before", "steps_after", "procedures_total", "procedures_under_iso")
CHAINED = ("merge", "rename")


def final_successor(code: str, lineage: pd.DataFrame) -> str:
    """The unit that finally carries this unit's figures after merges and renames (itself if none)."""
    seen = {code}
    while True:
        nxt = lineage[(lineage["predecessor_code"] == code) & lineage["kind"].isin(CHAINED)]["successor_code"]
        nxt = nxt.dropna()
        if nxt.empty or nxt.iloc[0] in seen:
            return code
        code = str(nxt.iloc[0])
        seen.add(code)


def details(unit: pd.Series) -> None:
    """Name, type, level and validity period, as plain text."""
    rows = {
        tr("view.profile.f_name"): unit["unit_name"],
        tr("view.profile.f_code"): unit["unit_code"],
        tr("view.profile.f_type"): type_label(str(unit["unit_type"]), lang()),
        tr("view.profile.f_level"): level_label(str(unit["admin_level"]), lang()),
        tr("view.profile.f_valid"): validity(unit["valid_from"], unit["valid_to"]),
    }
    frame = pd.DataFrame({tr("view.profile.field"): list(rows), tr("view.profile.value"): list(rows.values())})
    st.dataframe(frame, hide_index=True, key="details_df")


def validity(start: object, end: object) -> str:
    """The validity period in words: "từ 01/03/2025", "đến 28/02/2025", both, or no dates recorded."""
    known = [not (v is None or pd.isna(v)) for v in (start, end)]
    if all(known):
        return f"{_date(start)} → {_date(end)}"
    if known[0]:
        return tr("view.profile.valid_from", date=_date(start))
    if known[1]:
        return tr("view.profile.valid_to", date=_date(end))
    return tr("view.profile.valid_open")


def _date(value: object) -> str:
    return "–" if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value).date(), lang())


def lineage_section(code: str, lineage: pd.DataFrame, names: dict[str, str]) -> None:
    """Predecessors and successors with the date, kind of change and legal basis."""
    rows = lineage[(lineage["predecessor_code"] == code) | (lineage["successor_code"] == code)]
    if rows.empty:
        st.caption(tr("view.profile.no_lineage"))
        return
    shown = pd.DataFrame({
        tr("view.profile.l_from"): [names.get(c, c) for c in rows["predecessor_code"]],
        tr("view.profile.l_to"): [names.get(c, c) if isinstance(c, str) else "–" for c in rows["successor_code"]],
        tr("view.profile.l_date"): [_date(d) for d in rows["event_date"]],
        tr("view.profile.l_kind"): [tr(f"view.profile.kind_{k}") for k in rows["kind"]],
        tr("view.profile.l_basis"): rows["legal_basis"].fillna("–"),
    })
    table(shown, rows, f"ke-thua-{code}", "lineage")


def _history_figure(code: str, unit_type: str, key: str, span: tuple[int, int], name: str, lg: str) -> go.Figure:
    """The unit's metric over the years against the median of its type: the same for every session (ui.shared)."""
    metric = get(key)
    median = data.type_median(metric.numerator, metric.denominator, span, unit_type).assign(
        name=t("view.profile.median", lg, type=type_label(unit_type, lg)), denominator=float("nan"))
    own = evaluate(data.counts(["year", "unit_code"], span, unit_codes=[code]), metric.key).assign(name=name)
    # The unit's own rates carry the one small-sample rule (metrics.evaluate); a median is not a share of cases.
    both = pd.concat([own, median.assign(small=False)], ignore_index=True)
    return trends.series(both, metric, lg, data.has_demo_data(), span, metric.label(lg),
                         dashed=(str(median["name"].iloc[0]),) if len(median) else ())


history_figure = shared(_history_figure)


def history(code: str, unit_type: str, metric: Metric, span: tuple[int, int], name: str) -> None:
    """The unit's metric over the years against the median of the units of its type."""
    chart(history_figure(code, unit_type, metric.key, span, name, lang()), f"{code}-{metric.key}", "history_chart")


def figures_table(code: str, span: tuple[int, int]) -> None:
    """The reported figures year by year; a year in scope without a report says so, never 0."""
    lg = lang()  # once: each call reads the URL and the session
    years = data.counts(["year", "unit_code"], span, unit_codes=[code])
    years = years[(years["units_in_scope"] > 0) | (years["units_reporting"] > 0)][["year", "units_reporting"]]
    rows = years.merge(data.unit_years([code]), on="year", how="left")
    shown = pd.DataFrame({tr("view.filters.year"): rows["year"].astype(str)})
    shown[tr("view.profile.reported")] = [tr("view.yes") if r else tr("view.missing") for r in rows["units_reporting"]]
    for col in FIGURES:
        as_text = fmt_count if col != "iso_version" else _version
        shown[tr(f"view.fig.{col}")] = [as_text(v, lg) for v in rows[col]]
    table(shown, rows, f"so-lieu-{code}", "figures")


def _version(value: object, _lang: str) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def inspections_table(code: str) -> None:
    """Every inspection of the unit: year, round, date and whether it improved."""
    found = data.inspections([code])
    if found.empty:
        st.caption(tr("view.profile.no_inspections"))
        return
    improved = {True: tr("view.yes"), False: tr("view.no")}
    shown = pd.DataFrame({
        tr("view.filters.year"): found["year"].astype(str),
        tr("view.profile.i_round"): found["inspection_round"].astype(str),
        tr("view.profile.i_date"): [_date(d) for d in found["inspected_on"]],
        tr("view.profile.i_improved"): [improved.get(v, "–") if not pd.isna(v) else "–" for v in found["improved"]],
        tr("view.profile.i_note"): found["note"].fillna(""),
    })
    table(shown, found, f"kiem-tra-{code}", "inspections")


def rolled_up(code: str, lineage: pd.DataFrame, metric: Metric, span: tuple[int, int], names: dict[str, str]) -> None:
    """The figures of today's successor with all its predecessors' figures rolled into it."""
    ident = final_successor(code, lineage)
    merged_in = lineage[(lineage["successor_code"] == ident) & lineage["kind"].isin(CHAINED)]
    if ident == code and merged_in.empty:
        return
    st.subheader(tr("view.profile.rollup_title", unit=md(names.get(ident, ident))))
    rolled = evaluate(data.counts(["year", "unit_code"], span, unit_codes=[ident], rollup=True), metric.key)
    own = evaluate(data.counts(["year", "unit_code"], span, unit_codes=[code]), metric.key)
    both = pd.concat([rolled.assign(name=tr("view.profile.rolled", unit=names.get(ident, ident))),
                      own.assign(name=names.get(code, code))], ignore_index=True)
    fig = trends.series(both, metric, lang(), data.has_demo_data(), span, metric.label(lang()))
    chart(fig, f"{ident}-rollup-{metric.key}", "rollup_chart")


def _default_unit() -> str:
    """Sở Nội vụ in the demo province, else the first unit by code."""
    return "LS-SNV" if data.unit_names(["LS-SNV"]) else str(data.find_units("", 1)["unit_code"].iloc[0])


def _names(code: str, lineage: pd.DataFrame) -> dict[str, str]:
    """Names of the unit, the units its lineage touches and its final successor."""
    touching = lineage[(lineage["predecessor_code"] == code) | (lineage["successor_code"] == code)]
    codes = {code, final_successor(code, lineage), *touching["predecessor_code"], *touching["successor_code"].dropna()}
    return data.unit_names(sorted(codes))


def main() -> None:
    """Render the page."""
    title = st.empty()  # named for the unit once it is chosen, below
    title.title(tr("view.profile.title"))
    demo_label()
    span = data.year_range()
    if span is None or data.unit_count() == 0:
        st.warning(tr("ui.no_data"))
        return
    me = mine.picker("profile")
    code = filters.unit("profile", me or _default_unit())
    metric = filters.metric("profile", list(REGISTRY), "step_reduction_rate")
    unit = data.units_by_code([code]).iloc[0]
    lineage = data.lineage()
    names = _names(code, lineage)
    title.title(tr("view.profile_named.title", unit=md(names[code])))
    details(unit)
    # The whole width: in a column beside the details its legal basis was cut at 1440 px with no hint.
    st.markdown(f"**{tr('view.profile.lineage_title')}**")
    lineage_section(code, lineage, names)
    metric_part(code, str(unit["unit_type"]), span, metric, lineage, names)
    st.subheader(tr("view.profile.figures_title"))
    figures_table(code, span)
    st.subheader(tr("view.profile.inspections_title"))
    inspections_table(code)


def metric_part(code: str, unit_type: str, span: tuple[int, int], metric: Metric, lineage: pd.DataFrame,
                names: dict[str, str]) -> None:
    """What the metric changes: the history against the type's median, the rank in the type and the roll-up."""
    st.subheader(tr("view.profile.history_title"))
    st.markdown(f"{filters.metric_link(metric.key)} — {metric.definition(lang())}")
    history(code, unit_type, metric, span, names[code])
    mine.rank_section(code, names[code], unit_type, metric, span)
    rolled_up(code, lineage, metric, span, names)


main()
