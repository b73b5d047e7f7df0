"""Độ đầy đủ số liệu — for a year: which units in scope have no figures or no inspection (shown
as missing, never as zero), the continuity-check breaks, and the import batches behind each year."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from common.i18n import fmt_count, fmt_date, fmt_num
from common.unit_types import type_label
from ui import data, filters, mine
from ui.downloads import table
from ui.state import lang, tr
from ui.widgets import page_start

CHECKS = ("reported", "figures", "inspected", "continuity")
# The breaks listed on the page; more are counted and downloadable. On careless national data most of
# a million unit-years break the rule: listing them all took seconds on every rerun.
BREAKS_SHOWN = 200


def status(per_unit: pd.DataFrame) -> pd.DataFrame:
    """Per unit in scope: whether it reported, gave process figures, was inspected, and its figures add up."""
    out = per_unit[per_unit["units_in_scope"] > 0][["unit_code"]].copy()
    rows = per_unit.loc[out.index]
    out["reported"] = rows["units_reporting"] > 0
    out["figures"] = rows["units_with_figures"] > 0
    out["inspected"] = rows["units_inspected"] > 0
    out["continuity"] = [None if c == 0 else b == 0 for c, b in zip(rows["continuity_checked"],
                                                                    rows["continuity_breaks"], strict=True)]
    return out


def _marks(values: pd.Series, missing_key: str) -> list[str]:
    """Each check as ✓, what is missing, or not checkable (the texts looked up once, not per row)."""
    unknown, missing = tr("view.completeness.not_checkable"), tr(missing_key)
    return np.where(values.isna(), unknown, np.where(values.eq(True), "✓", missing)).tolist()  # type: ignore[no-any-return]


def _type_labels(codes: pd.Series, lg: str) -> list[str]:
    """Each unit type's label, looked up once per type rather than once per row."""
    plain = codes.astype(str)
    out: list[str] = plain.map({c: type_label(c, lg) for c in plain.unique()}).tolist()
    return out


def cards(found: pd.DataFrame) -> None:
    """How many units are in scope and how many lack each thing."""
    cols = st.columns(4)
    cols[0].metric(tr("view.completeness.in_scope"), fmt_num(len(found), lang()), border=True)
    cols[1].metric(tr("view.completeness.not_reported"), fmt_num(int((~found["reported"]).sum()), lang()), border=True)
    cols[2].metric(tr("view.completeness.no_figures"), fmt_num(int((~found["figures"]).sum()), lang()), border=True)
    cols[3].metric(tr("view.completeness.not_inspected"), fmt_num(int((~found["inspected"]).sum()), lang()),
                   border=True)


def gaps_table(found: pd.DataFrame, year: int, units: pd.DataFrame, only_gaps: bool, me: str | None = None) -> None:
    """One row per unit in scope (or only those with a gap): each check as ✓ or what is missing."""
    lg = lang()  # once: each call reads the URL and the session
    info = found.merge(units[["unit_code", "unit_name", "unit_type"]], on="unit_code", how="left")
    if only_gaps:
        info = info[~info["reported"] | ~info["figures"] | (info["continuity"] == False)]  # noqa: E712
    shown = pd.DataFrame({
        tr("view.compare.col_unit"): mine.marked(info["unit_name"], info["unit_code"], me),
        tr("view.completeness.col_type"): _type_labels(info["unit_type"], lg),
        tr("view.completeness.col_reported"): _marks(info["reported"], "view.missing"),
        tr("view.completeness.col_figures"): _marks(info["figures"], "view.missing"),
        tr("view.completeness.col_inspected"): _marks(info["inspected"], "view.completeness.none"),
        tr("view.completeness.col_continuity"): _marks(info["continuity"], "view.completeness.break"),
    })
    if shown.empty:
        st.success(tr("view.completeness.no_gaps", year=year))
    table(shown, partial(found.merge, units, on="unit_code", how="left"), f"do-day-du-{year}", "gaps")


def breaks_table(span: tuple[int, int]) -> None:
    """The first unit-years whose process count does not add up, with the figures behind them, how
    many there are in all, and every one of them in the full download."""
    lg = lang()  # once: each call reads the URL and the session
    rows, total = data.first_breaks(span, BREAKS_SHOWN)
    if rows.empty:
        st.success(tr("view.completeness.no_breaks"))
        return
    if total > len(rows):
        st.caption(tr("view.completeness.breaks_first", total=fmt_num(total, lg), shown=fmt_num(len(rows), lg)))
    shown = pd.DataFrame({tr("view.filters.year"): rows["year"].astype(str),
                          tr("view.compare.col_unit"): rows["unit_name"]})
    for col in ("prev_total", "processes_removed", "processes_new", "processes_total", "gap"):
        shown[tr(f"view.completeness.b_{col}")] = [fmt_count(v, lg) for v in rows[col]]
    full = rows if total == len(rows) else partial(data.continuity_breaks, span)
    table(shown, full, f"dut-chuoi-{span[0]}-{span[1]}", "breaks")


def batches_table() -> None:
    """The import batches the figures and inspections of each year come from, latest year first, in year order."""
    found = data.year_batches()
    if found.empty:
        st.caption(tr("view.completeness.no_batches"))
        return
    found = found.sort_values(["year", "batch_id"], ascending=[False, True], kind="stable")
    shown = pd.DataFrame({
        tr("view.filters.year"): found["year"].astype(str),
        tr("view.completeness.batch"): found["batch_id"].astype(str),
        tr("view.completeness.file"): found["file_name"],
        tr("view.completeness.by"): found["imported_by"],
        tr("view.completeness.at"): [fmt_date(pd.Timestamp(v).date(), lang()) + pd.Timestamp(v).strftime(" %H:%M")
                                     for v in found["imported_at"]],
    })
    table(shown, found, "lo-nhap", "batches")


@st.fragment(key="completeness_gaps")
def gaps_part(found: pd.DataFrame, year: int, units: pd.DataFrame, me: str | None) -> None:
    """The "only gaps" switch and the table it filters: the switch reruns only this part of the page."""
    only = filters.switch("completeness", "gaps", tr("view.completeness.only_gaps"), True)
    gaps_table(found, year, units, only, me)


def main() -> None:
    """Render the page."""
    span = page_start("view.completeness.title", "view.completeness.subtitle")
    if span is None:
        return
    year = filters.one_year("completeness", *span)
    scope = filters.scope("completeness", with_rollup=False)
    units = data.units()
    found = status(data.counts(["unit_code"], (year, year), **scope.params()))
    st.subheader(tr("view.completeness.year_title", year=year))
    if found.empty:
        st.info(tr("view.completeness.no_scope", year=year))
    else:
        cards(found)
        gaps_part(found, year, units, mine.picker("completeness"))
    st.subheader(tr("view.completeness.breaks_title", first=span[0], last=span[1]))
    breaks_table(span)
    st.subheader(tr("view.completeness.batches_title"))
    batches_table()


main()
