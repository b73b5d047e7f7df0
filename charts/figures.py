"""Plotly figure builders shared by the pages: language-aware separators, target lines and
the illustrative-data label on every chart."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from common.i18n import plotly_separators, t
from common.unit_types import type_label
from metrics import Metric

# plotly_white's layout and its defaults for the two trace types we draw. Plotly copies and
# validates the whole template (defaults for every trace type) into each figure, first its own
# default at creation and then the one asked for: a third of the time a page spends on figures.
# This light template draws the same charts at a third of the cost.
_WHITE = pio.templates["plotly_white"]
pio.templates["cchc"] = go.layout.Template(layout=_WHITE.layout, data={"bar": _WHITE.data.bar,
                                                                        "scatter": _WHITE.data.scatter})
pio.templates.default = "cchc"

PALETTE = ("#1f5fa8", "#d9822b", "#2e8b57", "#b8336a", "#6a4c93", "#8c6d1f", "#4a7c8c")


def base_layout(fig: go.Figure, lang: str, title: str, demo: bool, height: int = 380) -> go.Figure:
    """Common layout: separators of the language, legend below, the demo label when it applies."""
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        template="cchc",
        hovermode="x unified",
    )
    if demo:
        fig.add_annotation(
            text=t("ui.demo_short", lang), xref="paper", yref="paper", x=1, y=1.08,
            showarrow=False, font={"size": 11, "color": "#a15c00"},
        )
    return fig


def _axis(fig: go.Figure, metric: Metric) -> None:
    fig.update_yaxes(tickformat=metric.tick_format, rangemode="tozero")


def target_line(fig: go.Figure, metric: Metric, lang: str) -> None:
    """A dashed line at the metric's target, labelled with its legal note."""
    if metric.target is None:
        return
    label = t("ui.target_floor" if metric.target_kind == "floor" else "ui.target_goal", lang)
    fig.add_hline(
        y=metric.target, line_dash="dash", line_color="#888",
        annotation_text=label, annotation_position="top left", annotation_font_size=11,
    )


def symbols(part: pd.DataFrame, incomplete: Collection[int] = ()) -> list[str]:
    """Marker shapes: hollow where the rate rests on few cases (`small`) or the year is incomplete."""
    small = part["small"] if "small" in part.columns else pd.Series(False, index=part.index)
    return ["circle-open" if bool(s) or int(y) in incomplete else "circle"
            for s, y in zip(small, part["year"], strict=True)]


def incomplete_tail(fig: go.Figure, part: pd.DataFrame, incomplete: Collection[int], colour: str,
                    hover: str, custom: Sequence[str] = ("numerator", "denominator")) -> pd.DataFrame:
    """Draws incomplete years as hollow points reached by a dotted line; returns the rows left to draw."""
    late = part["year"].isin(list(incomplete))
    if not late.any():
        return part
    solid = part[~late]
    joined = pd.concat([solid.tail(1), part[late]])
    fig.add_trace(go.Scatter(x=joined["year"], y=joined["value"], mode="lines", showlegend=False, hoverinfo="skip",
                             line={"color": colour, "width": 2, "dash": "dot"}))
    fig.add_trace(go.Scatter(x=part.loc[late, "year"], y=part.loc[late, "value"], mode="markers", showlegend=False,
                             marker={"symbol": "circle-open", "size": 9, "color": colour, "line": {"width": 2}},
                             customdata=part.loc[late, list(custom)].to_numpy().squeeze(axis=1) if len(custom) == 1
                             else part.loc[late, list(custom)].to_numpy(), hovertemplate=hover))
    return solid


def trend_by_type(values: pd.DataFrame, metric: Metric, lang: str, demo: bool,
                  incomplete: Collection[int] = ()) -> go.Figure:
    """One line per unit type over the years; `values` has year, unit_type, value, numerator, denominator,
    small. Rates on few cases are hollow; an incomplete year is hollow, reached by a dotted line."""
    fig = go.Figure()
    for i, (code, part) in enumerate(values.groupby("unit_type", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        solid = incomplete_tail(fig, part.sort_values("year"), incomplete, colour, _hover(metric, lang))
        fig.add_trace(go.Scatter(
            x=solid["year"], y=solid["value"], mode="lines+markers", name=type_label(str(code), lang),
            line={"color": colour, "width": 2}, marker={"symbol": symbols(solid), "size": 8},
            customdata=solid[["numerator", "denominator"]].to_numpy(),
            hovertemplate=_hover(metric, lang),
        ))
    _axis(fig, metric)
    fig.update_xaxes(dtick=2, tickformat="d")
    target_line(fig, metric, lang)
    return base_layout(fig, lang, metric.label(lang), demo)


def _hover(metric: Metric, lang: str) -> str:
    value = f"%{{y:{metric.d3_format}}}"
    n = t("ui.hover_n", lang)
    return f"%{{fullData.name}}: {value} ({n} %{{customdata[1]:,.0f}})<extra></extra>"
