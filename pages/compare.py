"""So sánh đơn vị — the leaders' page: a ranking for one metric, year and unit type with rank
numbers, colour bands, change on last year, rank movement and the best and average lines;
then several units' series side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import views
from common.plain import md
from metrics import (
    MIN_RELIABLE_N,
    Metric,
    distance_to_best,
    evaluate,
    rank,
    reference_lines,
    target_bands,
    with_change,
)
from ui import data, filters, mine
from ui.downloads import chart, table
from ui.grid import grid
from ui.state import lang, tr
from ui.widgets import page_start

# A chart of thousands of bars says nothing a table does not: above this, the best and the last half each.
RANKING_BARS = 40


def ranking(metric: Metric, year: int, first: int, scope: filters.Scope) -> pd.DataFrame:
    """This year's ranking with last year's rank and value beside it; units without a value last."""
    counts = data.counts(["year", "unit_code"], (max(first, year - 1), year), **scope.params())
    values = evaluate(counts, metric.key)
    if values.empty or year not in set(values["year"]):
        return values
    ranked = pd.concat([rank(part, metric.better) for _, part in values.groupby("year")])
    current = with_change(ranked, ["unit_code"]).query("year == @year").copy()
    current["to_best"] = distance_to_best(current["value"], metric.better)
    current["colour_band"] = target_bands(current["value"], metric) if metric.target is not None else current["band"]
    current["name"] = current["unit_code"].map(data.unit_names(list(current["unit_code"])))
    return current


def band_text(band: object, metric: Metric) -> str:
    """The band as words: a quartile, or where the value stands against the target."""
    if isinstance(band, str):
        return tr(f"view.compare.target_{band}")
    return "–" if pd.isna(band) else tr("view.compare.quartile", q=int(band))  # type: ignore[call-overload]


def _band_texts(bands: pd.Series, metric: Metric) -> list[str]:
    """band_text of each row, looked up once per band (per row it read the URL and the session each time)."""
    texts = {b: band_text(b, metric) for b in bands.dropna().unique()}
    return [texts[b] if b in texts else band_text(b, metric) for b in bands]


def movement(change: object) -> str:
    """Rank movement as an arrow: ▲ up, ▼ down, = unchanged, – not ranked last year."""
    if pd.isna(change):
        return "–"
    steps = int(change)  # type: ignore[call-overload]
    return "=" if steps == 0 else (f"▲ {steps}" if steps > 0 else f"▼ {-steps}")


def shown(current: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """The ranking as the page shows it: text in the interface language, missing as –."""
    lg = lang()  # once: each call reads the URL and the session
    return pd.DataFrame({
        tr("view.compare.col_rank"): [views.fmt_count(r, lg) if not pd.isna(r) else "–" for r in current["rank"]],
        tr("view.compare.col_unit"): current["name"],
        metric.label(lg): [views.fmt_metric(metric, v, lg) for v in current["value"]],
        "n": [views.fmt_count(v, lg) for v in current["denominator"]],
        tr("view.compare.col_small"): ["⚠" if s else "" for s in current["small"]],
        tr("view.compare.col_band"): _band_texts(current["colour_band"], metric),
        tr("view.compare.col_to_best"): [metric.change_text(v, lg).lstrip("+") if not pd.isna(v) else "–"
                                         for v in current["to_best"]],
        tr("view.compare.col_change"): [metric.change_text(v, lg) for v in current["change"]],
        tr("view.compare.col_move"): [movement(v) for v in current["rank_change"]],
    })


def ranking_section(metric: Metric, year: int, first: int, scope: filters.Scope,
                    me: str | None = None) -> pd.DataFrame:
    """The ranking chart and table with their downloads."""
    current = ranking(metric, year, first, scope)
    if current.empty:
        st.warning(tr("view.compare.no_units", year=year))
        return current
    refs = reference_lines(current["value"], metric.better)
    st.subheader(tr("view.compare.ranking_title", metric=metric.label(lang()), year=year))
    bars = views.ranking_rows(current, RANKING_BARS)
    fig = views.ranking(bars, metric, lang(), data.has_demo_data(), refs)
    mine.outline(fig, bars, me)
    chart(fig, f"{metric.key}-{year}", "ranking_chart", on_select="rerun", selection_mode="points")
    if len(bars) < len(current):
        st.caption(tr("view_scale.ranking_cut", half=RANKING_BARS // 2, total=int(current["value"].notna().sum())))
    missing = int(current["value"].isna().sum())
    note = " " + tr("view.compare.missing", k=missing) if missing else ""
    st.caption(tr("view.compare.legend", n=MIN_RELIABLE_N) + note)
    full = current.drop(columns=["colour_band"]).assign(metric=metric.key)
    ranked = shown(current, metric)
    ranked[tr("view.compare.col_unit")] = mine.marked(current["name"], current["unit_code"], me)
    if me and me not in set(current["unit_code"]):
        st.caption(tr("view.mine.not_in_ranking", unit=md(data.unit_names([me]).get(me, me))))
    st.caption(tr("view.mine.click_hint"))
    table(ranked, full, f"xep-hang-{metric.key}-{year}", "ranking", on_select="rerun", selection_mode="single-row")
    mine.follow("ranking_chart", "ranking_df", current)
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
    fig = views.series(values, metric, lang(), data.has_demo_data(), span, metric.label(lang()))
    chart(fig, f"{metric.key}-{'-'.join(chosen)}", "series_chart")
    wide = values.pivot(index="year", columns="name", values="value")
    text = wide.map(lambda v: views.fmt_metric(metric, v, lang())).reset_index().astype({"year": str})
    table(text.rename(columns={"year": tr("view.filters.year")}), values, f"chuoi-{metric.key}", "series")



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
    current = ranking_section(metric, year, span[0], scope, me)
    if not current.empty:
        series_section(metric, current, span, scope, me)
    grid(metric, span, scope.params(), me)


main()
