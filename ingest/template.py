"""The inspection file's template: its columns with the Vietnamese header and a note each,
as a CSV and an XLSX analysts can fill in."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

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


# The official form as offices fill it: the year and round in the title, a two-level header with merged group
# headings, a row that numbers the columns, room for the units, the totals row and the signatures.
FORM_TITLE = "BÁO CÁO KẾT QUẢ KIỂM TRA VIỆC ÁP DỤNG HTQLCL THEO TCVN ISO 9001 NĂM ……… (ĐỢT ……)"
FORM_SINGLE = ("STT", "Tên đơn vị", "Loại đơn vị", "Ngày kiểm tra", "Phiên bản ISO")
FORM_GROUPS = (("Quy trình", ("Tổng số", "Loại bỏ", "Viết mới", "Sửa đổi")),
               ("Số bước giải quyết", ("Trước cải tiến", "Sau cải tiến")),
               ("Thủ tục hành chính", ("Tổng số", "Áp dụng ISO")))
FORM_TAIL = ("Có cải tiến", "Ghi chú")
FORM_ROWS = 20


def blank_form_xlsx() -> bytes:
    """The official report form, blank, as an XLSX workbook: offices write the year and round in its title."""
    import xlsxwriter  # only this download needs it

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Biểu 01")
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    title = book.add_format({"bold": True, "align": "center", "font_size": 13})
    width = len(FORM_SINGLE) + sum(len(subs) for _, subs in FORM_GROUPS) + len(FORM_TAIL)
    sheet.merge_range(0, 0, 0, width - 1, "UBND TỈNH LẠNG SƠN", title)
    sheet.merge_range(1, 0, 1, width - 1, FORM_TITLE, title)
    _form_header(sheet, head, width)
    cell = book.add_format({"border": 1})
    for row in range(6, 6 + FORM_ROWS):
        sheet.write_row(row, 0, [""] * width, cell)
    sheet.write(6 + FORM_ROWS, 1, "Tổng cộng", head)
    sheet.write(8 + FORM_ROWS, 1, "Người lập biểu")
    sheet.write(8 + FORM_ROWS, width - 4, "Thủ trưởng đơn vị")
    sheet.set_column(1, 2, 28)
    sheet.set_column(3, width - 1, 11)
    book.close()
    return out.getvalue()


def _form_header(sheet: Worksheet, head: Format, width: int) -> None:
    """Rows 4–6 of the form: single headings merged over two rows, group headings over their sub-headings,
    then the row that numbers the columns (1) … (n)."""
    col = 0
    for text in FORM_SINGLE:
        sheet.merge_range(3, col, 4, col, text, head)
        col += 1
    for group, subs in FORM_GROUPS:
        sheet.merge_range(3, col, 3, col + len(subs) - 1, group, head)
        for sub in subs:
            sheet.write(4, col, sub, head)
            col += 1
    for text in FORM_TAIL:
        sheet.merge_range(3, col, 4, col, text, head)
        col += 1
    for c in range(width):
        sheet.write(5, c, f"({c + 1})", head)
