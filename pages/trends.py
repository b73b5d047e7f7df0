"""Xu hướng áp dụng — the committee's page: coverage by unit type, the ISO version mix with the
2021 deadline, inspection coverage against the one-third floor, improvement by year and round
with its interval, process churn and step reduction by unit type, and a yearly table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import base, trends
from common.i18n import fmt_count, t
from common.unit_types import UNIT_TYPE_CODES
from metrics import MIN_RELIABLE_N, evaluate, evaluate_all, get
from metrics.shown import fmt_metric
from ui import data, filters
from ui.downloads import chart, table
from ui.shared import shared
from ui.state import lang, tr
from ui.widgets import page_start, year_notice

CHURN = ("processes_removed_per_unit", "processes_new_per_unit", "processes_amended_per_unit")
TABLE = ("coverage", "iso2015_rate", "inspection_coverage", "improvement_rate", "processes_removed_per_unit",
         "processes_new_per_unit", "processes_amended_per_unit", "step_reduction_rate", "procedures_iso_share")
LINKED = ("coverage", "iso2015_rate", "inspection_coverage", "improvement_rate", *CHURN, "step_reduction_rate")


def _coverage_figure(span: tuple[int, int], scope: filters.Scope, lg: str) -> go.Figure:
    """Coverage by unit type and year, with the 2025 note: the same for every session (ui.shared)."""
    values = evaluate(data.counts(["year", "unit_type"], span, **scope.params()), "coverage")
    order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
    values = values.sort_values("unit_type", key=lambda s: s.map(order), kind="stable")
    fig = trends.trend_by_type(values, get("coverage"), lg, data.has_demo_data(), data.incomplete_years(span))
    trends.reorg_note(fig, lg, *span)
    fig.update_layout(title_text=t("view.trends.coverage_title", lg))
    base.tidy(fig, lg)
    return fig


def _versions_figure(span: tuple[int, int], scope: filters.Scope, lg: str) -> go.Figure:
    """Units by ISO version each year (units as they were), the conversion deadline marked."""
    counts = data.version_counts(span, scope.types, scope.levels)
    return trends.version_mix(counts, lg, data.has_demo_data(), span)


def _inspection_figure(span: tuple[int, int], scope: filters.Scope, lg: str) -> go.Figure:
    """Inspection coverage each year against the one-third floor."""
    values = evaluate(data.counts(["year"], span, **scope.params()), "inspection_coverage")
    return trends.rate_over_years(values, get("inspection_coverage"), lg, data.has_demo_data(), span,
                                  t("view.trends.inspection_title", lg), incomplete=data.incomplete_years(span))


coverage_figure, versions_figure = shared(_coverage_figure), shared(_versions_figure)
inspection_figure = shared(_inspection_figure)


def coverage(span: tuple[int, int], scope: filters.Scope, demo: bool) -> None:
    """Coverage by unit type and year, with the 2025 note."""
    chart(coverage_figure(span, scope, lang()), f"coverage-{span[0]}-{span[1]}", "coverage_chart")


def versions(span: tuple[int, int], scope: filters.Scope, demo: bool) -> None:
    """Units by ISO version each year (units as they were), the conversion deadline marked."""
    chart(versions_figure(span, scope, lang()), f"iso-versions-{span[0]}-{span[1]}", "versions_chart")


def inspection(span: tuple[int, int], scope: filters.Scope, demo: bool) -> None:
    """Inspection coverage each year against the one-third floor."""
    chart(inspection_figure(span, scope, lang()), f"inspection-coverage-{span[0]}-{span[1]}", "inspection_chart")


def rounds(span: tuple[int, int], scope: filters.Scope, demo: bool) -> None:
    """Improvement rate by year and inspection round with its 95% interval and n."""
    found = data.rounds(["year", "inspection_round"], span, **scope.params())
    if found.empty:
        st.info(tr("view.trends.no_rounds"))
        return
    values = evaluate(found, "improvement_rate")
    chart(trends.rounds_chart(values, get("improvement_rate"), lang(), demo, span), "improvement-rounds",
          "rounds_chart")
    st.caption(tr("view.trends.rounds_caption", n=MIN_RELIABLE_N))


def churn(span: tuple[int, int], scope: filters.Scope, demo: bool) -> None:
    """Processes removed, new and amended per unit, and the step reduction, by unit type."""
    lg = lang()  # once: each call reads the URL and the session
    by_type = data.counts(["unit_type"], span, **scope.params())
    if by_type.empty:
        st.info(tr("view.trends.no_types"))
        return
    long = pd.concat([evaluate(by_type, k).assign(metric=k) for k in (*CHURN, "step_reduction_rate")])
    title = tr("view.trends.churn_title", first=span[0], last=span[1])
    left, right = st.columns([3, 2])
    with left:
        fig = trends.by_type_bars(long, [get(k) for k in CHURN], lg, demo, title)
        chart(fig, f"churn-{span[0]}-{span[1]}", "churn_chart")
    with right:
        title = tr("view.trends.steps_title", first=span[0], last=span[1])
        fig = trends.by_type_bars(long, [get("step_reduction_rate")], lg, demo, title)
        chart(fig, f"step-reduction-{span[0]}-{span[1]}", "steps_chart")


def yearly_table(span: tuple[int, int], scope: filters.Scope) -> None:
    """One row per year: the metrics in the interface language, n beside each rate; full data to download."""
    lg = lang()  # once: each call reads the URL and the session
    totals = data.counts(["year"], span, **scope.params())
    wide = evaluate_all(totals)
    late = set(data.incomplete_years(span))
    years = [f"{y} ({tr('ui.incomplete_short')})" if y in late else str(y) for y in wide["year"]]
    shown = pd.DataFrame({tr("view.filters.year"): years,
                          tr("view.trends.col_scope"): [fmt_count(v, lg) for v in totals["units_in_scope"]]})
    for key in TABLE:
        metric = get(key)
        shown[metric.label(lg)] = [fmt_metric(metric, v, lg) for v in wide[key]]
        if metric.unit == "percent":
            shown[f"n · {metric.label(lg)}"] = [fmt_count(v, lg) for v in wide[f"{key}__n"]]
    full = totals.merge(wide, on="year")
    table(shown, full, f"xu-huong-{span[0]}-{span[1]}", "yearly")


def main() -> None:
    """Render the page."""
    span = page_start("view.trends.title", "view.trends.subtitle")
    if span is None:
        return
    years = filters.year_span("trends", *span)
    for year in data.incomplete_years(years):
        year_notice(year, years)
    scope = filters.scope("trends")
    demo = data.has_demo_data()
    st.markdown(tr("view.trends.definitions") + " " + " · ".join(filters.metric_link(k) for k in LINKED))
    if years[0] <= trends.REORG_YEAR <= years[1]:
        st.caption(tr("view.trends.reorg_caption"))
    coverage(years, scope, demo)
    versions(years, scope, demo)
    left, right = st.columns(2)
    with left:
        inspection(years, scope, demo)
    with right:
        rounds(years, scope, demo)
    st.subheader(tr("view.trends.churn_heading"))
    churn(years, scope, demo)
    st.subheader(tr("view.trends.table_title", first=years[0], last=years[1]))
    yearly_table(years, scope)


main()
