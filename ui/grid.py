"""The compare page's type × year table: one metric, rows unit types (or the units of the chosen
types), columns years, with its downloads; my unit marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.unit_types import UNIT_TYPE_CODES, type_label
from metrics import Metric, evaluate
from metrics.shown import fmt_metric
from store import Filters
from ui import data
from ui.downloads import table
from ui.filters import switch
from ui.mine import marked
from ui.state import lang, tr


def _wide(values: pd.DataFrame, row: str, metric: Metric) -> pd.DataFrame:
    wide = values.pivot(index=row, columns="year", values="value")
    return wide.map(lambda v: fmt_metric(metric, None if pd.isna(v) else float(v), lang()))


def grid(metric: Metric, span: tuple[int, int], params: Filters, me: str | None) -> None:
    """The metric by type (or unit) and year, as text in the interface language, with downloads."""
    st.subheader(tr("view.grid.title", metric=metric.label(lang()), first=span[0], last=span[1]))
    rows = "units" if switch("compare", "grid_units", tr("view.grid.rows_units_switch"), False) else "types"
    row = "unit_type" if rows == "types" else "unit_code"
    values = evaluate(data.counts(["year", row], span, **params), metric.key)
    if values.empty:
        st.caption(tr("view.grid.empty"))
        return
    wide = _wide(values, row, metric)
    if row == "unit_type":
        order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
        wide = wide.sort_index(key=lambda s: s.map(order))
        first = [type_label(str(c), lang()) for c in wide.index]
    else:
        names = data.unit_names(list(wide.index))
        first = marked(pd.Series([names.get(c, c) for c in wide.index]), pd.Series(wide.index), me)
    shown = wide.reset_index(drop=True)
    shown.columns = [str(c) for c in shown.columns]
    shown.insert(0, tr(f"view.grid.col_{rows}"), first)
    table(shown, values.assign(metric=metric.key), f"{metric.key}-{rows}-{span[0]}-{span[1]}", "grid")
