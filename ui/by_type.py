"""The overview's table by unit type: eight columns that fit beside the side panel at 1440 px (each rate with
its n in the same cell, the three process counts in one), and on a phone the same figures stacked per type.
The download keeps one column per metric, as numbers a spreadsheet can read."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from common.i18n import MISSING, fmt_num
from common.plain import md
from common.unit_types import UNIT_TYPE_CODES, type_label
from metrics import Metric, evaluate, get
from metrics.selection import TABLE_METRICS
from ui import data
from ui.downloads import downloads
from ui.shared import shared
from ui.state import lang, tr

RATES = tuple(k for k in TABLE_METRICS if get(k).unit == "percent")
CHURN = tuple(k for k in TABLE_METRICS if get(k).unit == "per_unit")
# Wider than 4rem lets Streamlit's grid wrap a cell: a long type name or "100,0% (16/16)" takes two lines.
ROW_PX = 66
# Below Streamlit's own phone breakpoint the grid gives way to the figures stacked per type.
_SWITCH = """<style>
.st-key-by_type_phone { display: none; }
@media (max-width: 640px) {
  .st-key-by_type_wide { display: none; }
  .st-key-by_type_phone { display: block; }
}
</style>"""


def rate_cell(metric: Metric, value: float, num: float, den: float, small: bool, lg: str) -> str:
    """A rate with the n it rests on: "75,0% (18/24)" over units, "59,3% (n=1.767)" over steps or procedures;
    ⚠ first when the n is small; – when nothing was reported."""
    text = metric.text(value, lg)
    if text == MISSING:
        return MISSING
    over_units = metric.denominator.startswith("units_")
    n = f"{fmt_num(num, lg)}/{fmt_num(den, lg)}" if over_units else f"n={fmt_num(den, lg)}"
    return f"{'⚠ ' if small else ''}{text} ({n})"


def _rates(counts: pd.DataFrame, key: str, lg: str) -> list[str]:
    metric, values = get(key), evaluate(counts, key)
    return [rate_cell(metric, *row, lg) for row in
            zip(values["value"], values["numerator"], values["denominator"], values["small"], strict=True)]


def _churn(counts: pd.DataFrame, lg: str) -> list[str]:
    """"9,0 · 10,0 · 26,2": processes removed, new and amended per unit, in one cell; – when none reported."""
    parts = [[get(k).text(v, lg) for v in evaluate(counts, k)["value"]] for k in CHURN]
    return [MISSING if all(p == MISSING for p in trio) else " · ".join(trio) for trio in zip(*parts, strict=True)]


def _counts(year: int) -> pd.DataFrame:
    order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
    return data.counts(["unit_type"], (year, year)).sort_values("unit_type", key=lambda s: s.map(order))


def shown_table(counts: pd.DataFrame, lg: str) -> pd.DataFrame:
    """One row per unit type, eight columns of text: type, reported/in scope, each rate with its n, processes."""
    table = pd.DataFrame({
        tr("overview.col_type"): [type_label(str(c), lg) for c in counts["unit_type"]],
        tr("daily_ui.by_type.reporting"): [f"{fmt_num(a, lg)}/{fmt_num(n, lg)}" for a, n in
                                           zip(counts["units_reporting"], counts["units_in_scope"], strict=True)],
    })
    for key in RATES[:3]:  # coverage, inspection, improvement: the units; then the processes, then steps and TTHC
        table[tr(f"daily_ui.by_type.{key}")] = _rates(counts, key, lg)
    table[tr("daily_ui.by_type.churn")] = _churn(counts, lg)
    for key in RATES[3:]:
        table[tr(f"daily_ui.by_type.{key}")] = _rates(counts, key, lg)
    return table


def full_table(counts: pd.DataFrame, lg: str) -> pd.DataFrame:
    """For the download: the type, the unit counts, and one column per metric with its value and its n."""
    table = pd.DataFrame({
        tr("overview.col_type"): [type_label(str(c), lg) for c in counts["unit_type"]],
        tr("overview.col_reporting"): [f"{fmt_num(a, lg)}/{fmt_num(n, lg)}" for a, n in
                                       zip(counts["units_reporting"], counts["units_in_scope"], strict=True)],
        tr("overview.col_applying"): [fmt_num(v, lg) for v in counts["units_applying"]],
        tr("overview.col_inspected"): [fmt_num(v, lg) for v in counts["units_inspected"]],
    })
    for key in TABLE_METRICS:
        metric, values = get(key), evaluate(counts, key)
        table[metric.label(lg)] = [metric.flagged_text(v, n, s, lg) for v, n, s in
                                   zip(values["value"], values["denominator"], values["small"], strict=True)]
    return table


def _help(key: str, lg: str) -> str:
    metric = get(key)
    return f"{metric.label(lg)}: {metric.formula_text(lg)}"


def column_config(lg: str) -> dict[str, ColumnConfig]:
    """Widths that fit eight columns in the main column at 1440 px (980 px beside the side panel), headings whole in
    both languages; each short heading explains itself on hover."""
    config: dict[str, ColumnConfig] = {
        tr("overview.col_type"): st.column_config.TextColumn(width=160, pinned=True),
        tr("daily_ui.by_type.reporting"): st.column_config.TextColumn(width=80, help=tr("overview.col_reporting")),
        tr("daily_ui.by_type.churn"): st.column_config.TextColumn(
            width=170, help=" · ".join(_help(k, lg) for k in CHURN)),
    }
    for key in RATES:  # a heading does not wrap: "Procedures under ISO" needs its 140 px
        width = 140 if key == "procedures_iso_share" else 105
        config[tr(f"daily_ui.by_type.{key}")] = st.column_config.TextColumn(width=width, help=_help(key, lg))
    return config


def phone_text(shown: pd.DataFrame) -> str:
    """The same figures stacked, a paragraph per type and a line per figure, for a screen too narrow for a grid."""
    heads = list(shown.columns)
    blocks = []
    for row in shown.itertuples(index=False):
        figures = "  \n".join(f"{md(h)}: **{md(v)}**" for h, v in zip(heads[1:], row[1:], strict=True))
        blocks.append(f"**{md(row[0])}**  \n{figures}")
    return "\n\n".join(blocks)


def _tables(year: int, lg: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The year's table as shown and in full, in `lg`: the same for every session at the same data (ui.shared)."""
    counts = _counts(year)
    return shown_table(counts, lg), full_table(counts, lg)


tables = shared(_tables)


def section(year: int) -> None:
    """The table by unit type for the year: a grid on a wide screen, stacked figures on a phone, one download."""
    lg = lang()  # once: each call reads the URL and the session
    shown, full = tables(year, lg)
    st.html(_SWITCH)
    with st.container(key="by_type_wide"):
        st.dataframe(shown, hide_index=True, width="stretch", key="by_type_df", row_height=ROW_PX,
                     column_config=column_config(lg))
    with st.container(key="by_type_phone"):
        st.markdown(phone_text(shown))
    downloads(shown, full, f"theo-loai-{year}", "by_type")
