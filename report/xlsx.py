"""The briefing as an Excel workbook: a summary sheet, one sheet per table with headers in the
briefing's language and numbers as numbers, and the metric definitions."""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from common.i18n import t
from common.sheets import is_formula
from report.cells import EXCEL_FORMATS
from report.model import SECTIONS, Briefing, Cell, Column, Kind, Section, Table

HEADER_ROW = 3  # 0: title · 1: year, filters, data label · 2: empty · 3: headers
CHARS_PER_WIDTH = 11  # column width (in characters) per unit of a Column's relative width


class _Styles:
    """The workbook's formats, made once."""

    def __init__(self, wb: Workbook) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.note = wb.add_format({"italic": True, "font_color": "#7a4a00"})
        self.header = wb.add_format({"bold": True, "bg_color": "#dde7f3", "text_wrap": True, "valign": "top",
                                     "border": 1})
        self.kinds: dict[Kind, Format] = {k: wb.add_format({"num_format": f, "valign": "top"})
                                          for k, f in EXCEL_FORMATS.items()}
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        # Shown exactly as written, and kept as text even when someone edits the cell.
        self.quoted = wb.add_format({"quote_prefix": True, "valign": "top"})


def build_xlsx(briefing: Briefing) -> bytes:
    """The workbook as bytes."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    wb = xlsxwriter.Workbook(buffer, options)
    styles = _Styles(wb)
    sheets = sheet_tables(briefing)
    for section in SECTIONS:
        if section == "summary":
            _summary(wb.add_worksheet(t("report.sheet_summary", briefing.lang)), briefing, styles)
        elif (table := sheets.get(section)) is not None:
            _table(wb.add_worksheet(table.sheet), table, briefing, styles)
    wb.close()
    return buffer.getvalue()


def sheet_tables(b: Briefing) -> dict[Section, Table]:
    """The table of each section that has a sheet of its own (the summary is written apart, charts not at all)."""
    return {"cards": b.cards, "rounds": b.rounds, "by_type": b.by_type, "rankings": ranking_sheet(b),
            "not_reported": b.not_reported, "definitions": b.definitions}


def ranking_sheet(briefing: Briefing) -> Table:
    """The rankings of every unit type as one table, with the unit type as its first column."""
    lang = briefing.lang
    first = briefing.rankings[0] if briefing.rankings else None
    columns = (Column(t("overview.col_type", lang), "text", 2.5), *(first.columns if first else ()))
    rows = [(table.group, *row) for table in briefing.rankings for row in table.rows]
    return Table(t("report.sheet_ranking", lang), t("report.section_ranking_all", lang, year=briefing.year),
                 columns, rows, note=t("report.no_ranking", lang))


def _summary(ws: Worksheet, briefing: Briefing, styles: _Styles) -> None:
    for row, line in enumerate(briefing.heading):
        _text(ws, row, 0, line, styles.title if row == len(briefing.heading) - 1 else None, styles)
    first = len(briefing.heading) + 1
    for i, (label, value) in enumerate(briefing.facts, start=first):
        _text(ws, i, 0, label, None, styles)
        _text(ws, i, 1, value, None, styles)
    if briefing.demo:  # the source line says the figures are illustrative
        _text(ws, first + len(briefing.facts) - 1, 1, briefing.facts[-1][1], styles.note, styles)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 90)


def _table(ws: Worksheet, table: Table, briefing: Briefing, styles: _Styles) -> None:
    _text(ws, 0, 0, table.title, styles.title, styles)
    _text(ws, 1, 0, " · ".join(value for _, value in briefing.facts[:2] + (
        briefing.facts[3:] if briefing.demo else ())), styles.note, styles)
    for col, column in enumerate(table.columns):
        ws.write_string(HEADER_ROW, col, column.header, styles.header)
        ws.set_column(col, col, min(60, max(9, round(column.width * CHARS_PER_WIDTH))))
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            _cell(ws, r, col, value, column, styles)
    if not table.rows and table.note:
        _text(ws, HEADER_ROW + 1, 0, table.note, styles.note, styles)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    if table.rows:
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(table.rows), len(table.columns) - 1)


def _cell(ws: Worksheet, row: int, col: int, value: Cell, column: Column, styles: _Styles) -> None:
    if value is None:
        ws.write_blank(row, col, None, styles.kinds[column.kind])
    elif isinstance(value, str):
        _text(ws, row, col, value, styles.wrap if column.width >= 2 else None, styles)
    else:
        ws.write_number(row, col, value, styles.kinds[column.kind])


def _text(ws: Worksheet, row: int, col: int, text: str, style: Format | None, styles: _Styles) -> None:
    """A string cell; one that a spreadsheet could take for a formula gets the quote prefix."""
    if is_formula(text):
        style = styles.quoted
    ws.write_string(row, col, text, style)
