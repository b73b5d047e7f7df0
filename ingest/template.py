"""The inspection file's template: its columns with the Vietnamese header and a note each,
as a CSV and an XLSX analysts can fill in."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from common.i18n import t
from ingest.columns import _ALIASES, COLUMNS


@dataclass(frozen=True)
class FileColumn:
    """One column of the file: canonical (English) header, Vietnamese header, what goes in it."""

    name: str
    vietnamese: str

    def note(self, lang: str) -> str:
        """What goes in the column, in the given language."""
        return t(f"template.{self.name}", lang)


FILE_COLUMNS: tuple[FileColumn, ...] = tuple(FileColumn(c, _ALIASES[c][0]) for c in COLUMNS)

EXAMPLE: dict[str, object] = {
    "unit_code": "LS-SNV", "unit_name": "Sở Nội vụ", "unit_type": "Cơ quan chuyên môn cấp tỉnh",
    "year": 2017, "inspection_round": 1, "inspected_on": "18/04/2017", "iso_version": "TCVN ISO 9001:2008",
    "processes_total": 46, "processes_removed": 8, "processes_new": 10, "processes_amended": 25,
    "steps_before": 34, "steps_after": 16, "procedures_total": 62, "procedures_under_iso": 61,
    "improved": "có", "note": "",
}


def _frame(vietnamese: bool) -> pd.DataFrame:
    headers = [c.vietnamese if vietnamese else c.name for c in FILE_COLUMNS]
    return pd.DataFrame([[EXAMPLE[c.name] for c in FILE_COLUMNS]], columns=headers)


def template_csv() -> bytes:
    """The template as UTF-8 CSV with BOM (Excel on Windows opens it with the right letters)."""
    text: str = _frame(vietnamese=False).to_csv(index=False)
    return text.encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The template as an XLSX workbook with Vietnamese headers."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        _frame(vietnamese=True).to_excel(writer, index=False, sheet_name="Kiem tra ISO")
        writer.sheets["Kiem tra ISO"].set_column(0, len(FILE_COLUMNS) - 1, 18)
    return out.getvalue()
