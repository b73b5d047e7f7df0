"""Charts over the years: a metric by unit type, one rate with its target, rates per inspection round with their
intervals, several series side by side, the ISO version mix with its deadline, churn by unit type; the 2025
reorganisation marked where a chart crosses it."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go

from charts.base import (
    PALETTE,
    base_layout,
    hover_n,
    incomplete_tail,
    legend_line,
    symbols,
    target_line,
    tidy,
    value_axis,
    wrap,
)
from common.i18n import t
from common.plain import chart_text
from common.unit_types import type_label
from metrics import Metric, get
from metrics.shown import fmt_metric

VERSION_COLOURS = {2000: "#b9c4d0", 2008: "#6f8fb3", 2015: "#1f5fa8"}
REORG_YEAR = 2025
_REORG_COLOUR = "#7a4b9c"
# 30/06/2021. The bars count units at 31 December, so the 2020 bar stands before the deadline and the
# 2021 bar after it: the line goes between them.
DEADLINE_X = 2020.5


def reorg_note(fig: go.Figure, lang: str, first: int, last: int) -> None:
    """A dotted line where the 2025 reorganisation changed the set of units, explained in the legend (a note in the
    plot sat over the lines of the last years)."""
    if first <= REORG_YEAR <= last and first < last:
        fig.add_vline(x=REORG_YEAR - 0.5, line_dash="dot", line_color=_REORG_COLOUR)
        legend_line(fig, t("view.chart.reorg_note", lang), _REORG_COLOUR, "dot")


def _years_axis(fig: go.Figure, first: int, last: int) -> None:
    fig.update_xaxes(tickformat="d", dtick=1 if last - first <= 10 else 2, range=[first - 0.6, last + 0.6])


def trend_by_type(values: pd.DataFrame, metric: Metric, lang: str, demo: bool,
                  incomplete: Collection[int] = ()) -> go.Figure:
    """One line per unit type over the years; `values` has year, unit_type, value, numerator, denominator,
    small. Rates on few cases are hollow; an incomplete year is hollow, reached by a dotted line."""
    fig = go.Figure()
    for i, (code, part) in enumerate(values.groupby("unit_type", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        solid = incomplete_tail(fig, part.sort_values("year"), incomplete, colour, _hover_pair(metric, lang))
        fig.add_trace(go.Scatter(
            x=solid["year"], y=solid["value"], mode="lines+markers", name=type_label(str(code), lang),
            line={"color": colour, "width": 2}, marker={"symbol": symbols(solid), "size": 8},
            customdata=solid[["numerator", "denominator"]].to_numpy(),
            hovertemplate=_hover_pair(metric, lang),
        ))
    _axis(fig, metric)
    fig.update_xaxes(dtick=2, tickformat="d")
    target_line(fig, metric, lang)
    return base_layout(fig, lang, metric.label(lang), demo)


def _axis(fig: go.Figure, metric: Metric) -> None:
    fig.update_yaxes(tickformat=metric.tick_format, rangemode="tozero")


def _hover_pair(metric: Metric, lang: str) -> str:
    value = f"%{{y:{metric.d3_format}}}"
    n = t("ui.hover_n", lang)
    return f"%{{fullData.name}}: {value} ({n} %{{customdata[1]:,.0f}})<extra></extra>"


def version_mix(counts: pd.DataFrame, lang: str, demo: bool, span: tuple[int, int]) -> go.Figure:
    """Stacked bars of units by ISO version at each year's end, the share on ISO 9001:2015 as a line with its
    100% target, the 30/06/2021 deadline between the 2020 and 2021 bars. The lines are explained in the
    legend, so that no label covers a bar or a tick."""
    fig = go.Figure()
    for version, colour in VERSION_COLOURS.items():
        part = counts[counts["iso_version"] == version]
        fig.add_trace(go.Bar(x=part["year"], y=part["units"], name=f"ISO 9001:{version}", marker_color=colour,
                             hovertemplate=f"ISO 9001:{version}: %{{y:,.0f}}<extra></extra>"))
    fig.update_layout(barmode="stack")
    top = float(counts.groupby("year")["units"].sum().max()) if not counts.empty else 1.0
    _share_line(fig, counts, lang, span)
    if span[0] <= 2021 <= span[1]:
        fig.add_vline(x=DEADLINE_X, line_dash="dash", line_color="#c8453b")
        legend_line(fig, t("view.chart.deadline_2015", lang), "#c8453b", "dash")
    reorg_note(fig, lang, *span)
    _years_axis(fig, *span)
    # The 100% of the share's axis level with the tallest bar, with room above both.
    fig.update_yaxes(title=t("view.chart.units", lang), tickformat=",d", range=[0, top * 1.1])
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "range": [0, 1.1], "tickformat": ".0%",
                              "tickvals": [0, 0.25, 0.5, 0.75, 1.0], "showgrid": False})
    fig = base_layout(fig, lang, t("view.trends.versions_title", lang), demo, height=460)
    # The legend low enough that the years fit above it even when a phone's width slants them.
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "yanchor": "top"}, margin={"b": 10})
    fig.update_xaxes(tickangle=-45)
    return tidy(fig, lang)


def _share_line(fig: go.Figure, counts: pd.DataFrame, lang: str, span: tuple[int, int]) -> None:
    """The share of units applying ISO that are on ISO 9001:2015, on the right axis, with the 100% target."""
    metric = get("iso2015_rate")
    totals = counts.groupby("year")["units"].sum()
    on_2015 = counts[counts["iso_version"] == 2015].groupby("year")["units"].sum().reindex(totals.index, fill_value=0)
    share = (on_2015 / totals.where(totals > 0)).dropna()
    fig.add_trace(go.Scatter(x=share.index, y=share.to_numpy(), yaxis="y2", mode="lines+markers",
                             name=metric.label(lang),
                             line={"color": "#1a1a1a", "width": 2}, marker={"size": 6},
                             hovertemplate=f"%{{fullData.name}}: %{{y:{metric.d3_format}}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[span[0] - 0.6, span[1] + 0.6], y=[1.0, 1.0], yaxis="y2", mode="lines",
                             name=f"{t('ui.target_goal', lang)} 100%", hoverinfo="skip",
                             line={"color": "#888", "dash": "dash", "width": 1}))


def rate_over_years(values: pd.DataFrame, metric: Metric, lang: str, demo: bool, span: tuple[int, int],
                    title: str = "", incomplete: Collection[int] = ()) -> go.Figure:
    """One metric over the years (year, value, denominator, small), the target line, small n hollow, an
    incomplete year hollow at the end of a dotted line."""
    fig = go.Figure()
    values = incomplete_tail(fig, values.sort_values("year"), incomplete, PALETTE[0], hover_n(metric, lang),
                             ["denominator"])
    symbols = ["circle-open" if s else "circle" for s in values["small"]]
    fig.add_trace(go.Scatter(x=values["year"], y=values["value"], mode="lines+markers", name=metric.label(lang),
                             marker={"symbol": symbols, "size": 9}, line={"color": PALETTE[0]},
                             customdata=values["denominator"], hovertemplate=hover_n(metric, lang)))
    value_axis(fig, metric)
    target_line(fig, metric, lang)
    _years_axis(fig, *span)
    reorg_note(fig, lang, *span)
    return tidy(base_layout(fig, lang, title or metric.label(lang), demo), lang)


def rounds_chart(values: pd.DataFrame, metric: Metric, lang: str, demo: bool, span: tuple[int, int]) -> go.Figure:
    """The rate per year and inspection round with its 95% interval; n in the hover and labels."""
    fig = go.Figure()
    for i, (rnd, part) in enumerate(values.groupby("inspection_round", sort=True)):
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["value"], mode="markers", name=t("view.chart.round", lang, round=int(rnd)),
            marker={"size": 9, "color": PALETTE[i % len(PALETTE)],
                    "symbol": ["circle-open" if s else "circle" for s in part["small"]]},
            error_y={"type": "data", "symmetric": False, "array": part["hi"] - part["value"],
                     "arrayminus": part["value"] - part["lo"], "thickness": 1.2},
            customdata=part["denominator"], hovertemplate=hover_n(metric, lang)))
    fig.update_layout(scattermode="group", scattergap=0.6)
    value_axis(fig, metric)
    fig.update_yaxes(range=[0, 1.05])
    _years_axis(fig, *span)
    return tidy(base_layout(fig, lang, t("view.trends.rounds_title", lang), demo), lang)


def series(values: pd.DataFrame, metric: Metric, lang: str, demo: bool, span: tuple[int, int],
           title: str, dashed: tuple[str, ...] = ()) -> go.Figure:
    """Several series side by side over the years (`values` has name, year, value, denominator, small);
    the series named in `dashed` (a median, say) are drawn dashed."""
    fig = go.Figure()
    for i, (name, part) in enumerate(values.groupby("name", sort=False)):
        part = part.sort_values("year")
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["value"], mode="lines+markers", name=chart_text(name),
            line={"color": PALETTE[i % len(PALETTE)], "width": 2, "dash": "dash" if name in dashed else "solid"},
            marker={"symbol": ["circle-open" if s else "circle" for s in part["small"]], "size": 8},
            customdata=part["denominator"], hovertemplate=hover_n(metric, lang), connectgaps=False))
    value_axis(fig, metric)
    target_line(fig, metric, lang)
    _years_axis(fig, *span)
    reorg_note(fig, lang, *span)
    return tidy(base_layout(fig, lang, title, demo, height=400), lang)


def by_type_bars(values: pd.DataFrame, metrics: list[Metric], lang: str, demo: bool, title: str) -> go.Figure:
    """Horizontal grouped bars by unit type, one bar per metric (`values`: unit_type, metric, value, denominator)."""
    fig = go.Figure()
    for i, metric in enumerate(metrics):
        part = values[values["metric"] == metric.key].iloc[::-1]
        labels = [wrap(type_label(str(c), lang), 28) for c in part["unit_type"]]
        fig.add_trace(go.Bar(y=labels, x=part["value"], name=metric.label(lang), marker_color=PALETTE[i],
                             orientation="h", text=[fmt_metric(metric, v, lang) for v in part["value"]],
                             textposition="outside", cliponaxis=False, customdata=part["denominator"],
                             hovertemplate=hover_n(metric, lang, "x")))
    value_axis(fig, metrics[0], "x")
    top = values[values["metric"].isin([m.key for m in metrics])]["value"].max()
    fig.update_xaxes(range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.18])
    fig.update_layout(barmode="group", hovermode="closest", legend={"traceorder": "normal"})
    fig.update_yaxes(automargin=True)
    height = 120 + 24 * len(metrics) * max(1, values["unit_type"].nunique())
    return tidy(base_layout(fig, lang, title, demo, height=max(360, height)), lang)

