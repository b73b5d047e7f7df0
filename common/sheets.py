"""Tables leaving the application as spreadsheet files (CSV, XLSX): text a spreadsheet would run as a
formula ("CSV injection", OWASP) is neutralised. One home for the rule, used by the pages' downloads
and the command lines alike."""

from __future__ import annotations

import io

import pandas as pd

# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell that a spreadsheet would run as a formula starts with a quote."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    out.columns = [str(c) for c in out.columns]
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
