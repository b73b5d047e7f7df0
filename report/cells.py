"""One cell, two ways: formatted for a reader (PDF), or kept as a number with an Excel format."""

from __future__ import annotations

from common.i18n import MISSING, fmt_num, fmt_pct, fmt_signed
from report.model import Cell, Kind

# Excel applies the reader's own decimal mark and thousands separator to these formats.
EXCEL_FORMATS: dict[Kind, str] = {
    "text": "@",
    "int": "#,##0",
    "pct": "0.0%",
    "num1": "#,##0.0",
    "pp": "+0.0%;-0.0%;0.0%",
}



def fmt_cell(value: Cell, kind: Kind, lang: str) -> str:
    """The cell as the overview would show it: 1.234 · 78,9% · +2,1 điểm % · – when missing."""
    if value is None:
        return MISSING
    if kind == "text" or isinstance(value, str):
        return str(value)
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind == "num1":
        return fmt_num(value, lang, 1)
    if kind == "pp":
        return fmt_signed(value, lang, 1, pct=True)
    return fmt_num(value, lang)

