"""The units of each type ranked for the year, and the units in scope that have not reported."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from common.i18n import t
from common.unit_types import type_label
from metrics import evaluate, get
from metrics.funnel import class_label
from metrics.ranking import rank_text, rank_year
from report.model import Cell, Column, Table

# Ranked on the share of steps cut: a rate, so small and large units compare fairly.
RANK_METRIC = "step_reduction_rate"


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _yes_no(flag: bool | None, lang: str) -> str:
    return "–" if flag is None else t("report.yes" if flag else "report.no", lang)


def ranking_columns(lang: str) -> tuple[Column, ...]:
    """The columns of a ranking table."""
    return (
        Column(t("report.col_rank", lang), "int", 0.7), Column(t("report.col_unit_code", lang), "text", 1.9),
        Column(t("report.col_unit", lang), "text", 3.0),
        Column(t("report.col_was_inspected", lang), "text", 1.2),
        Column(t("report.col_was_improved", lang), "text", 1.15),
        Column(t("report.col_removed", lang), "int", 1.25), Column(t("report.col_new", lang), "int", 1.25),
        Column(t("report.col_amended", lang), "int", 1.25), Column(t("report.col_net", lang), "int", 1.25),
        Column(t("report.col_steps_before", lang), "int"), Column(t("report.col_steps_after", lang), "int"),
        Column(get(RANK_METRIC).label(lang), "pct", 1.2), Column(t("report.col_small", lang), "text", 1.0),
        Column(t("fair.report.col_rank_interval", lang), "text", 1.1), Column(t("fair.col_class", lang), "text", 1.6),
    )


def _row(unit: pd.Series, lang: str) -> tuple[Cell, ...]:
    inspected = bool(unit["units_inspected"])
    net = None if pd.isna(unit["processes_new"]) or not unit["units_with_figures"] else (
        int(unit["processes_new"]) - int(unit["processes_removed"]))
    figures = bool(unit["units_with_figures"])
    return (
        _int(unit["rank"]), str(unit["unit_code"]), str(unit["unit_name"]), _yes_no(inspected, lang),
        _yes_no(bool(unit["units_improved"]) if inspected else None, lang),
        _int(unit["processes_removed"]) if figures else None, _int(unit["processes_new"]) if figures else None,
        _int(unit["processes_amended"]) if figures else None, net,
        _int(unit["steps_before"]) if figures else None, _int(unit["steps_after"]) if figures else None,
        _float(unit["value"]), "⚠" if bool(unit["small"]) else "", _rank_interval(unit, lang),
        class_label(unit["class"], lang),
    )


def _rank_interval(unit: pd.Series, lang: str) -> str:
    """The rank's 95% interval alone, "1–9" (the rank itself has its own column, to sort on)."""
    text = rank_text(unit["rank"], unit["rank_lo"], unit["rank_hi"], lang)
    return text[text.find("(") + 1:-1] if "(" in text else text


def rankings(by_unit: pd.DataFrame, types: Sequence[str], year: int, lang: str) -> tuple[Table, ...]:
    """One table per unit type: its reporting units, best first on the step reduction rate, each rank with
    its interval and each unit's class against its type's overall rate (metrics.ranking)."""
    metric = get(RANK_METRIC)
    reporting = by_unit[by_unit["units_reporting"] > 0]
    tables = []
    for code in types:
        part = reporting[reporting["unit_type"] == code]
        if part.empty:
            continue
        # evaluate keeps unit_code, unit_name and unit_type as keys, on the same index as `part`
        ranked = rank_year(evaluate(part, RANK_METRIC), metric)
        counts = part.drop(columns=["unit_code", "unit_name", "unit_type"])
        rows = [_row(unit, lang) for _, unit in ranked.join(counts).iterrows()]
        title = t("report.section_ranking", lang, type=type_label(code, lang), year=year, metric=metric.label(lang),
                  count=len(rows))
        tables.append(Table(t("report.sheet_ranking", lang), title, ranking_columns(lang), rows,
                            group=type_label(code, lang)))
    return tuple(tables)


def not_reported(by_unit: pd.DataFrame, year: int, lang: str) -> Table:
    """The units in scope that sent no figures for the year."""
    missing = by_unit[(by_unit["units_in_scope"] > 0) & (by_unit["units_reporting"] == 0)]
    missing = missing.sort_values(["unit_type", "unit_code"])
    rows: list[tuple[Cell, ...]] = [
        (type_label(str(r["unit_type"]), lang), str(r["unit_code"]), str(r["unit_name"])) for _, r in missing.iterrows()
    ]
    columns = (Column(t("overview.col_type", lang), "text", 2.5), Column(t("report.col_unit_code", lang), "text", 1.3),
               Column(t("report.col_unit", lang), "text", 4))
    in_scope = int((by_unit["units_in_scope"] > 0).sum())
    return Table(t("report.sheet_missing", lang), t("report.section_missing", lang, year=year), columns, rows,
                 note=t("report.none_missing", lang, count=in_scope))
