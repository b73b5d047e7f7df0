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
from metrics import MIN_RELIABLE_N, REGISTRY, evaluate, get
from metrics.change import NONE as NO_CHANGE
from metrics.like import reorganisation
from metrics.selection import CARD_METRICS, TABLE_METRICS, TREND_METRICS
from metrics.shown import Card, CardInput, card, card_input, reorganisation_text
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
        facts=_facts(facts, lang, made_on), made_on=made_on, demo=facts.demo,
        cards=cards(facts, lang), card_views=card_views(facts, lang),
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


def _facts(facts: Facts, lang: str, made_on: dt.date) -> tuple[tuple[str, str], ...]:
    source = t("report.source_demo" if facts.demo else "report.source_reports", lang)
    return (
        (t("report.fact_year", lang), str(facts.year)),
        (t("report.fact_filters", lang), filters_text(facts.unit_types, lang)),
        (t("fair.fact_scope", lang), scope_text(facts, lang)),
        (t("report.fact_made_on", lang), fmt_date(made_on, lang)),
        (t("report.fact_source", lang), source),
    )


def scope_text(facts: Facts, lang: str) -> str:
    """The units in scope this year; in a reorganised year with last year's count beside it."""
    totals = facts.last_two_years()
    if facts.lineage is not None:
        said = reorganisation_text(reorganisation(totals, facts.lineage, facts.year), lang)
        if said:
            return said
    now = totals.loc[totals["year"] == facts.year, "units_in_scope"]
    return t("fair.scope_value", lang, now=fmt_num(float(now.iloc[0]) if len(now) else None, lang))


def _number(value: object) -> float | None:
    """A float, or None for a missing value (NaN, NA)."""
    if value is None or pd.isna(value):
        return None
    out = float(value)  # type: ignore[arg-type]
    return None if math.isnan(out) else out


def card_views(facts: Facts, lang: str) -> tuple[Card, ...]:
    """The key figures as the overview's cards (metrics.shown), for the PDF to draw."""
    return tuple(c for _, c in _cards(facts, lang))


def _cards(facts: Facts, lang: str) -> list[tuple[CardInput, Card]]:
    """Each card metric's figures and its card: changes over the units matched in both years."""
    year, totals = facts.year, facts.last_two_years()
    status = year_status(totals, settings.complete_share()).get(year)
    neutral = status is not None and not status.complete
    reorganised = facts.lineage is not None and reorganisation(totals, facts.lineage, year).reorganised
    out = []
    for key in CARD_METRICS:
        given = card_input(key, totals, facts.by_unit, facts.rolled, year, neutral)
        if given is not None:
            out.append((given, card(get(key), given, year, reorganised, lang)))
    return out


def cards(facts: Facts, lang: str) -> Table:
    """The key figures of the year, their change over the units matched in both years, and the same texts
    as the overview's cards."""
    year = facts.year
    rows = [_card_row(given, view, lang) for given, view in _cards(facts, lang)]
    pp = [Column(t(k, lang), "pp", 1.2) for k in ("report.col_change", "report.col_change_lo", "report.col_change_hi")]
    columns = (Column(t("report.col_metric", lang), "text", 2.4), Column(t("report.col_value", lang), "pct"),
               Column(t("report.col_numerator", lang), "int"), Column(t("report.col_denominator", lang), "int"),
               Column(t("fair.col_units", lang), "int"), Column(t("fair.col_matched", lang), "int"),
               Column(t("fair.col_before", lang, year=year - 1), "pct"),
               Column(t("fair.col_now", lang, year=year), "pct"), *pp,
               Column(t("report.col_verdict", lang), "text", 1.6),
               Column(t("fair.col_basis_text", lang), "text", 3.0),
               Column(t("fair.col_change_text", lang), "text", 4.0))
    title = t("report.section_cards", lang, year=year, prev=year - 1) + incomplete_suffix(
        facts.last_two_years().set_index("year", drop=False), year, lang)
    return Table(t("report.sheet_cards", lang), title, columns, rows)


def incomplete_suffix(totals: pd.DataFrame, year: int, lang: str) -> str:
    """" — chưa đầy đủ: 5/69 đơn vị đã báo cáo" when the year is incomplete, else ""."""
    status = year_status(totals.reset_index(drop=True), settings.complete_share()).get(year)
    if status is None or status.complete:
        return ""
    return " — " + t("ui.incomplete", lang, k=fmt_num(status.reporting, lang), n=fmt_num(status.in_scope, lang))


def _card_row(given: CardInput, view: Card, lang: str) -> tuple[Cell, ...]:
    """One card as a row: the value and its counts, the matched change as numbers, and the card's texts."""
    m = given.matched
    change = NO_CHANGE if m is None else m.change
    before = None if m is None or not m.enough else _ratio(m.before)
    now = None if m is None or not m.enough else _ratio(m.now)
    verdict = "" if given.neutral and change.clear else t(f"report.verdict_{change.verdict}", lang)
    return (view.label, _number(given.value), _number(given.num), _number(given.den), given.units,
            None if m is None else m.units, before, now, _number(change.change), _number(change.lo),
            _number(change.hi), verdict, view.basis, view.change_line)


def _ratio(pair: tuple[float, float]) -> float | None:
    return pair[0] / pair[1] if pair[1] else None


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
                     t(f"report.better_{m.better}", lang), m.target, m.source(lang)))
    columns = (Column(t("report.col_metric", lang), "text", 1.6), Column(t("report.col_definition", lang), "text", 4),
               Column(t("report.col_formula", lang), "text", 2.2), Column(t("report.col_denominator_is", lang),
                                                                          "text", 1.5),
               Column(t("report.col_better", lang), "text", 1.1), Column(t("report.col_target", lang), "pct", 0.9),
               Column(t("report.col_target_note", lang), "text", 2.4))
    return Table(t("report.sheet_definitions", lang), t("report.section_definitions", lang), columns, rows)
