"""How a figure is shown, written once beside the rules that decide it: the card (value, change badge,
what it rests on, the comparison's base, the interval), the small-sample label and "–" for missing.

The overview's cards (through ui.widgets), the briefing's PDF and its workbook all call these, so they
cannot drift apart. Pure functions of values and a language; the texts come from the catalogue."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from common.i18n import MISSING, fmt_num, fmt_signed, t
from metrics.change import Change
from metrics.compute import MIN_RELIABLE_N, evaluate
from metrics.like import MIN_MATCHED, Matched, Reorganisation, matched_change, units_with_figures
from metrics.model import Metric

__all__ = ["MISSING", "Badge", "Card", "CardInput", "badge", "basis_text", "card", "card_input", "comparison_text",
           "fmt_metric", "interval_text", "reorganisation_text", "small_label"]
Tone = Literal["good", "bad", "neutral"]
Arrow = Literal["up", "down", "off"]


@dataclass(frozen=True)
class Badge:
    """The change on last year as a badge: its text (with a true minus), its tone and its arrow."""

    text: str
    tone: Tone
    arrow: Arrow
    note: str  # its reading when not clear ("chưa rõ khác biệt"), else ""


def badge(metric: Metric, change: Change, lang: str, neutral: bool = False) -> Badge | None:
    """The badge of a change; None without one. Only a clear change of a ranked metric, in a year
    that speaks for the province (not `neutral`), is coloured good or bad."""
    if change.verdict == "none":
        return None
    arrow: Arrow = "off" if change.verdict == "same" else ("up" if change.change > 0 else "down")
    tone: Tone = "neutral"
    if change.clear and metric.better != "neutral" and not neutral:
        tone = "good" if (change.change > 0) == (metric.better == "higher") else "bad"
    note = t("ui.change_unclear", lang) if change.verdict == "unclear" else ""
    return Badge(metric.change_text(change.change, lang), tone, arrow, note)


def fmt_metric(metric: Metric, value: float | None, lang: str) -> str:
    """A metric value as text in the language's format (the metric declares its own); – when missing."""
    return MISSING if value is None or pd.isna(value) else metric.text(float(value), lang)


def small_label(lang: str) -> str:
    """The label of a share resting on few cases: "⚠ ít trường hợp (n < 10)"."""
    return t("ui.small_flag", lang, n=MIN_RELIABLE_N)


def basis_text(metric: Metric, num: float, den: float, units: int, in_scope: int | None, lang: str) -> str:
    """What a figure rests on, with the metric's own n: "dựa trên 52 đơn vị có số liệu: 1.047/1.767 bước…"."""
    counts = dict(num=fmt_num(num, lang), den=fmt_num(den, lang), what=metric.denominator_label(lang))
    if not metric.denominator.startswith("units_"):
        return t("fair.basis_figures", lang, units=fmt_num(units, lang), **counts)
    text = t("ui.card_basis", lang, **counts)
    if metric.denominator == "units_reporting" and in_scope is not None:
        text += " " + t("ui.card_scope", lang, n=fmt_num(in_scope, lang))
    return text


def comparison_text(matched: Matched | None, year: int, reorganised: bool, lang: str) -> str:
    """On which units the change rests, or why there is none."""
    if matched is None:
        return t("fair.no_prev", lang, prev=year - 1)
    if not matched.enough:
        return t("fair.too_few", lang, prev=year - 1, n=fmt_num(matched.units, lang), min=MIN_MATCHED)
    key = "fair.compared_lineage" if reorganised else "fair.compared"
    return t(key, lang, prev=year - 1, n=fmt_num(matched.units, lang))


def interval_text(change: Change, lang: str) -> str:
    """The 95% interval of a change of a share ("" when it has none)."""
    if math.isnan(change.lo):
        return ""
    return t("ui.change_interval", lang, lo=fmt_signed(change.lo, lang, 1, pct=True),
             hi=fmt_signed(change.hi, lang, 1, pct=True))


def reorganisation_text(reorg: Reorganisation, lang: str) -> str:
    """"69 đơn vị, năm 2024: 122, sau sắp xếp tổ chức bộ máy" ("" when nothing was reorganised)."""
    if not reorg.reorganised:
        return ""
    return t("fair.reorganised", lang, now=fmt_num(reorg.in_scope, lang), prev=reorg.year - 1,
             before=fmt_num(reorg.in_scope_before, lang))


@dataclass(frozen=True)
class Card:
    """One key figure as every output shows it."""

    label: str
    value: str
    badge: Badge | None
    basis: str  # what the value rests on, with the small-sample label when it rests on few cases
    comparison: str  # the units the change rests on, or why there is none
    interval: str
    help: str  # the hover text: the metric's definition

    @property
    def detail(self) -> str:
        """Below what it rests on: the units the change rests on (or why there is none) and its interval."""
        return "; ".join(p for p in (self.comparison, self.interval) if p)

    @property
    def badge_line(self) -> str:
        """The badge as a line of print: "−5,0 điểm %", with its reading when not clear ("" without a change)."""
        if self.badge is None:
            return ""
        return f"{self.badge.text} · {self.badge.note}" if self.badge.note else self.badge.text

    @property
    def change_line(self) -> str:
        """The change in one line, for a table cell: the badge, then the units it rests on and its interval."""
        return " — ".join(p for p in (self.badge_line, self.detail) if p)


@dataclass(frozen=True)
class CardInput:
    """What a card is made of: this year's value and counts, the metric's own n, the matched change."""

    value: float
    num: float
    den: float
    small: bool
    units: int  # units with figures for the metric this year
    in_scope: int | None
    matched: Matched | None
    neutral: bool  # a partly reported year: no change is coloured


def card(metric: Metric, given: CardInput, year: int, reorganised: bool, lang: str) -> Card:
    """The card of a metric for a year."""
    basis = basis_text(metric, given.num, given.den, given.units, given.in_scope, lang)
    if given.small:
        basis += " · " + small_label(lang)
    change = given.matched.change if given.matched is not None else None
    return Card(
        label=metric.label(lang), value=metric.text(given.value, lang),
        badge=None if change is None else badge(metric, change, lang, given.neutral), basis=basis,
        comparison=comparison_text(given.matched, year, reorganised, lang),
        interval="" if change is None else interval_text(change, lang), help=metric.definition(lang))


def card_input(key: str, by_year: pd.DataFrame, by_unit: pd.DataFrame, rolled: pd.DataFrame | None, year: int,
               neutral: bool) -> CardInput | None:
    """A card's figures from the counts by year, this year's counts by unit and the rolled-up counts by unit
    of both years (None, or no row of last year in `by_year`: nothing to compare with); None without the year."""
    values = evaluate(by_year, key).set_index("year")
    if year not in values.index:
        return None
    now = values.loc[year]
    in_scope = by_year.set_index("year").loc[year, "units_in_scope"]
    compare = rolled is not None and year - 1 in values.index
    return CardInput(float(now["value"]), float(now["numerator"]), float(now["denominator"]), bool(now["small"]),
                     units_with_figures(by_unit, key), int(in_scope),
                     matched_change(rolled, key, year) if compare and rolled is not None else None, neutral)
