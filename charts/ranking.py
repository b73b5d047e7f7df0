"""The ranking chart: horizontal bars best first, coloured by band or funnel class, rank and n in each label,
small n hatched, units without a value kept with "no data", best and average lines."""

from __future__ import annotations

from typing import SupportsInt, cast

import pandas as pd
import plotly.graph_objects as go

from charts.base import base_layout, legend_line, tidy, value_axis
from common.i18n import fmt_count, t
from common.plain import chart_text
from metrics import Metric
from metrics.funnel import class_label
from metrics.shown import fmt_metric

# Quartile 1 (best) to 4, and the target bands, from green to red; grey when unknown.
BAND_COLOURS = {1: "#1a7f4b", 2: "#7cb66b", 3: "#e3a33b", 4: "#c8453b"}
TARGET_COLOURS = {"met": "#1a7f4b", "near": "#e3a33b", "below": "#c8453b", "none": "#9aa0a6"}


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
        insidetextanchor="end", textfont={"color": "#ffffff", "size": 11},
        customdata=list(zip(rows["denominator"], _hover_class(rows, lang), strict=True)),
        hovertemplate=_hover(metric, lang), name=metric.label(lang), showlegend=False))
    missing = rows["value"].isna()
    if missing.any():
        fig.add_trace(go.Scatter(x=[0] * int(missing.sum()), y=[n for n, m in zip(names, missing, strict=True) if m],
                                 mode="text", text=t("view.chart.no_data", lang), textposition="middle right",
                                 textfont={"color": "#666"}, showlegend=False, hoverinfo="skip"))
    for key, dash in (("best", "dash"), ("average", "dot")):
        if not pd.isna(refs.get(key)):
            fig.add_vline(x=refs[key], line_dash=dash, line_color="#333", layer="below")
            legend_line(fig, f"{t(f'view.compare.{key}', lang)}: {fmt_metric(metric, refs[key], lang)}", "#333", dash)
    _names_above_bars(fig, names)
    value_axis(fig, metric, "x")
    fig.update_xaxes(range=[0, _axis_max(rows["value"], metric)])
    fig.update_layout(hovermode="closest", bargap=0.45)
    fig.update_yaxes(showticklabels=False, automargin=True)
    height = max(320, 44 * len(rows) + 170)
    fig = base_layout(fig, lang, metric.label(lang), demo, height=height)
    plot = height - 96 - 70  # tidy's top margin, the bottom margin below
    fig.update_layout(legend={"orientation": "h", "y": -30 / plot, "yanchor": "top"})
    return tidy(fig, lang, bottom=70)


def _hover(metric: Metric, lang: str) -> str:
    value, n = f"%{{x:{metric.d3_format}}}", f"{t('ui.hover_n', lang)} %{{customdata[0]:,.0f}}"
    return f"%{{fullData.name}}: {value} ({n})%{{customdata[1]}}<extra></extra>"


def _hover_class(rows: pd.DataFrame, lang: str) -> list[str]:
    """Under each bar's value, what the funnel says of it and the ranks its figures allow (empty without them)."""
    if "class" not in rows.columns:
        return [""] * len(rows)
    return ["" if pd.isna(r["value"]) else "<br>" + class_label(r["class"], lang) + _rank_interval(r, lang)
            for _, r in rows.iterrows()]


def _rank_interval(row: pd.Series, lang: str) -> str:
    if pd.isna(row.get("rank_lo")):
        return ""
    return " · " + t("fair.hover_rank", lang, lo=int(row["rank_lo"]), hi=int(row["rank_hi"]))


def _names_above_bars(fig: go.Figure, names: list[str]) -> None:
    """Each unit's name over its bar from the axis on, not beside it: on a phone a column of names
    beside the bars left the bars 30 px wide and cut the names."""
    # All at once: add_annotation copies and validates every annotation so far on each call (0.7 s for 40).
    fig.update_layout(annotations=[*fig.layout.annotations, *(
        {"x": 0, "y": name, "xref": "x", "yref": "y", "xanchor": "left", "yanchor": "bottom", "yshift": 8,
         "text": name, "showarrow": False, "font": {"size": 11, "color": "#333"}, "align": "left"} for name in names)])


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

