"""Figure builders of the view pages: rankings with bands and reference lines, units side by
side, the ISO version mix, rates with their interval, churn by unit type, a unit against its
type. Every figure uses the language's separators and carries the illustrative-data label."""

from __future__ import annotations

import textwrap
from collections.abc import Collection
from typing import SupportsInt, cast

import pandas as pd
import plotly.graph_objects as go

from charts.figures import PALETTE, base_layout, incomplete_tail, target_line
from common.i18n import fmt_count as fmt_count
from common.i18n import t
from common.plain import chart_text
from common.unit_types import type_label
from metrics import Metric, get
from metrics.shown import fmt_metric as fmt_metric

# fmt_count and fmt_metric live where numbers are formatted (common.i18n, metrics.shown); they are named here
# (`as`) only for the pages that still call views.fmt_count / views.fmt_metric, until those import them there.

# Quartile 1 (best) to 4, and the target bands, from green to red; grey when unknown.
BAND_COLOURS = {1: "#1a7f4b", 2: "#7cb66b", 3: "#e3a33b", 4: "#c8453b"}
TARGET_COLOURS = {"met": "#1a7f4b", "near": "#e3a33b", "below": "#c8453b", "none": "#9aa0a6"}
VERSION_COLOURS = {2000: "#b9c4d0", 2008: "#6f8fb3", 2015: "#1f5fa8"}
REORG_YEAR = 2025
_REORG_COLOUR = "#7a4b9c"
# 30/06/2021. The bars count units at 31 December, so the 2020 bar stands before the deadline and the
# 2021 bar after it: the line goes between them.
DEADLINE_X = 2020.5


def wrap(text: str, width: int = 24) -> str:
    """A long label broken into lines for an axis."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def _value_axis(fig: go.Figure, metric: Metric, axis: str = "y") -> None:
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(rangemode="tozero", tickformat=metric.tick_format)


def _hover(metric: Metric, lang: str, axis: str = "y") -> str:
    value = f"%{{{axis}:{metric.d3_format}}}"
    return f"%{{fullData.name}}: {value} ({t('ui.hover_n', lang)} %{{customdata:,.0f}})<extra></extra>"


def reorg_note(fig: go.Figure, lang: str, first: int, last: int) -> None:
    """A dotted line where the 2025 reorganisation changed the set of units, explained in the legend (a note in the
    plot sat over the lines of the last years)."""
    if first <= REORG_YEAR <= last and first < last:
        fig.add_vline(x=REORG_YEAR - 0.5, line_dash="dot", line_color=_REORG_COLOUR)
        _legend_line(fig, t("view.chart.reorg_note", lang), _REORG_COLOUR, "dot")


def _years_axis(fig: go.Figure, first: int, last: int) -> None:
    fig.update_xaxes(tickformat="d", dtick=1 if last - first <= 10 else 2, range=[first - 0.6, last + 0.6])


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
        _legend_line(fig, t("view.chart.deadline_2015", lang), "#c8453b", "dash")
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


def _legend_line(fig: go.Figure, name: str, colour: str, dash: str) -> None:
    """A legend entry for a line drawn as a shape (shapes have none)."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=name, hoverinfo="skip",
                             line={"color": colour, "dash": dash}))


def rate_over_years(values: pd.DataFrame, metric: Metric, lang: str, demo: bool, span: tuple[int, int],
                    title: str = "", incomplete: Collection[int] = ()) -> go.Figure:
    """One metric over the years (year, value, denominator, small), the target line, small n hollow, an
    incomplete year hollow at the end of a dotted line."""
    fig = go.Figure()
    values = incomplete_tail(fig, values.sort_values("year"), incomplete, PALETTE[0], _hover(metric, lang),
                             ["denominator"])
    symbols = ["circle-open" if s else "circle" for s in values["small"]]
    fig.add_trace(go.Scatter(x=values["year"], y=values["value"], mode="lines+markers", name=metric.label(lang),
                             marker={"symbol": symbols, "size": 9}, line={"color": PALETTE[0]},
                             customdata=values["denominator"], hovertemplate=_hover(metric, lang)))
    _value_axis(fig, metric)
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
            customdata=part["denominator"], hovertemplate=_hover(metric, lang)))
    fig.update_layout(scattermode="group", scattergap=0.6)
    _value_axis(fig, metric)
    fig.update_yaxes(range=[0, 1.05])
    _years_axis(fig, *span)
    return tidy(base_layout(fig, lang, t("view.trends.rounds_title", lang), demo), lang)


def by_type_bars(values: pd.DataFrame, metrics: list[Metric], lang: str, demo: bool, title: str) -> go.Figure:
    """Horizontal grouped bars by unit type, one bar per metric (`values`: unit_type, metric, value, denominator)."""
    fig = go.Figure()
    for i, metric in enumerate(metrics):
        part = values[values["metric"] == metric.key].iloc[::-1]
        labels = [wrap(type_label(str(c), lang), 28) for c in part["unit_type"]]
        fig.add_trace(go.Bar(y=labels, x=part["value"], name=metric.label(lang), marker_color=PALETTE[i],
                             orientation="h", text=[fmt_metric(metric, v, lang) for v in part["value"]],
                             textposition="outside", cliponaxis=False, customdata=part["denominator"],
                             hovertemplate=_hover(metric, lang, "x")))
    _value_axis(fig, metrics[0], "x")
    top = values[values["metric"].isin([m.key for m in metrics])]["value"].max()
    fig.update_xaxes(range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.18])
    fig.update_layout(barmode="group", hovermode="closest", legend={"traceorder": "normal"})
    fig.update_yaxes(automargin=True)
    height = 120 + 24 * len(metrics) * max(1, values["unit_type"].nunique())
    return tidy(base_layout(fig, lang, title, demo, height=max(360, height)), lang)


def ranking_rows(ranked: pd.DataFrame, most: int) -> pd.DataFrame:
    """All rows when there are at most `most`; else the best and the last most ÷ 2 units with a value."""
    if len(ranked) <= most:
        return ranked
    valued = ranked[ranked["value"].notna()]
    return pd.concat([valued.head(most // 2), valued.tail(most // 2)]) if len(valued) > most else valued


def ranking(ranked: pd.DataFrame, metric: Metric, lang: str, demo: bool, refs: dict[str, float]) -> go.Figure:
    """Horizontal bars best first, coloured by band, rank and n in the label, best and average lines.

    `ranked` has name, value, rank, colour_band, denominator, small; units without a value keep
    their row with the text "no data", so none is silently dropped."""
    rows = ranked.iloc[::-1]
    names = [f"{'' if pd.isna(r['rank']) else str(int(r['rank'])) + '. '}{chart_text(r['name'])}"
             for _, r in rows.iterrows()]
    fig = go.Figure(go.Bar(
        x=rows["value"], y=names, orientation="h", marker={
            "color": [_band_colour(b) for b in rows["colour_band"]],
            "pattern": {"shape": ["/" if s else "" for s in rows["small"]], "fgcolor": "#ffffff"}},
        text=[_bar_label(r, metric, lang) for _, r in rows.iterrows()], textposition="inside",
        insidetextanchor="end", textfont={"color": "#ffffff", "size": 11}, customdata=rows["denominator"],
        hovertemplate=_hover(metric, lang, "x"), name=metric.label(lang), showlegend=False))
    missing = rows["value"].isna()
    if missing.any():
        fig.add_trace(go.Scatter(x=[0] * int(missing.sum()), y=[n for n, m in zip(names, missing, strict=True) if m],
                                 mode="text", text=t("view.chart.no_data", lang), textposition="middle right",
                                 textfont={"color": "#666"}, showlegend=False, hoverinfo="skip"))
    for key, dash in (("best", "dash"), ("average", "dot")):
        if not pd.isna(refs.get(key)):
            fig.add_vline(x=refs[key], line_dash=dash, line_color="#333", layer="below")
            _legend_line(fig, f"{t(f'view.compare.{key}', lang)}: {fmt_metric(metric, refs[key], lang)}", "#333", dash)
    _names_above_bars(fig, names)
    _value_axis(fig, metric, "x")
    fig.update_xaxes(range=[0, _axis_max(rows["value"], metric)])
    fig.update_layout(hovermode="closest", bargap=0.45)
    fig.update_yaxes(showticklabels=False, automargin=True)
    height = max(320, 44 * len(rows) + 170)
    fig = base_layout(fig, lang, metric.label(lang), demo, height=height)
    plot = height - 96 - 70  # tidy's top margin, the bottom margin below
    fig.update_layout(legend={"orientation": "h", "y": -30 / plot, "yanchor": "top"})
    return tidy(fig, lang, bottom=70)


def _names_above_bars(fig: go.Figure, names: list[str]) -> None:
    """Each unit's name over its bar from the axis on, not beside it: on a phone a column of names
    beside the bars left the bars 30 px wide and cut the names."""
    # All at once: add_annotation copies and validates every annotation so far on each call (0.7 s for 40).
    fig.update_layout(annotations=[*fig.layout.annotations, *(
        {"x": 0, "y": name, "xref": "x", "yref": "y", "xanchor": "left", "yanchor": "bottom", "yshift": 8,
         "text": name, "showarrow": False, "font": {"size": 11, "color": "#333"}, "align": "left"} for name in names)])


def tidy(fig: go.Figure, lang: str, bottom: int = 10) -> go.Figure:
    """Title and illustrative-data label under the modebar, so that the modebar covers neither."""
    label = t("ui.demo_short", lang)
    notes = [a for a in fig.layout.annotations if a.text != label]
    demo = len(notes) != len(fig.layout.annotations)
    height = fig.layout.height or 380
    fig.layout.annotations = notes
    fig.update_layout(margin={"t": 96, "b": bottom}, title={
        "yref": "container", "y": 1 - 34 / height, "yanchor": "top", "x": 0, "xref": "container",
        "pad": {"l": 8}, "subtitle": {"text": label if demo else "", "font": {"size": 11, "color": "#a15c00"}}})
    return fig


def _axis_max(values: pd.Series, metric: Metric) -> float:
    top = float(values.max()) if values.notna().any() else 1.0
    return max(top * 1.02, 1.0 if metric.unit == "percent" else 0.0) or 1.0


def _band_colour(band: object) -> str:
    if isinstance(band, str) and band.startswith("#"):  # a colour chosen by the caller (a unit's funnel class)
        return band
    if isinstance(band, str):
        return TARGET_COLOURS.get(band, TARGET_COLOURS["none"])
    if pd.isna(band):
        return TARGET_COLOURS["none"]
    return BAND_COLOURS.get(int(cast(SupportsInt, band)), TARGET_COLOURS["none"])  # a band number (float or Int64)


def _bar_label(row: pd.Series, metric: Metric, lang: str) -> str:
    if pd.isna(row["value"]):
        return t("view.chart.no_data", lang)
    small = " ⚠" if row["small"] else ""
    return f"{fmt_metric(metric, row['value'], lang)} (n={fmt_count(row['denominator'], lang)}){small}"


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
            customdata=part["denominator"], hovertemplate=_hover(metric, lang), connectgaps=False))
    _value_axis(fig, metric)
    target_line(fig, metric, lang)
    _years_axis(fig, *span)
    reorg_note(fig, lang, *span)
    return tidy(base_layout(fig, lang, title, demo, height=400), lang)
