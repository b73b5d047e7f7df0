"""Write the official report form (title block, two-level header with merged group headings, a row that
numbers the columns, totals and signatures) with xlsxwriter, then let LibreOffice save it as .xls, .ods and
.xlsx. The outputs are committed, so the tests do not need LibreOffice.

Run from the project root (LibreOffice's `soffice` on PATH):

    .venv/bin/python tests/data/office/make_office.py

which runs, in tests/data/office/:

    soffice --headless --convert-to xls --outdir lo bieu_mau.xlsx
    soffice --headless --convert-to ods --outdir lo bieu_mau.xlsx
    soffice --headless --convert-to xlsx --outdir lo bieu_mau.xlsx

and then renames lo/bieu_mau.{xls,ods,xlsx} to bieu_mau_lo.{xls,ods,xlsx}; and the same form as CSV, cells as
shown (dates dd/mm/yyyy), UTF-8, comma-separated:

    soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true" \
        --outdir lo bieu_mau.xlsx

renamed to bieu_mau_lo.csv. `unknown_column.xlsx` is the same
form with one more figure column under a heading no alias knows ("Số sáng kiến"); `near_miss.xlsx` names two
units slightly wrong ("Sở Tư Phap", "Sở Giáo dục và Đạo tạo"). The figures in FORM are what the tests expect
stored, written here by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).resolve().parent
TYPE = "Cơ quan chuyên môn cấp tỉnh"
# name, round, date, ISO version, processes total/removed/new/amended, steps before/after,
# procedures total/under ISO, improved, note
FORM = [
    ("Sở Nội vụ", 1, dt.date(2024, 6, 12), "TCVN ISO 9001:2015", 46, 4, 10, 25, 10, 5, 62, 60, "Có", "Tốt"),
    ("Sở Tư pháp", 1, dt.date(2024, 6, 14), "TCVN ISO 9001:2015", 38, 2, 6, 11, 9, 6, 120, 118, "Có", ""),
    ("Sở Tài chính", 1, dt.date(2024, 7, 2), "TCVN ISO 9001:2015", 40, 5, 12, 20, 9, 4, 50, 48, "Không", ""),
    ("Sở Xây dựng", 1, dt.date(2024, 7, 9), "TCVN ISO 9001:2015", 33, 0, 3, 7, 12, 8, 70, 70, "Có", ""),
    ("Sở Giáo dục và Đào tạo", 1, dt.date(2024, 8, 20), "TCVN ISO 9001:2015", 51, 6, 9, 14, 11, 7, 95, 90,
     "Có", "Kiểm tra lần đầu"),
]
SINGLE = ["STT", "Tên đơn vị", "Loại đơn vị", "Năm", "Đợt kiểm tra", "Ngày kiểm tra", "Phiên bản ISO"]
GROUPS = [("Quy trình", ["Tổng số", "Loại bỏ", "Viết mới", "Sửa đổi"]),
          ("Số bước giải quyết", ["Trước cải tiến", "Sau cải tiến"]),
          ("Thủ tục hành chính", ["Tổng số", "Áp dụng ISO"])]
TAIL = ["Có cải tiến", "Ghi chú"]
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"  # UTF-8, cells as shown
NEAR_MISS = {"Sở Tư pháp": "Sở Tư Phap", "Sở Giáo dục và Đào tạo": "Sở Giáo dục và Đạo tạo"}


def write_form(path: Path, extra: str | None = None, names: dict[str, str] | None = None) -> None:
    """The official form; `extra` adds a figure column with that heading before "Có cải tiến"."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    tail = TAIL if extra is None else [extra, *TAIL]
    width = len(SINGLE) + sum(len(s) for _, s in GROUPS) + len(tail)
    sheet.merge_range(0, 0, 0, width - 1, "UBND TỈNH LẠNG SƠN", head)
    sheet.merge_range(1, 0, 1, width - 1, "BÁO CÁO KẾT QUẢ ÁP DỤNG ISO 9001 NĂM 2024", head)
    col = 0
    for text in SINGLE:
        sheet.merge_range(3, col, 4, col, text, head)
        col += 1
    for group, subs in GROUPS:
        sheet.merge_range(3, col, 3, col + len(subs) - 1, group, head)
        for sub in subs:
            sheet.write(4, col, sub, head)
            col += 1
    for text in tail:
        sheet.merge_range(3, col, 4, col, text, head)
        col += 1
    for c in range(width):
        sheet.write(5, c, f"({c + 1})", head)
    for i, row in enumerate(FORM):
        name, rnd, when, iso, *figures, improved, note = row
        cells: list[object] = [i + 1, (names or {}).get(name, name), TYPE, 2024, rnd, when, iso, *figures]
        if extra is not None:
            cells.append(3 + i)
        cells += [improved, note]
        for c, value in enumerate(cells):
            if isinstance(value, dt.date):
                sheet.write_datetime(6 + i, c, dt.datetime.combine(value, dt.time()), date)
            else:
                sheet.write(6 + i, c, value)
    last = 6 + len(FORM)
    sheet.write(last, 1, "Tổng cộng")
    sheet.write(last, 7, sum(r[4] for r in FORM))
    sheet.write(last + 2, 1, "Người lập biểu")
    sheet.write(last + 2, 10, "Thủ trưởng đơn vị")
    book.close()


# The form exactly as offices send it (issue 25): the year and round only in the title, no "Năm" or "Đợt" column;
# the letterhead with the date it was signed (in the next year: not the year reported on); an inserted date
# column numbered "(3a)" in the row that numbers the columns.
TITLE = "BÁO CÁO KẾT QUẢ KIỂM TRA VIỆC ÁP DỤNG HTQLCL THEO TCVN ISO 9001 NĂM 2018 (ĐỢT 2)"
TITLE_SINGLE = ["STT", "Tên đơn vị", "Loại đơn vị", "Ngày kiểm tra", "Phiên bản ISO"]
TITLE_NUMBERS = ["(1)", "(2)", "(3)", "(3a)", *(f"({n})" for n in range(4, 15))]
TITLE_YEAR, TITLE_ROUND = 2018, 2


def write_title_form(path: Path) -> None:
    """The official form with the year and round only in its title (row 4), as offices fill it."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Biểu 01")
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    plain = book.add_format({"align": "center"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    width = len(TITLE_SINGLE) + sum(len(s) for _, s in GROUPS) + len(TAIL)
    sheet.merge_range(0, 0, 0, 3, "UBND TỈNH LẠNG SƠN", plain)
    sheet.merge_range(0, 8, 0, width - 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", plain)
    sheet.merge_range(1, 0, 1, 3, "SỞ NỘI VỤ", plain)
    sheet.merge_range(1, 8, 1, width - 1, "Độc lập - Tự do - Hạnh phúc", plain)
    sheet.merge_range(2, 8, 2, width - 1, "Lạng Sơn, ngày 25 tháng 01 năm 2019", plain)
    sheet.merge_range(3, 0, 3, width - 1, TITLE, head)
    sheet.merge_range(4, 0, 4, width - 1, "(Kèm theo Báo cáo số 15/BC-SNV ngày 25/01/2019 của Sở Nội vụ)", plain)
    col = 0
    for text in TITLE_SINGLE:
        sheet.merge_range(6, col, 7, col, text, head)
        col += 1
    for group, subs in GROUPS:
        sheet.merge_range(6, col, 6, col + len(subs) - 1, group, head)
        for sub in subs:
            sheet.write(7, col, sub, head)
            col += 1
    for text in TAIL:
        sheet.merge_range(6, col, 7, col, text, head)
        col += 1
    for c, number in enumerate(TITLE_NUMBERS):
        sheet.write(8, c, number, head)
    for i, row in enumerate(FORM):
        name, _, when, iso, *figures, improved, note = row
        cells: list[object] = [i + 1, name, TYPE, when.replace(year=TITLE_YEAR), iso, *figures, improved, note]
        for c, value in enumerate(cells):
            if isinstance(value, dt.date):
                sheet.write_datetime(9 + i, c, dt.datetime.combine(value, dt.time()), date)
            else:
                sheet.write(9 + i, c, value)
    last = 9 + len(FORM)
    sheet.write(last, 1, "Tổng cộng")
    sheet.write(last, 5, sum(r[4] for r in FORM))
    sheet.write(last + 2, 1, "Người lập biểu")
    sheet.write(last + 2, 10, "Thủ trưởng đơn vị")
    book.close()


def convert(name: str, target: str) -> None:
    """LibreOffice's copies of tests/data/office/<name>.xlsx as <target>.{xls,ods,xlsx,csv}."""
    lo = OUT / "lo"
    for kind in ("xls", "ods", "xlsx", CSV_FILTER):
        subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(lo), f"{name}.xlsx"],
                       cwd=OUT, check=True)
        ext = kind.split(":")[0]
        shutil.move(lo / f"{name}.{ext}", OUT / f"{target}.{ext}")
    lo.rmdir()


def main(which: str = "all") -> None:
    """Write the forms and the LibreOffice copies (`title`: only the form with the year in its title)."""
    if which == "all":
        write_form(OUT / "bieu_mau.xlsx")
        write_form(OUT / "unknown_column.xlsx", extra="Số sáng kiến")
        write_form(OUT / "near_miss.xlsx", names=NEAR_MISS)
        convert("bieu_mau", "bieu_mau_lo")
    write_title_form(OUT / "bieu_mau_tieu_de.xlsx")
    convert("bieu_mau_tieu_de", "bieu_mau_tieu_de_lo")


if __name__ == "__main__":
    import sys

    main(sys.argv[1] if len(sys.argv) > 1 else "all")
