"""What every chart shares: the light template, the palette, the layout with the language's separators and the
illustrative-data label, the target line, hollow points for small n and incomplete years, the title under the
modebar."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from common.i18n import plotly_separators, t
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


def wrap(text: str, width: int = 24) -> str:
    """A long label broken into lines for an axis."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def legend_line(fig: go.Figure, name: str, colour: str, dash: str) -> None:
    """A legend entry for a line drawn as a shape (shapes have none)."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=name, hoverinfo="skip",
                             line={"color": colour, "dash": dash}))


def value_axis(fig: go.Figure, metric: Metric, axis: str = "y") -> None:
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(rangemode="tozero", tickformat=metric.tick_format)


def hover_n(metric: Metric, lang: str, axis: str = "y") -> str:
    value = f"%{{{axis}:{metric.d3_format}}}"
    return f"%{{fullData.name}}: {value} ({t('ui.hover_n', lang)} %{{customdata:,.0f}})<extra></extra>"

