"""So sánh đơn vị — the leaders' page: a ranking for one metric, year and unit type with each rank's
interval, each unit's funnel class against its group (the bars' colour), change on last year, the rank
move when it is clear, the best and average lines and the funnel plot; then several units' series."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import funnel as funnel_chart
from charts import mine as mine_charts
from charts import ranking as ranking_chart
from charts import trends
from charts.funnel import class_colour
from common.i18n import fmt_count, t
from common.plain import md
from metrics import MIN_RELIABLE_N, Metric, distance_to_best, evaluate, get, reference_lines, target_bands
from metrics import ranking as fair
from metrics.funnel import class_label, kind
from metrics.shown import fmt_metric
from ui import data, filters, mine
from ui.downloads import chart, table
from ui.grid import grid
from ui.shared import shared
from ui.state import lang, tr
from ui.widgets import page_start

# A chart of thousands of bars says nothing a table does not: above this, the best and the last half each.
RANKING_BARS = 40


def _ranking(key: str, year: int, first: int, scope: filters.Scope) -> pd.DataFrame:
    """This year's ranking (metrics.ranking: rank interval, funnel class, move) with last year beside it."""
    metric = get(key)
    counts = data.counts(["year", "unit_code"], (max(first, year - 1), year), **scope.params())
    values = evaluate(counts, metric.key)
    if values.empty or year not in set(values["year"]):
        return values
    current = fair.ranking(values, metric, year)
    current["to_best"] = distance_to_best(current["value"], metric.better)
    current["colour_band"] = [class_colour(c, metric) for c in current["class"]]
    current["target_band"] = target_bands(current["value"], metric) if metric.target is not None else None
    current["name"] = current["unit_code"].map(data.unit_names(list(current["unit_code"])))
    return current


ranking = shared(_ranking)  # the same for every session at the same data: built once (ui.shared)


def _ranking_figure(key: str, year: int, first: int, scope: filters.Scope, lg: str, me: str | None) -> go.Figure:
    """The ranking's bars (the best and the last when there are many), my unit outlined, points to click on."""
    current, metric = ranking(key, year, first, scope), get(key)
    bars = ranking_chart.ranking_rows(current, RANKING_BARS)
    fig = ranking_chart.ranking(bars, metric, lg, data.has_demo_data(),
                                reference_lines(current["value"], metric.better))
    mine_charts.outline_bar(fig, bars, me, lg)
    mine_charts.click_targets(fig)
    return fig


ranking_figure = shared(_ranking_figure)  # by my unit too: sessions of the same unit share it


def shown(current: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """The ranking as the page shows it: text in the interface language, missing as –."""
    lg = lang()  # once: each call reads the URL and the session
    cols: dict[str, object] = {
        tr("fair.col_rank"): [fair.rank_text(*r, lg) for r in zip(current["rank"], current["rank_lo"],
                                                                   current["rank_hi"], strict=True)],
        tr("view.compare.col_unit"): current["name"],
        metric.label(lg): [fmt_metric(metric, v, lg) for v in current["value"]],
        tr("fair.col_interval"): [fair.interval_text(a, b, metric, lg)
                                  for a, b in zip(current["rate_lo"], current["rate_hi"], strict=True)],
        "n": [fmt_count(v, lg) for v in current["denominator"]],
        tr("view.compare.col_small"): ["⚠" if s else "" for s in current["small"]],
        tr("fair.col_class"): [class_label(c, lg) for c in current["class"]],
    }
    if metric.target is not None:
        cols[tr("view.compare.col_band")] = [tr(f"view.compare.target_{b}") for b in current["target_band"]]
    cols[tr("view.compare.col_to_best")] = [metric.change_text(v, lg).lstrip("+") if not pd.isna(v) else "–"
                                            for v in current["to_best"]]
    cols[tr("view.compare.col_change")] = [metric.change_text(v, lg) for v in current["change"]]
    cols[tr("view.compare.col_move")] = [fair.move_text(v, lg) for v in current["move"]]
    return pd.DataFrame(cols)


def full(current: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """The full download: every column of the ranking, the class and move also in words."""
    lg = lang()
    out = current.drop(columns=["colour_band"]).assign(metric=metric.key)
    out[tr("fair.col_class")] = [class_label(c, lg) for c in current["class"]]
    out[tr("fair.col_rank")] = [fair.rank_text(*r, lg) for r in zip(current["rank"], current["rank_lo"],
                                                                     current["rank_hi"], strict=True)]
    return out


def _funnel_figure(key: str, year: int, first: int, scope: filters.Scope, lg: str) -> go.Figure:
    """The funnel plot of the ranking's units: the same for every session (ui.shared)."""
    metric = get(key)
    return funnel_chart.funnel(ranking(key, year, first, scope), metric, kind(metric), lg, data.has_demo_data(),
                               t("fair.funnel.title", lg, metric=metric.label(lg), year=year))


funnel_figure = shared(_funnel_figure)


def funnel_section(current: pd.DataFrame, metric: Metric, year: int, first: int, scope: filters.Scope) -> None:
    """The funnel plot of the ranking's units (`current`), and how to read it."""
    if not (current["value"].notna() & (current["denominator"] > 0)).any():
        return
    chart(funnel_figure(metric.key, year, first, scope, lang()), f"pheu-{metric.key}-{year}", "funnel_chart")
    phi = float(current["phi"].dropna().iloc[0]) if current["phi"].notna().any() else 1.0
    note = " " + tr("fair.funnel.phi", phi=fmt_count(phi, lang(), 1)) if phi > 1 else ""
    st.caption(tr("fair.funnel.caption") + note)


def ranking_section(metric: Metric, year: int, first: int, scope: filters.Scope,
                    me: str | None = None) -> pd.DataFrame:
    """The ranking chart, the funnel and the table with their downloads."""
    current = ranking(metric.key, year, first, scope)
    if current.empty:
        st.warning(tr("view.compare.no_units", year=year))
        return current
    st.subheader(tr("view.compare.ranking_title", metric=metric.label(lang()), year=year))
    bars = ranking_chart.ranking_rows(current, RANKING_BARS)
    fig = ranking_figure(metric.key, year, first, scope, lang(), me)
    mine.bars_of(fig, bars)
    chart(fig, f"{metric.key}-{year}", "ranking_chart", on_select="rerun", selection_mode="points")
    if len(bars) < len(current):
        st.caption(tr("view_scale.ranking_cut", half=RANKING_BARS // 2, total=int(current["value"].notna().sum())))
    missing = int(current["value"].isna().sum())
    note = " " + tr("view.compare.missing", k=missing) if missing else ""
    st.caption(tr("fair.legend", n=MIN_RELIABLE_N) + note)
    funnel_section(current, metric, year, first, scope)
    before = current["group_before"].iloc[0]
    if not pd.isna(before):
        st.info(tr("fair.group_not_compared", group=fair.group_text(int(before), len(current), lang())))
    ranked = shown(current, metric)
    ranked[tr("view.compare.col_unit")] = mine.marked(current["name"], current["unit_code"], me)
    if me and me not in set(current["unit_code"]):
        st.caption(tr("view.mine.not_in_ranking", unit=md(data.unit_names([me]).get(me, me))))
    st.caption(tr("view.mine.click_hint"))
    table(ranked, full(current, metric), f"xep-hang-{metric.key}-{year}", "ranking", on_select="rerun",
          selection_mode="single-row")
    mine.rows_of("ranking_df", current["unit_code"])
    return current


def series_section(metric: Metric, current: pd.DataFrame, span: tuple[int, int], scope: filters.Scope,
                   me: str | None = None) -> None:
    """Several units' series side by side over the years."""
    st.subheader(tr("view.compare.series_title"))
    options = dict(zip(current["unit_code"], current["name"], strict=True))
    top = list(current["unit_code"].head(2))
    chosen = filters.units("compare", options, [me, top[0]] if me and me in options and me != top[0] else top)
    if not chosen:
        st.info(tr("view.compare.pick_units"))
        return
    counts = data.counts(["year", "unit_code"], span, unit_codes=chosen, rollup=scope.rollup)
    values = evaluate(counts, metric.key)
    values["name"] = mine.marked(values["unit_code"].map(data.unit_names(chosen)), values["unit_code"], me)
    fig = trends.series(values, metric, lang(), data.has_demo_data(), span, metric.label(lang()))
    chart(fig, f"{metric.key}-{'-'.join(chosen)}", "series_chart")
    wide = values.pivot(index="year", columns="name", values="value")
    text = wide.map(lambda v: fmt_metric(metric, v, lang())).reset_index().astype({"year": str})
    table(text.rename(columns={"year": tr("view.filters.year")}), values, f"chuoi-{metric.key}", "series")



@st.fragment(key="compare_year")
def year_part(year: int, span: tuple[int, int], scope: filters.Scope, metric: Metric, me: str | None) -> None:
    """The ranking, its funnel and table, the series below: the units picked for the series rerun only this part,
    and a click on a bar or a row of the ranking opens that unit's profile before anything here is drawn again."""
    mine.follow("ranking_chart", "ranking_df")
    current = ranking_section(metric, year, span[0], scope, me)
    if not current.empty:
        series_section(metric, current, span, scope, me)


@st.fragment(key="compare_grid")
def grid_part(metric: Metric, span: tuple[int, int], scope: filters.Scope, me: str | None) -> None:
    """The type × year table: its switch (types or units) reruns only it."""
    grid(metric, span, scope.params(), me)


def main() -> None:
    """Render the page."""
    span = page_start("view.compare.title", "view.compare.subtitle")
    if span is None:
        return
    year = filters.one_year("compare", *span)
    scope = filters.scope("compare", default_types=["cqcm_tinh"])
    me = mine.picker("compare")
    metric = filters.metric("compare", filters.RANKED_METRICS, "step_reduction_rate")
    st.markdown(f"{filters.metric_link(metric.key)} — {metric.definition(lang())}")
    year_part(year, span, scope, metric, me)
    grid_part(metric, span, scope, me)


main()
