"""What a briefing shows for a year and a set of unit types: composed from the gathered `Facts`
(report.gather) through `metrics`, with the same figures, in the same formats, as the overview page."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from common import settings
from common.i18n import fmt_date, fmt_num, t
from common.unit_types import UNIT_TYPE_CODES, type_label
from metrics import MIN_RELIABLE_N, REGISTRY, Metric, evaluate, get
from metrics.change import NONE as NO_CHANGE
from metrics.change import change_on_last_year
from metrics.selection import CARD_METRICS, TABLE_METRICS, TREND_METRICS
from metrics.years import year_status
from report.facts import Facts
from report.model import Briefing, Cell, Chart, Column, Table
from report.ranking import RANK_METRIC, not_reported, rankings
from report.summary import summary as year_in_words


def compose(facts: Facts, lang: str = "vi", today: dt.date | None = None) -> Briefing:
    """The briefing that `facts` make in `lang`; with charts when the facts hold the trends."""
    year, types = facts.year, facts.unit_types
    made_on = today or dt.date.today()
    figures: tuple[Chart, ...] = ()
    if facts.trends is not None:
        from report.figures import briefing_charts  # plotly figures only when they will be drawn

        figures = briefing_charts(facts, TREND_METRICS, lang)
    return Briefing(
        lang=lang, year=year, unit_types=types,
        heading=(t("report.province", lang), t("report.committee", lang), t("report.title", lang)),
        facts=_facts(year, types, lang, made_on, facts.demo), made_on=made_on, demo=facts.demo,
        cards=cards(facts, lang),
        rounds=rounds(facts.rounds, year, lang),
        by_type=by_type(facts.by_type, year, lang),
        rankings=rankings(facts.by_unit, types or UNIT_TYPE_CODES, year, lang),
        not_reported=not_reported(facts.by_unit, year, lang),
        definitions=definitions(lang),
        charts=figures,
        summary=tuple(year_in_words(facts, lang)),
    )


def filters_text(types: Sequence[str], lang: str) -> str:
    """The unit types a briefing covers, in words."""
    return "; ".join(type_label(c, lang) for c in types) if types else t("report.all_types", lang)


def _facts(year: int, types: Sequence[str], lang: str, made_on: dt.date, demo: bool) -> tuple[tuple[str, str], ...]:
    source = t("report.source_demo" if demo else "report.source_reports", lang)
    return (
        (t("report.fact_year", lang), str(year)),
        (t("report.fact_filters", lang), filters_text(types, lang)),
        (t("report.fact_made_on", lang), fmt_date(made_on, lang)),
        (t("report.fact_source", lang), source),
    )


def _number(value: object) -> float | None:
    """A float, or None for a missing value (NaN, NA)."""
    if value is None or pd.isna(value):
        return None
    out = float(value)  # type: ignore[arg-type]
    return None if math.isnan(out) else out


def cards(facts: Facts, lang: str) -> Table:
    """The key figures of the year with last year's value, the change and its interval, as the overview's cards."""
    year = facts.year
    totals = facts.last_two_years().set_index("year", drop=False)
    rows = [_card_row(get(key), totals, year, lang) for key in CARD_METRICS]
    columns = (Column(t("report.col_metric", lang), "text", 2.4), Column(t("report.col_value", lang), "pct"),
               Column(t("report.col_numerator", lang), "int"), Column(t("report.col_denominator", lang), "int"),
               Column(t("report.col_basis", lang), "text", 2.0),
               Column(t("report.col_prev", lang, year=year - 1), "pct"),
               Column(t("report.col_change", lang), "pp", 1.2), Column(t("report.col_change_lo", lang), "pp", 1.2),
               Column(t("report.col_change_hi", lang), "pp", 1.2), Column(t("report.col_verdict", lang), "text", 1.6),
               Column(t("report.col_small", lang), "text", 1.1))
    title = t("report.section_cards", lang, year=year, prev=year - 1) + incomplete_suffix(totals, year, lang)
    return Table(t("report.sheet_cards", lang), title, columns, rows)


def incomplete_suffix(totals: pd.DataFrame, year: int, lang: str) -> str:
    """" — chưa đầy đủ: 5/69 đơn vị đã báo cáo" when the year is incomplete, else ""."""
    status = year_status(totals.reset_index(drop=True), settings.complete_share()).get(year)
    if status is None or status.complete:
        return ""
    return " — " + t("ui.incomplete", lang, k=fmt_num(status.reporting, lang), n=fmt_num(status.in_scope, lang))


def _card_row(metric: Metric, totals: pd.DataFrame, year: int, lang: str) -> tuple[Cell, ...]:
    """One card as a row: value, what it rests on, last year's value and the change with its interval."""
    values = evaluate(totals, metric.key).set_index("year")
    now = values.loc[year]
    before = values.loc[year - 1] if year - 1 in values.index else None
    change = NO_CHANGE if before is None else change_on_last_year(
        metric, (now["numerator"], now["denominator"]), (before["numerator"], before["denominator"]))
    prev = None if before is None else _number(before["value"])
    small = t("ui.small_flag", lang, n=MIN_RELIABLE_N) if bool(now["small"]) else ""
    return (metric.label(lang), _number(now["value"]), _number(now["numerator"]), _number(now["denominator"]),
            metric.denominator_label(lang), prev, _number(change.change), _number(change.lo), _number(change.hi),
            t(f"report.verdict_{change.verdict}", lang), small)


def rounds(found: pd.DataFrame, year: int, lang: str) -> Table:
    """Improvement per inspection round (the year's rounds frame), with the number of units and the 95% interval."""
    rows: list[tuple[Cell, ...]] = []
    if not found.empty:
        rates = evaluate(found, "improvement_rate")
        rows = [(int(r["inspection_round"]), _number(r["numerator"]), _number(r["denominator"]),
                 _number(r["value"]), _number(r["lo"]), _number(r["hi"])) for _, r in rates.iterrows()]
    columns = (Column(t("report.col_round", lang), "int"), Column(t("report.col_improved", lang), "int"),
               Column(t("report.col_inspected", lang), "int"), Column(t("report.col_rate", lang), "pct"),
               Column(t("report.col_lo", lang), "pct"), Column(t("report.col_hi", lang), "pct"))
    return Table(t("report.sheet_rounds", lang), t("report.section_rounds", lang, year=year), columns, rows,
                 note=t("overview.no_inspections", lang, year=year))


def by_type(counts: pd.DataFrame, year: int, lang: str) -> Table:
    """One row per unit type (the year's counts by type), as the overview's table, few-case rates named."""
    order = {c: i for i, c in enumerate(UNIT_TYPE_CODES)}
    counts = counts.sort_values("unit_type", key=lambda s: s.map(order)).reset_index(drop=True)
    values = {key: evaluate(counts, key) for key in TABLE_METRICS}
    rows: list[tuple[Cell, ...]] = []
    for i, row in counts.iterrows():
        head: tuple[Cell, ...] = (type_label(str(row["unit_type"]), lang), int(row["units_in_scope"]),
                                  int(row["units_reporting"]), int(row["units_applying"]), int(row["units_inspected"]))
        small = [f"{get(k).label(lang)} (n={fmt_num(v.loc[i, 'denominator'], lang)})"
                 for k, v in values.items() if bool(v.loc[i, "small"])]
        rows.append(head + tuple(_number(values[key].loc[i, "value"]) for key in TABLE_METRICS) + ("; ".join(small),))
    columns = (Column(t("overview.col_type", lang), "text", 1.8), Column(t("report.col_in_scope", lang), "int"),
               Column(t("report.col_reporting", lang), "int"), Column(t("report.col_applying", lang), "int", 1.1),
               Column(t("overview.col_inspected", lang), "int", 1.1),
               *(_metric_column(key, lang) for key in TABLE_METRICS),
               Column(t("report.col_small_rates", lang, n=MIN_RELIABLE_N), "text", 2.2))
    return Table(t("report.sheet_types", lang), t("overview.table_title", lang, year=year), columns, rows)


def _metric_column(key: str, lang: str) -> Column:
    metric = get(key)
    return Column(metric.label(lang), metric.cell_kind, 1.5)


def used_metrics() -> list[str]:
    """The metrics a briefing shows, in the registry's order."""
    used = {*CARD_METRICS, *TREND_METRICS, *TABLE_METRICS, RANK_METRIC, "improvement_rate",
            "net_processes_per_unit"}
    return [key for key in REGISTRY if key in used]


def definitions(lang: str) -> Table:
    """The definitions of the metrics used, read from the registry."""
    rows: list[tuple[Cell, ...]] = []
    for key in used_metrics():
        m = REGISTRY[key]
        rows.append((m.label(lang), m.definition(lang), m.formula_text(lang), m.denominator_label(lang),
                     t(f"report.better_{m.better}", lang), m.target, m.target_note(lang)))
    columns = (Column(t("report.col_metric", lang), "text", 1.6), Column(t("report.col_definition", lang), "text", 4),
               Column(t("report.col_formula", lang), "text", 2.2), Column(t("report.col_denominator_is", lang),
                                                                          "text", 1.5),
               Column(t("report.col_better", lang), "text", 1.1), Column(t("report.col_target", lang), "pct", 0.9),
               Column(t("report.col_target_note", lang), "text", 2.4))
    return Table(t("report.sheet_definitions", lang), t("report.section_definitions", lang), columns, rows)
