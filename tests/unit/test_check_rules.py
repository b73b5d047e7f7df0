"""The checks on their own: units, stored years, the clock, and the shape of what would be stored."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pyarrow as pa

from ingest.checking.check import check
from ingest.checking.match import new_code
from ingest.reading.csv_arrow import clean_text
from ingest.reading.table import read_table
from ingest.values import bytes_within, count_column, parse_count, parsed_column
from tests.unit.test_read_corpus import NO_PRIOR, known_units

EN = "unit_code,unit_name,unit_type,year,inspection_round,inspected_on,processes_total,processes_removed,processes_new"


def run(text: str, prior: pa.Table | None = None, today: dt.date = dt.date(2024, 6, 1)):  # type: ignore[no-untyped-def]
    raw = read_table(text.encode(), "t.csv")
    return check(raw, known_units(), prior if prior is not None else NO_PRIOR, today=today)


def test_last_year_stored_feeds_the_continuity_warnings() -> None:
    prior = pa.table({"unit_code": ["SNV", "STC"], "year": [2016, 2016], "processes_total": [40, 3]})
    result = run(f"{EN}\nSNV,,,2017,,,50,4,10\nSTC,,,2017,,,9,5,11\n", prior)
    assert [(p.row, p.column, p.key) for p in result.warnings] == [
        (2, "processes_total", "ingest.continuity_break"),
        (3, "processes_removed", "ingest.removed_beyond_total"),
    ]
    assert result.ok


def test_the_clock_is_read_in_one_place() -> None:
    text = f"{EN}\nSNV,,,2026,,,1,0,0\n"
    assert not run(text, today=dt.date(2024, 1, 1)).ok
    assert run(text, today=dt.date(2025, 1, 1)).ok


def test_a_new_unit_named_twice_is_created_once_with_a_stable_code() -> None:
    result = run(f"{EN}\n,Ban Quản lý  Mới,cqcm_tinh,2017,1,01/02/2017,,,\n,ban quản lý mới,cqcm_tinh,2018,1,,,,\n")
    assert result.ok
    code = new_code("Ban Quản lý Mới", "cqcm_tinh")
    assert code.startswith("U-") and len(code) == 12
    assert result.units_new["unit_code"].to_pylist() == [code]
    assert result.units_new["admin_level"][0].as_py() == "tinh"
    assert result.inspections["unit_code"].to_pylist() == [code, code]


def test_rounds_of_one_year_share_one_unit_year() -> None:
    result = run(f"{EN}\nSNV,,,2017,1,15/06/2017,46,4,10\nSNV,,,2017,2,15/10/2017,,,\n")
    assert result.ok
    assert result.unit_years is not None and len(result.unit_years) == 1
    assert result.unit_years["processes_total"].to_pylist() == [46]
    assert result.inspections["inspection_round"].to_pylist() == [1, 2]
    assert result.unit_years.schema.field("year").type == pa.int64()
    assert result.inspections.schema.field("improved").type == pa.bool_()


def test_without_figure_columns_there_are_no_unit_years() -> None:
    result = run("Mã đơn vị,Năm,Ngày kiểm tra\nSNV,2017,15/06/2017\n")
    assert result.ok and result.unit_years is None
    assert result.inspections["inspection_round"].to_pylist() == [1]


def test_a_code_is_matched_whatever_its_case_and_spaces() -> None:
    result = run("Mã đơn vị,Năm,Ngày kiểm tra\n  snv ,2017,15/06/2017\n")
    assert result.inspections["unit_code"].to_pylist() == ["SNV"]


def test_counts_read_the_same_whether_arrow_casts_them_or_each_distinct_cell_is_parsed() -> None:
    plain = run(f"{EN}\nSNV,,,2017,,,1200,7,12\nSTC,,,2017,,,40,0,3\n")
    written = run(f"{EN}\nSNV,,,2017,,,1.200,007,12\nSTC,,,2017,,, 40 ,0,3\n")
    assert plain.ok and written.ok
    assert plain.unit_years is not None and written.unit_years is not None
    figures = ["processes_total", "processes_removed", "processes_new"]
    assert plain.unit_years.select(figures).to_pylist() == written.unit_years.select(figures).to_pylist() == [
        {"processes_total": 1200, "processes_removed": 7, "processes_new": 12},
        {"processes_total": 40, "processes_removed": 0, "processes_new": 3},
    ]


def test_whole_numbers_that_only_arrow_would_read_are_still_errors() -> None:
    result = run(f"{EN}\nSNV,,,2017,,,+5,1e3,12.5\nSTC,,,2017,,,-3,0x10,1_000\n")
    assert sorted((p.row, p.column) for p in result.errors) == [
        (2, "processes_new"), (2, "processes_removed"), (2, "processes_total"),
        (3, "processes_new"), (3, "processes_removed"), (3, "processes_total")]


def test_an_empty_row_is_left_out_but_a_row_with_only_its_first_cell_empty_is_not() -> None:
    result = run(f"{EN}\nSNV,,,2017,,,46,4,10\n,,,,,,,,\n,Sở Tài chính,,2017,,,40,0,3\n")
    assert result.rows_read == 2 and result.ok
    assert result.unit_years is not None
    assert result.unit_years["unit_code"].to_pylist() == ["SNV", "STC"]
    assert result.unit_years["source_row"].to_pylist() == [2, 4]


def test_a_column_of_plain_digits_reads_as_the_cell_parser_reads_it() -> None:
    """count_column skips the cell parser for 1–9 ASCII digits: leading zeros, nulls, slices and a
    10-digit cell (too large) must come out as parse_count says."""
    cases = [
        ["007", "12", None, "0", "999999999"],
        ["1234567890", "5"],  # ten digits: the parser's too_large, not Arrow's 1,234,567,890
        ["12", " 4", "4"],
        ["١٢", "3"],  # Arabic-Indic digits are not ASCII digits
        [None, None],
    ]
    for cells in cases:
        for kind in (pa.string(), pa.large_string()):
            column = pa.chunked_array([pa.array(cells, kind)])
            fast, slow = count_column(column), parsed_column(column, parse_count, pa.int64())
            assert fast.values.to_pylist() == slow.values.to_pylist(), cells
            assert fast.failed().tolist() == slow.failed().tolist(), cells
    sliced = pa.chunked_array([pa.array(["x", "12", "3", "+4"]).slice(1, 2)])
    assert count_column(sliced).values.to_pylist() == [12, 3]


def test_only_bytes_in_the_range_let_a_column_skip_its_cells() -> None:
    assert bytes_within(pa.chunked_array([pa.array(["N001", "A-2"])]), 0x21, 0x7E)
    assert not bytes_within(pa.chunked_array([pa.array(["N001", "A 2"])]), 0x21, 0x7E)
    assert not bytes_within(pa.chunked_array([pa.array(["Sở"])]), 0x21, 0x7E)
    assert not bytes_within(pa.chunked_array([pa.array([1, 2])]), 0x21, 0x7E)


def test_text_cleaning_skips_only_columns_with_nothing_to_clean() -> None:
    plain = pa.chunked_array([pa.array(["N001", None, "X-2"])])
    assert clean_text(plain) is plain
    nfd = unicodedata.normalize("NFD", "Sở")
    messy = pa.chunked_array([pa.array([" N001", nfd, "\tX"])])
    assert clean_text(messy).to_pylist() == ["N001", "Sở", "X"]


def test_a_totals_row_is_found_whether_or_not_every_year_is_four_digits() -> None:
    for year in ("2017", "2017b"):  # the second takes the regular-expression path (and is a bad year)
        result = run(f"{EN}\nSNV,,,{year},,,46,4,10\nSTC,,,2017,,,40,0,3\nTổng cộng,,,,,,86,4,13\n")
        assert result.rows_read == 2, year
        assert [p.key for p in result.problems if p.severity == "note"] == ["ingest.note_footer"], year
    assert [p.key for p in result.errors] == ["ingest.bad_year"]
