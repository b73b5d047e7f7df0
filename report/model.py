"""The shape of a briefing: tables of raw values with a kind per column, so that the PDF formats
them for a reader and the workbook keeps them as numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

import plotly.graph_objects as go

from metrics.shown import Card

# text: as is · int: a count · pct: a share (0.79) · num1: one decimal · pp: a change of a share
Kind = Literal["text", "int", "pct", "num1", "pp"]
Cell = str | int | float | None
# The briefing's parts, in the one order the PDF and the workbook both follow (the workbook draws no charts
# and puts the rankings on one sheet).
Section = Literal["summary", "cards", "rounds", "by_type", "charts", "rankings", "not_reported", "definitions"]
SECTIONS: tuple[Section, ...] = get_args(Section)


@dataclass(frozen=True)
class Column:
    """One column: its header in the briefing's language, its kind and relative width in the PDF."""

    header: str
    kind: Kind = "text"
    width: float = 1.0


@dataclass(frozen=True)
class Table:
    """A titled table; `sheet` names its worksheet, `note` is said when it has no rows."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    note: str = ""
    group: str = ""  # the unit type of a ranking table, so the workbook can put them on one sheet


@dataclass(frozen=True)
class Chart:
    """A figure to render as an image, with a stable name for file names and tests."""

    name: str
    figure: go.Figure


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing shows, in one language, ready to be written."""

    lang: str
    year: int
    unit_types: tuple[str, ...]
    heading: tuple[str, ...]  # province, committee, title
    facts: tuple[tuple[str, str], ...]  # (label, value): year, filters, date made, data label
    made_on: dt.date
    demo: bool
    cards: Table
    rounds: Table
    by_type: Table
    rankings: tuple[Table, ...]  # one per unit type, in the article's order
    not_reported: Table
    definitions: Table
    charts: tuple[Chart, ...] = field(default=())
    summary: tuple[str, ...] = field(default=())  # the year in words (report.summary), opening the PDF
    card_views: tuple[Card, ...] = field(default=())  # the cards as the overview shows them (metrics.shown)
