"""The funnel plot: each unit's rate against its n, inside the control limits around its group's rate
(metrics.funnel), and the colour of a unit's class wherever it is drawn. Plotly only, no streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.base import base_layout, tidy
from common.i18n import t
from common.plain import chart_text
from metrics import Metric
from metrics.funnel import Kind, class_hover, class_label, curve, is_better

# Better than the group: green; worse: red; no clear difference: a quiet blue; no value: grey.
CLASS_COLOURS = {True: "#1a7f4b", False: "#c8453b", None: "#7f96b2"}
NO_VALUE = "#9aa0a6"
LIMIT_COLOUR = "#555555"


def class_colour(cls: object, metric: Metric) -> str:
    """The colour of a unit's class, read with the metric's better direction; grey without a value."""
    if cls is None or (not isinstance(cls, str) and pd.isna(cls)):
        return NO_VALUE
    return CLASS_COLOURS[is_better(cls, metric)]


def funnel(ranked: pd.DataFrame, metric: Metric, how: Kind, lang: str, demo: bool, title: str) -> go.Figure:
    """Units as points (x: n, y: rate) coloured by class, the group's rate and its 95% and 99.8% limits."""
    units = ranked[ranked["value"].notna() & (ranked["denominator"] > 0)]
    fig = go.Figure()
    p0, phi = float(units["p0"].iloc[0]), float(units["phi"].iloc[0])
    lines = curve(p0, phi, how, float(units["denominator"].max()))
    for level, dash in (("998", "dot"), ("95", "dash")):
        name = t(f"fair.funnel.limits_{level}", lang)
        for side in ("lo", "hi"):
            fig.add_trace(go.Scatter(x=lines["n"], y=lines[f"{side}_{level}"], mode="lines", name=name,
                                     line={"color": LIMIT_COLOUR, "dash": dash, "width": 1.2},
                                     showlegend=side == "lo", legendgroup=level, hoverinfo="skip"))
    fig.add_hline(y=p0, line_color="#222", line_width=1.5)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line={"color": "#222"},
                             name=t("fair.funnel.overall", lang, p0=metric.text(p0, lang))))
    for cls in ("above", "within", "below"):
        part = units[units["class"] == cls]
        fig.add_trace(go.Scatter(
            x=part["denominator"], y=part["value"], mode="markers", name=class_label(cls, lang),
            marker={"color": class_colour(cls, metric), "size": 10, "line": {"color": "#fff", "width": 1}},
            text=[chart_text(n) for n in part["name"]],
            customdata=[class_hover(r, metric, lang) for _, r in part.iterrows()],
            hovertemplate="<b>%{text}</b><br>%{customdata}<extra></extra>"))
    fig.update_yaxes(tickformat=metric.tick_format, title=metric.label(lang), rangemode="tozero")
    fig.update_xaxes(title=t("fair.funnel.n_axis", lang, den=metric.denominator_label(lang)), rangemode="tozero")
    fig.update_layout(hovermode="closest", meta={"p0": p0, "phi": phi})
    fig = base_layout(fig, lang, title, demo, height=440)
    fig.update_layout(legend={"orientation": "h", "y": -0.22, "yanchor": "top"})
    return tidy(fig, lang, bottom=110)
