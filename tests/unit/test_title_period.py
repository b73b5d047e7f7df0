"""The year and round an official form states only in its title, and the number rows people edit."""

from __future__ import annotations

import pytest

from ingest.reading.header_rows import number_row
from ingest.reading.title import read_title, round_in, year_in


@pytest.mark.parametrize(("text", "year", "rnd"), [
    ("BÁO CÁO KẾT QUẢ KIỂM TRA VIỆC ÁP DỤNG HTQLCL THEO TCVN ISO 9001 NĂM 2018 (ĐỢT 2)", 2018, 2),
    ("Kết quả kiểm tra năm 2018", 2018, None),
    ("KET QUA KIEM TRA NAM 2017 - DOT II", 2017, 2),
    ("Báo cáo 6 tháng đầu năm 2018", 2018, None),
    ("Quý III năm 2018", 2018, None),
    ("Kết quả kiểm tra 9 tháng năm 2019", 2019, None),
    ("Kiểm tra đợt thứ hai năm 2016", 2016, 2),
    ("Kiểm tra lần 3", None, 3),
    ("Lần kiểm tra thứ 2 năm 2020", 2020, 2),
    ("Báo cáo bổ sung lần 2", None, None),  # the report's revision, not a round
    ("ĐỢT IV", None, 4),
    ("Inspection results, year 2020, round 1", 2020, 1),
    ("TCVN ISO 9001:2015", None, None),
    ("Kiểm tra lần đầu", None, None),
])
def test_titles_offices_write(text: str, year: int | None, rnd: int | None) -> None:
    assert (year_in(text), round_in(text)) == (year, rnd)


@pytest.mark.parametrize("line", ["Lạng Sơn, ngày 25 tháng 01 năm 2019", "Lạng Sơn, ngày    tháng    năm 2019",
                                  "Lang Son, ngay 5 thang 1 nam 2019"])
def test_the_date_a_report_was_signed_is_not_its_year(line: str) -> None:
    assert year_in(line) is None


def test_the_title_rows_give_the_first_year_and_round_with_the_row_a_person_sees() -> None:
    rows = [["UBND TỈNH LẠNG SƠN", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["", "", "Lạng Sơn, ngày 2 tháng 1 năm 2019"],
            ["BÁO CÁO KẾT QUẢ KIỂM TRA NĂM 2018", "", ""], ["(Đợt 2)", "", ""]]
    found = read_title(rows)
    assert found is not None and (found.year, found.round, found.row) == (2018, 2, 3)
    assert read_title([["UBND TỈNH LẠNG SƠN"], ["BÁO CÁO KẾT QUẢ KIỂM TRA"]]) is None


@pytest.mark.parametrize("cells", [
    ["(1)", "(2)", "(3)", "(4)", "(4a)", "(5)", "(6)"],
    ["1", "2", "3", "4", "4a", "5"],
    ["4.1", "4.2", "4.3", "5"],
    ["(1)", "", "(3)", "(4)", "", "(6)"],  # blank and merged cells
    ["A", "B", "1", "2", "3"],
    ["Cột 1", "Cột 2", "Cột 3"],
    ["(1)", "(2)", "(3)", "(4)=(2)+(3)"],
    ["(1)", "(2)", "(4b)", "(3)", "(x)"],  # out of order, but only tokens in parentheses
])
def test_number_rows_as_people_edit_them(cells: list[str]) -> None:
    assert number_row(cells) is not None


@pytest.mark.parametrize("cells", [
    ["1", "Sở Nội vụ", "2018", "46"],  # a data row
    ["3", "2", "1"],  # not in order
    ["1", "1", "2"],  # one number twice
    ["A", "B", "C"],  # letters only
])
def test_rows_that_do_not_number_columns(cells: list[str]) -> None:
    assert number_row(cells) is None
