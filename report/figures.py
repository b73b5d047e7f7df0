"""The briefing's charts: the overview's trends by unit type, and improvement by type compared
with last year. Built with the shared Plotly builders; rendered to images in `report.images`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts import base, trends
from common import settings
from common.i18n import t
from common.unit_types import UNIT_TYPE_CODES, type_label
from metrics import evaluate, get
from metrics.years import year_status
from report.facts import Facts
from report.model import Chart

COMPARE_METRIC = "improvement_rate"


def briefing_charts(facts: Facts, trend_metrics: Sequence[str], lang: str) -> tuple[Chart, ...]:
    """The trend charts from the first year to the briefing's year, then the comparison chart."""
    if facts.trends is None:
        raise ValueError("the facts were gathered without the trends")
    by_type, totals, demo = facts.trends, facts.by_year, facts.demo
    incomplete = [y for y, s in year_status(totals, settings.complete_share()).items() if not s.complete]
    order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
    out = []
    for key in trend_metrics:
        values = evaluate(by_type, key).sort_values(["unit_type"], key=lambda s: s.map(order), kind="stable")
        out.append(Chart(f"trend_{key}", trends.trend_by_type(values, get(key), lang, demo, incomplete)))
    year = facts.year
    both = evaluate(by_type[by_type["year"].isin([year - 1, year])], COMPARE_METRIC)
    out.append(Chart(f"compare_{COMPARE_METRIC}", compare_by_type(both, year, lang, demo)))
    return tuple(out)


def compare_by_type(values: pd.DataFrame, year: int, lang: str, demo: bool) -> go.Figure:
    """Horizontal bars per unit type for last year and this year, with the 95% interval and k/n."""
    metric = get(COMPARE_METRIC)
    order = [c for c in UNIT_TYPE_CODES if c in set(values["unit_type"])]
    fig = go.Figure()
    for i, shown in enumerate((year - 1, year)):
        part = values[values["year"] == shown].set_index("unit_type").reindex(order)
        labels = [(f"{int(k)}/{int(n)}" + (" ⚠" if s else "")) if n and n == n else "" for k, n, s in zip(
            part["numerator"], part["denominator"], part["small"].fillna(False), strict=True)]
        fig.add_trace(go.Bar(
            y=[type_label(c, lang) for c in order], x=part["value"], orientation="h", name=str(shown),
            marker_color=base.PALETTE[i], text=labels, textposition="inside", insidetextanchor="start",
            hoverinfo="skip", textfont={"color": "white", "size": 11},
            error_x={"type": "data", "symmetric": False, "array": part["hi"] - part["value"],
                     "arrayminus": part["value"] - part["lo"], "color": "#555"},
        ))
    fig.update_xaxes(tickformat=metric.tick_format, range=[0, 1.05])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="group", bargap=0.25)
    title = t("report.compare_title", lang, metric=metric.label(lang), prev=year - 1, year=year)
    return base.base_layout(fig, lang, title, demo, height=460)
