"""Write the corpus of awkward and bad inspection files and their expectations (tests/data/corpus/).

Run from the project root: `.venv/bin/python tests/data/make_corpus.py`. The outputs are committed;
the expectations below are written by hand, not computed by the code under test.
Rows and columns are as a person sees the file: line / spreadsheet row, header as written.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).resolve().parent / "corpus"
EN = (
    "unit_code,unit_name,unit_type,year,inspection_round,inspected_on,iso_version,processes_total,"
    "processes_removed,processes_new,processes_amended,steps_before,steps_after,procedures_total,"
    "procedures_under_iso,improved,note"
)
VI = (
    "Mã đơn vị,Tên đơn vị,Loại đơn vị,Năm,Đợt kiểm tra,Ngày kiểm tra,Phiên bản ISO,Số quy trình,"
    "Số quy trình loại bỏ,Số quy trình viết mới,Số quy trình sửa đổi,Số bước trước cải tiến,"
    "Số bước sau cải tiến,Số TTHC,Số TTHC áp dụng ISO,Có cải tiến,Ghi chú"
)
VI_ROWS = (
    "SNV,Sở Nội vụ,,2017,1,15/06/2017,TCVN ISO 9001:2008,46,4,10,25,10,5,62,62,có,Tốt\n"
    ",Sở Tài chính,,2017,1,16/06/2017,2008,40,5,12,20,9,4,50,48,không,\n"
    ",Phòng Quản lý đô thị Huế,Phòng chuyên môn cấp huyện,2017,1,20/06/2017,2015,20,1,2,3,,,15,15,có,Mới\n"
)


def _cp1258(text: str) -> bytes:
    """Windows-1258 as legacy tools write it: precomposed base letters, tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = parts[0] + "".join(c for c in parts[1:] if c not in tones)
            out += unicodedata.normalize("NFC", base).encode("cp1258")
            out += "".join(c for c in parts[1:] if c in tones).encode("cp1258")
    return bytes(out)


def _csv(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _row(**cells: object) -> str:
    """An EN-layout CSV row from named cells."""
    return ",".join(str(cells.get(c, "")) for c in EN.split(","))


OK3 = {"ok": True, "errors": [], "warnings": [], "rows": 3}
FILES: dict[str, tuple[bytes, dict[str, object]]] = {}


def add(name: str, data: bytes, **expect: object) -> None:
    """One corpus file and what reading and checking it must give."""
    FILES[name] = (data, expect)


def text_files() -> None:
    """The CSV and text files."""
    add("ok_utf8_en.csv", (EN + "\n" + VI_ROWS).encode(), **OK3)
    add("ok_utf8_bom_vi.csv", b"\xef\xbb\xbf" + (VI + "\r\n" + VI_ROWS.replace("\n", "\r\n")).encode(), **OK3)
    tab = (VI + "\n" + VI_ROWS).replace(",", "\t")
    add("ok_utf16_tab.csv", "\ufeff".encode("utf-16-le") + tab.encode("utf-16-le"), **OK3)
    add("ok_cp1258.csv", _cp1258(VI + "\r\n" + VI_ROWS.replace("\n", "\r\n")), **OK3)
    semi = (VI + "\n" + VI_ROWS).replace(",", ";").replace(";46;4;", ';"1.200";4;')
    add("ok_semicolon.csv", semi.encode(), **OK3)
    odd = (" ma don vi ,TEN  DON VI,loai_don_vi,NAM,Dot Kiem Tra,ngay kiem tra,phien ban iso,SO QUY TRINH,"
           "so quy trinh loai bo")
    rows = _csv(odd, "snv,,,2017,1,2017-06-15,9001:2015,46,4", ",sở tài  chính,,2017,,,,40,5")
    add("ok_no_diacritics.csv", rows.encode(), ok=True, errors=[], warnings=[], rows=2)
    letterhead = _csv(
        "UBND TỈNH LẠNG SƠN,,,,,,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ,,,,,,Độc lập - Tự do - Hạnh phúc",
        ",,,,,,",
        "BÁO CÁO KẾT QUẢ KIỂM TRA VIỆC ÁP DỤNG HTQLCL NĂM 2017,,,,,,",
        ",,,,,,",
        "STT,Mã đơn vị,Tên đơn vị,Năm,Ngày kiểm tra,Có cải tiến,Ghi chú",
        "1,SNV,Sở Nội vụ,2017,15/06/2017,x,",
        "2,STC,Sở Tài chính,2017,16/06/2017,,",
        '3,SKHCN,"Sở Khoa học\nvà Công nghệ",2017,17/06/2017,x,',
        "Tổng cộng,,,,,2,",
        ",,,,,,",
        ",,,,Lạng Sơn, ngày 20 tháng 11 năm 2017,,",
        "Người lập biểu,,,,THỦ TRƯỞNG ĐƠN VỊ,,",
        "(Ký, họ tên),,,,(Ký tên, đóng dấu),,",
        ",,,,,,",
        "Nguyễn Văn A,,,,Trần Thị B,,",
    )
    add("ok_letterhead_footer.csv", letterhead.encode("utf-8-sig"), **OK3)
    multiline = _csv(EN, '"SNV","Sở Nội vụ\n(trụ sở mới)",,2017', _row(unit_code="STC", year=2017, processes_total=-3))
    add("err_after_multiline.csv", multiline.encode(), ok=False, errors=[[4, "processes_total"]], warnings=[], rows=2)
    negative = _csv(EN, _row(unit_code="SNV", year=2017, processes_removed="-4", steps_after="−1"))
    add("err_negative.csv", negative.encode(), ok=False, errors=[[2, "processes_removed"], [2, "steps_after"]],
        warnings=[], rows=1)
    bad_ints = _csv(EN, _row(unit_code="SNV", year=2017, processes_total='"12,0"', processes_new="12.5"),
                    _row(unit_code="STC", year=2017, processes_total="1 200", steps_before="mười"))
    add("err_not_integer.csv", bad_ints.encode(), ok=False,
        errors=[[2, "processes_total"], [2, "processes_new"], [3, "steps_before"]], warnings=[], rows=2)
    years = _csv(EN, _row(unit_code="SNV", year=1999), _row(unit_code="STC", year=2031), _row(unit_code="SKHCN"),
                 _row(unit_code="H-TD", year="năm 2017"))
    add("err_years.csv", years.encode(), ok=False,
        errors=[[2, "year"], [3, "year"], [4, "year"], [5, "year"]], warnings=[], rows=4)
    dates = _csv(EN, _row(unit_code="SNV", year=2020, inspected_on="31/02/2020"),
                 _row(unit_code="STC", year=2020, inspected_on="hôm qua"),
                 _row(unit_code="SKHCN", year=2020, inspected_on="05/01/2021"))
    add("err_dates.csv", dates.encode(), ok=False, errors=[[2, "inspected_on"], [3, "inspected_on"]],
        warnings=[[4, "inspected_on"]], rows=3)
    under = _csv(EN, _row(unit_code="SNV", year=2017, procedures_total=62, procedures_under_iso=63))
    add("err_under_iso.csv", under.encode(), ok=False, errors=[[2, "procedures_under_iso"]], warnings=[], rows=1)
    kinds = _csv(EN, _row(unit_name="Sở Mới", unit_type="Bộ", year=2017),
                 _row(unit_code="SNV", year=2017, iso_version="ISO 14001"),
                 _row(unit_code="STC", year=2017, improved="có lẽ"))
    add("err_type_version_improved.csv", kinds.encode(), ok=False,
        errors=[[2, "unit_type"], [3, "iso_version"], [4, "improved"]], warnings=[], rows=3)
    dup = _csv(EN, _row(unit_code="SNV", year=2017, inspection_round=1, inspected_on="15/06/2017"),
               _row(unit_code="snv", year=2017, inspection_round=1, inspected_on="16/06/2017"),
               _row(unit_code="SNV", year=2017, inspection_round=2, inspected_on="16/10/2017"))
    add("err_duplicate_round.csv", dup.encode(), ok=False, errors=[[3, None]], warnings=[], rows=3)
    differ = _csv(EN, _row(unit_code="SNV", year=2017, inspection_round=1, processes_total=46, processes_new=10),
                  _row(unit_code="SNV", year=2017, inspection_round=2, processes_total=46, processes_new=10),
                  _row(unit_code="SNV", year=2017, inspection_round=3),
                  _row(unit_code="SNV", year=2017, inspection_round=4, processes_total=46, processes_new=11))
    add("err_figures_differ.csv", differ.encode(), ok=False, errors=[[5, "processes_new"]], warnings=[], rows=4)
    units = _csv(EN, _row(unit_code="XYZ", year=2017), _row(unit_name="Sở Chưa Có", year=2017),
                 _row(unit_name="Phòng Nội vụ", year=2017), _row(year=2017, note="?"),
                 _row(unit_code="NEW1", unit_name="Ban Mới", unit_type="cqcm_tinh", year=2017),
                 _row(unit_name="phòng  nội vụ", unit_type="phong_huyen", year=2018))
    add("err_units.csv", units.encode(), ok=False,
        errors=[[2, "unit_code"], [3, "unit_name"], [4, "unit_name"], [5, None], [7, "unit_name"]], warnings=[], rows=6)
    add("err_no_year_column.csv", _csv("unit_code,unit_name,processes_total", "SNV,Sở Nội vụ,46").encode(),
        ok=False, errors=[[None, None]], warnings=[], rows=1)
    add("header_only.csv", (EN + "\n").encode(), ok=False, errors=[[None, None]], warnings=[], rows=0)
    warn = _csv(EN, _row(unit_code="SNV", year=2016, processes_total=40),
                _row(unit_code="SNV", year=2017, processes_total=46, processes_removed=4, processes_new=10,
                     steps_before=5, steps_after=7),
                _row(unit_code="STC", year=2016, processes_total=3),
                _row(unit_code="STC", year=2017, processes_total=9, processes_removed=5, processes_new=11))
    add("warn_steps_continuity.csv", warn.encode(), ok=True, errors=[],
        warnings=[[3, "steps_after"], [5, "processes_removed"]], rows=4)
    brk = _csv(EN, _row(unit_code="SNV", year=2016, processes_total=40),
               _row(unit_code="SNV", year=2017, processes_total=50, processes_removed=4, processes_new=10))
    add("warn_continuity_break.csv", brk.encode(), ok=True, errors=[], warnings=[[3, "processes_total"]], rows=2)
    offices = _csv("Mã đơn vị;Năm;Đợt kiểm tra;Có cải tiến", "TD-NV;2017;1;có", "TD-TP;2017;1;có", "CL-NV;2017;1;không",
                   "TD-TC;2017;1;có", "TD-VH;2017;1;có", "TD-VH;2018;1;có")
    add("warn_offices.csv", offices.encode(), ok=True, errors=[], warnings=[[6, "Mã đơn vị"]], rows=6)
    add("empty.csv", b"", raises="ingest.empty_file")
    add("blank_lines.csv", b"\r\n  \r\n", raises="ingest.empty_file")
    add("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, raises="ingest.not_table")
    add("document.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", raises="ingest.not_table")
    add("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, raises="ingest.bad_ole2")  # a header only
    prose = "Kính gửi: Sở Khoa học và Công nghệ\nĐơn vị xin báo cáo kết quả áp dụng ISO năm 2017 như sau.\n"
    add("letter.txt", prose.encode(), raises="ingest.no_header")
    wide = ",".join(["unit_code", "year", "processes_total"] + [f"c{i}" for i in range(297)])
    wide_rows = _csv(wide, ",".join(["SNV", "2017", "4"] + ["1"] * 297))
    add("wide_300.csv", wide_rows.encode(), raises="ingest.too_many_columns")
    add("unclosed_quote.csv", _csv(EN, 'SNV,"Sở Nội vụ,,2017').encode(), raises="ingest.bad_csv")


def _xlsx(build: object) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2024, 1, 1)})  # the same bytes on every run
    build(book)  # type: ignore[operator]
    book.close()
    return out.getvalue()


def _excel_ok(book: xlsxwriter.Workbook) -> None:
    hidden = book.add_worksheet("Ẩn")
    hidden.write_row(0, 0, ["unit_code", "year", "processes_total"])
    sheet = book.add_worksheet("Kết quả")
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write(0, 0, "UBND TỈNH LẠNG SƠN")
    sheet.write(1, 0, "BÁO CÁO KẾT QUẢ KIỂM TRA NĂM 2017")
    sheet.write_row(3, 0, ["STT", "Mã đơn vị", "Tên đơn vị", "Năm", "Ngày kiểm tra", "Số quy trình", "Có cải tiến"])
    data = [("SNV", "Sở Nội vụ", 2017, dt.date(2017, 6, 15), 46.0, "x"),
            ("STC", "Sở Tài chính", 2017, dt.date(2017, 6, 16), 40, ""),
            ("SKHCN", "Sở Khoa học và Công nghệ", 2017, dt.date(2017, 7, 1), 38, "x")]
    for i, (code, name, year, day, total, improved) in enumerate(data):
        sheet.write_row(4 + i, 0, [i + 1, code, name, year])
        sheet.write_datetime(4 + i, 4, dt.datetime.combine(day, dt.time()), date)
        sheet.write_number(4 + i, 5, total)
        sheet.write(4 + i, 6, improved)
    sheet.write(7, 0, "Tổng cộng")
    sheet.write_formula(7, 5, "=SUM(F5:F7)", None, 124)
    sheet.write(9, 4, "NGƯỜI LẬP")
    sheet.activate()
    hidden.hide()


def _excel_bad(book: xlsxwriter.Workbook) -> None:
    sheet = book.add_worksheet("Sheet1")
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write(0, 0, "BÁO CÁO")
    sheet.write_row(2, 0, ["Mã đơn vị", "Năm", "Ngày kiểm tra", "Số quy trình", "Số quy trình loại bỏ"])
    sheet.write_row(3, 0, ["SNV", 2017])
    sheet.write_datetime(3, 2, dt.datetime(2017, 6, 15), date)
    sheet.write_row(3, 3, [46, 12.5])
    sheet.write_row(4, 0, ["STC", 2017, "32/13/2017", -2, 1])


def xlsx_files() -> None:
    """The workbooks, made with xlsxwriter."""
    add("ok_excel_dates.xlsx", _xlsx(_excel_ok), **OK3)
    add("err_excel.xlsx", _xlsx(_excel_bad), ok=False,
        errors=[[4, "Số quy trình loại bỏ"], [5, "Ngày kiểm tra"], [5, "Số quy trình"]], warnings=[], rows=2)
    add("no_table.xlsx", _xlsx(lambda b: b.add_worksheet().write(0, 0, "Không có bảng")), raises="ingest.no_header")


def main() -> None:
    """Write every corpus file and expected.json."""
    text_files()
    xlsx_files()
    OUT.mkdir(exist_ok=True)
    for name, (data, _) in FILES.items():
        (OUT / name).write_bytes(data)
    expected = {name: expect for name, (_, expect) in FILES.items()}
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
