"""A leader's own unit in the figures: its bar outlined and named, its rank within its type over the
years. Plotly only, no streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.base import PALETTE, base_layout, tidy
from common.i18n import t

OUTLINE = "#111111"


def outline_bar(fig: go.Figure, bars: pd.DataFrame, code: str | None, lang: str) -> bool:
    """Outline my unit's bar in a ranking (`bars` in the order the ranking drew them, best first) and
    point to it; False when it is not among the bars."""
    if not code or code not in set(bars["unit_code"]):
        return False
    drawn = list(bars["unit_code"].iloc[::-1])  # the ranking draws the best at the top: reversed
    trace = fig.data[0]
    trace.marker.line = {"width": [3 if c == code else 0 for c in drawn], "color": OUTLINE}
    at = drawn.index(code)
    value = trace.x[at]
    fig.add_annotation(x=0 if value is None or pd.isna(value) else value, y=trace.y[at], xanchor="left",
                       showarrow=False, text=f"★ {t('view.mine.pick', lang)}", xshift=6,
                       font={"size": 12, "color": OUTLINE}, bgcolor="rgba(255,255,255,0.85)")
    fig.update_layout(meta={"my_unit": code, "my_bar": at})
    return True


def rank_history(ranks: pd.DataFrame, lang: str, demo: bool, title: str) -> go.Figure:
    """The unit's rank within its type each year with its 95% interval (`ranks`: year, rank, rank_lo,
    rank_hi, ranked), 1 at the top, and the group's size each year: the last place."""
    fig = go.Figure(go.Scatter(
        x=ranks["year"], y=ranks["ranked"], mode="lines+markers", name=t("fair.profile.group", lang),
        line={"color": "#9aa0a6", "width": 1, "dash": "dot", "shape": "hv"}, marker={"size": 5},
        hovertemplate=f"%{{x}}: {t('fair.profile.group', lang)} %{{y}}<extra></extra>"))
    low = (ranks["rank"] - ranks["rank_lo"]).astype("float64").fillna(0)
    high = (ranks["rank_hi"] - ranks["rank"]).astype("float64").fillna(0)
    fig.add_trace(go.Scatter(
        # No labels on the points: "11/21" on every year crowds a phone; the hover and the table say it.
        # A thin line: with the intervals drawn, a thick one made every jump within them look like news.
        x=ranks["year"], y=ranks["rank"], mode="lines+markers", line={"color": PALETTE[0], "width": 1},
        marker={"size": 8},
        error_y={"type": "data", "symmetric": False, "array": high, "arrayminus": low, "thickness": 1.5,
                 "width": 4, "color": PALETTE[0]},
        customdata=list(zip(ranks["ranked"], ranks["rank_lo"].astype("float64"), ranks["rank_hi"].astype("float64"),
                            strict=True)),
        name=t("view.mine.rank", lang), hovertemplate=f"%{{x}}: {t('view.mine.rank', lang)} %{{y}}/%{{customdata[0]}}"
        f" ({t('fair.profile.interval', lang)}: %{{customdata[1]}}–%{{customdata[2]}})<extra></extra>"))
    top = max(2, int(ranks["ranked"].max()) if ranks["ranked"].notna().any() else 2)
    fig.update_yaxes(autorange=False, range=[top + 0.5, 0.5], title=t("view.mine.rank", lang), tick0=1,
                     dtick=max(1, top // 8))
    if len(ranks):
        fig.update_xaxes(range=[int(ranks["year"].min()) - 0.5, int(ranks["year"].max()) + 0.5])
    fig.update_xaxes(tickformat="d", dtick=1 if len(ranks) <= 10 else 2)
    return tidy(base_layout(fig, lang, title, demo, height=360), lang)


CLICK_TRACE = "click_targets"


def click_targets(fig: go.Figure, steps: int = 12) -> None:
    """Invisible points along each bar of a ranking: Plotly reports a click on a horizontal bar as a
    click on its first bar (streamlit/streamlit#11276) but a click on a point correctly, by its label."""
    bars = fig.data[0]
    xs, ys, texts = [], [], []
    labels = bars.text if bars.text is not None else [""] * len(bars.y)
    for x, y, label in zip(bars.x, bars.y, labels, strict=True):
        end = 0.0 if x is None or pd.isna(x) else float(x)
        xs += [end * i / steps for i in range(steps + 1)]
        ys += [y] * (steps + 1)
        texts += [label] * (steps + 1)
    # The points take the hover from the bars, so they say what the bar says: its value and n.
    fig.add_trace(go.Scatter(x=xs, y=ys, text=texts, mode="markers", name=CLICK_TRACE, showlegend=False,
                             marker={"size": 18, "color": "rgba(0,0,0,0)"},
                             hovertemplate="%{y}: %{text}<extra></extra>"))
