"""Tables leaving the application as spreadsheet files (CSV, XLSX): text a spreadsheet would run as a
formula ("CSV injection", OWASP) is neutralised. One home for the rule, used by the pages' downloads
and the command lines alike."""

from __future__ import annotations

import io

import pandas as pd

# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could run this text as a formula: it starts with one of FORMULA_STARTS, even
    after leading spaces (some spreadsheets trim them on import). The one test the CSV, the downloads and
    the briefing's workbook share."""
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def defuse(value: object) -> object:
    """Text a spreadsheet would run as a formula (OWASP "CSV injection") with a quote in front; anything
    else as it is."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def _header(column: object) -> str:
    return " · ".join(map(str, column)) if isinstance(column, tuple) else str(column)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where no text reaching the file can run as a formula: every cell of every column that may
    hold text (categories included), and every header (compare's table has unit names as headers)."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)):
            out[col] = series.astype(object).map(defuse)
    out.columns = [str(defuse(_header(c))) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel on Windows reads Vietnamese correctly."""
    text: str = neutralise(frame).to_csv(index=False)
    return text.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An .xlsx workbook with one sheet, written by xlsxwriter; text never becomes a formula."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        neutralise(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        writer.sheets[sheet[:31]].autofit()
    return buffer.getvalue()
