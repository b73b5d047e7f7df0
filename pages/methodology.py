"""Phương pháp — every metric as the registry declares it (definition, formula worked on the latest complete
year's figures, its legal source or that the dashboard defines it; unit, direction and target folded), then how
units are compared fairly (funnel, rank intervals, like-for-like change, with an example from the data), the rules
for missing data and small numbers, the legal sources, and which data are illustrative. Each metric has an anchor
(#<key>) that the other pages link to."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.i18n import fmt_num
from common.plain import md
from common.unit_types import type_label
from ingest.checking.jumps import JUMPS, Jump
from ingest.template import FILE_COLUMNS
from metrics import MIN_RELIABLE_N, REGISTRY, Metric, evaluate
from metrics import ranking as fair
from metrics.funnel import class_label
from ui import data
from ui.downloads import table
from ui.state import lang, tr
from ui.widgets import demo_label

# The worked example: the briefing's ranking metric among the provincial departments.
EXAMPLE_METRIC = "step_reduction_rate"
EXAMPLE_TYPE = "cqcm_tinh"


def _target(metric: Metric) -> str:
    if metric.target is None:
        return tr("view.method.no_target")
    value = metric.text(metric.target, lang())
    return f"{tr('ui.target_floor')} {value}" if metric.target_kind == "floor" else value  # "Target: 100.0%"


def worked_example(metric: Metric, year: int, province: pd.DataFrame) -> str | None:
    """The formula worked on the province's figures of one year, or None when that year has none for it."""
    row = evaluate(province, metric.key).iloc[0]
    if pd.isna(row["value"]):
        return None
    lg = lang()
    return tr("method_example.line", year=year, num=fmt_num(row["numerator"], lg, 0),
              den=fmt_num(row["denominator"], lg, 0), value=metric.text(row["value"], lg),
              den_label=metric.denominator_label(lg))


def metric_block(metric: Metric, example: str | None) -> None:
    """One metric: heading with its anchor, definition, formula worked on the data, target, source; the rest folded."""
    st.subheader(metric.label(lang()), anchor=metric.key)
    st.markdown(metric.definition(lang()))
    target = None if metric.target is None else f"**{tr('view.method.target')}:** {_target(metric)}"
    lines = [f"**{tr('view.method.formula')}:** {metric.formula_text(lang())}", example, target,
             f"**{tr('daily_ui.method.source')}:** {metric.source(lang())}"]
    st.markdown("  \n".join(line for line in lines if line))  # one block: the page reads in two minutes
    facts = [
        (tr("view.method.unit"), tr(f"view.method.unit_{metric.unit}")),
        (tr("view.method.better"), tr(f"view.method.better_{metric.better}")),
        (tr("view.method.denominator"), metric.denominator_label(lang())),
        (tr("view.method.target"), _target(metric)),
        (tr("view.method.interval"), tr("view.method.interval_yes" if metric.interval else "view.method.interval_no")),
        (tr("view.method.key"), metric.key),
    ]
    # The facts folded: the page reads in two minutes as headings, definitions and formulas (issue 24).
    st.expander(tr("fair.method.details")).markdown("\n".join(f"- **{name}:** {value}" for name, value in facts))


def registry_table() -> pd.DataFrame:
    """All metrics as one table in the reader's words, to download; the key stays, links use it."""
    return pd.DataFrame([{
        tr("view.method.col_label"): m.label(lang()), tr("view.method.col_definition"): m.definition(lang()),
        tr("view.method.formula"): m.formula_text(lang()), tr("view.method.unit"): tr(f"view.method.unit_{m.unit}"),
        tr("view.method.better"): tr(f"view.method.better_{m.better}"),
        tr("view.method.denominator"): m.denominator_label(lang()), tr("view.method.target"): _target(m),
        tr("daily_ui.method.source"): m.source(lang()),
        tr("view.method.interval"): tr("view.method.interval_yes" if m.interval else "view.method.interval_no"),
        tr("view.method.key"): m.key} for m in REGISTRY.values()])


def import_checks() -> None:
    """The figures an import warns about, from their one declaration (ingest.checking.jumps.JUMPS)."""
    st.header(tr("view.method.jumps_title"), anchor="import-checks")
    box = st.expander(tr("fair.method.details"))
    box.markdown(tr("view.method.jumps_intro"))
    names = {c.name: (c.vietnamese if lang() == "vi" else c.name) for c in FILE_COLUMNS}
    box.markdown("\n".join("- " + jump_line(j, names[j.column]) for j in JUMPS))


def jump_line(jump: Jump, column: str) -> str:
    """One check in words, with only the directions it has: a rule with no upper bound says no "at least – ×"."""
    parts = [] if jump.up is None else [tr("daily_ui.method.jump_up", up=fmt_num(jump.up, lang(), 0))]
    if jump.down is not None:
        parts.append(tr("daily_ui.method.jump_down", down=fmt_num(jump.down, lang(), 1)))
    return tr("daily_ui.method.jump_line", column=column, change=tr("daily_ui.method.or").join(parts), base=jump.base)


def fair_section(span: tuple[int, int] | None) -> None:
    """How units are compared: the funnel, rank intervals and like-for-like change, with an example from the data."""
    st.header(tr("fair.method.title"), anchor="fair")
    st.markdown(tr("daily_ui.method.fair_lead"))
    st.expander(tr("fair.method.details")).markdown(tr("fair.method.body"))  # the method whole, folded
    if span is None:
        return
    metric, year = REGISTRY[EXAMPLE_METRIC], data.default_year(span)
    values = evaluate(data.counts(["year", "unit_code"], (year, year), unit_types=[EXAMPLE_TYPE]), metric.key)
    unit = fair.example(values, metric, year)
    if unit is None:
        return
    lg = lang()
    st.markdown(tr("fair.method.example", year=year, unit=md(data.unit_names([unit["unit_code"]]).get(
        unit["unit_code"], unit["unit_code"])), k=fmt_num(unit["numerator"], lg), n=fmt_num(unit["denominator"], lg),
        value=metric.text(unit["value"], lg), group=fmt_num(unit["ranked"], lg), type=md(type_label(EXAMPLE_TYPE, lg)),
        p0=metric.text(unit["p0"], lg), lo=metric.text(unit["limit_lo_95"], lg),
        hi=metric.text(unit["limit_hi_95"], lg), cls=class_label(unit["class"], lg),
        rank=fair.rank_text(unit["rank"], unit["rank_lo"], unit["rank_hi"], lg)))


def main() -> None:
    """Render the page."""
    st.title(tr("view.method.title"))
    st.markdown(tr("view.method.intro"))
    span = data.year_range() if data.store().exists() else None
    st.header(tr("view.method.metrics_title"), anchor="metrics")
    year = data.default_year(span) if span else None
    province = data.counts(["year"], (year, year)) if year else pd.DataFrame()
    for metric in REGISTRY.values():
        metric_block(metric, None if province.empty or year is None else worked_example(metric, year, province))
    fair_section(span)  # after the metrics: what a reader comes for first
    st.header(tr("view.method.rules_title"), anchor="rules")
    st.markdown(tr("view.method.rules", n=MIN_RELIABLE_N))
    import_checks()
    st.header(tr("view.method.legal_title"), anchor="legal")
    st.markdown(tr("view.method.legal"))
    st.header(tr("view.method.data_title"), anchor="data")
    demo_label()
    st.markdown(tr("view.method.data"))
    if not data.store().exists() or not data.has_demo_data():
        st.caption(tr("view.method.no_demo"))
    st.header(tr("view.method.table_title"), anchor="table")
    table(registry_table(), None, "phuong-phap-chi-so", "registry")


main()
