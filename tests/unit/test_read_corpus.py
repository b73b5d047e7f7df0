"""Every file of the bad-and-awkward corpus gives exactly the problems written down for it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from common.errors import InputError
from ingest.checking.check import Checked, check
from ingest.reading.table import read_table
from tests.child import read_in_child
from tests.data.hostile import set_declared_size, sheet_reaching, workbook

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "corpus"
EXPECTED: dict[str, dict[str, object]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
TODAY = dt.date(2024, 6, 1)


def known_units() -> pa.Table:
    """The units fixture as the store would hand it over (blank → null)."""
    frame = pd.read_csv(DATA / "units_fixture.csv", dtype=str, keep_default_na=False)
    return pa.Table.from_pandas(frame.astype(object).where(frame != "", None), preserve_index=False)


NO_PRIOR = pa.table({"unit_code": pa.array([], pa.string()), "year": pa.array([], pa.int32()),
                     "processes_total": pa.array([], pa.int32())})


def run(name: str) -> Checked:
    """Read and check one corpus file against the fixture units, with no stored years."""
    raw = read_table((CORPUS / name).read_bytes(), name)
    return check(raw, known_units(), NO_PRIOR, today=TODAY)


def _cells(pairs: object) -> list[tuple[object, object]]:
    assert isinstance(pairs, list)
    return sorted(((r, c) for r, c in pairs), key=repr)


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "raises" in e))
def test_unusable_files_are_refused_with_a_message(name: str) -> None:
    with pytest.raises(InputError) as caught:
        run(name)
    assert caught.value.key == EXPECTED[name]["raises"]
    assert caught.value.message("vi") and caught.value.message("en")


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "raises" not in e))
def test_corpus_file_gives_its_problems(name: str) -> None:
    result, want = run(name), EXPECTED[name]
    assert result.rows_read == want["rows"]
    assert result.ok is want["ok"]
    assert _cells([[p.row, p.column] for p in result.errors]) == _cells(want["errors"])
    assert _cells([[p.row, p.column] for p in result.warnings]) == _cells(want["warnings"])
    for problem in result.problems:
        assert problem.message("vi").strip() and problem.message("en").strip()
        assert set(problem.as_json("en")) == {"row", "column", "value", "message"}


def test_the_same_table_in_every_encoding_reads_the_same() -> None:
    frames = {n: read_table((CORPUS / n).read_bytes(), n) for n in
              ("ok_utf8_bom_vi.csv", "ok_utf16_tab.csv", "ok_cp1258.csv", "ok_semicolon.csv")}
    assert {n: t.encoding for n, t in frames.items()} == {
        "ok_utf8_bom_vi.csv": "utf-8-sig", "ok_utf16_tab.csv": "utf-16", "ok_cp1258.csv": "cp1258",
        "ok_semicolon.csv": "utf-8"}
    base = frames["ok_utf8_bom_vi.csv"].frame
    assert base["unit_name"][2].as_py() == "Phòng Quản lý đô thị Huế"
    for name in ("ok_utf16_tab.csv", "ok_cp1258.csv"):
        assert frames[name].frame.equals(base)
    assert frames["ok_cp1258.csv"].headers == frames["ok_utf8_bom_vi.csv"].headers


def test_title_rows_stt_totals_and_signatures_are_left_out_with_notes() -> None:
    raw = read_table((CORPUS / "ok_letterhead_footer.csv").read_bytes(), "x.csv")
    assert list(raw.rows) == [7, 8, 9]
    assert raw.frame["unit_name"].to_pylist() == ["Sở Nội vụ", "Sở Tài chính", "Sở Khoa học\nvà Công nghệ"]
    assert {n.key for n in raw.notes} == {"ingest.note_title_rows", "ingest.note_stt", "ingest.note_footer",
                                          "ingest.title_period"}  # "… NĂM 2017" in the title, read by the flow
    assert all(n.severity == "note" for n in raw.notes)


def test_x_style_improved_means_blank_is_no() -> None:
    result = run("ok_letterhead_footer.csv")
    assert result.inspections["improved"].to_pylist() == [True, False, True]


def test_excel_dates_and_numbers_come_through_as_text() -> None:
    raw = read_table((CORPUS / "ok_excel_dates.xlsx").read_bytes(), "x.xlsx")
    assert raw.file_kind == "xlsx" and list(raw.rows) == [5, 6, 7]
    assert raw.frame["inspected_on"].to_pylist() == ["15/06/2017", "16/06/2017", "01/07/2017"]
    assert raw.frame["processes_total"].to_pylist() == ["46", "40", "38"]
    result = run("ok_excel_dates.xlsx")
    assert result.inspections["inspected_on"].to_pylist() == [dt.date(2017, 6, 15), dt.date(2017, 6, 16),
                                                             dt.date(2017, 7, 1)]


def test_thousands_with_a_dot_are_read_as_whole_numbers() -> None:
    result = run("ok_semicolon.csv")
    assert result.unit_years is not None
    assert result.unit_years["processes_total"].to_pylist()[0] == 1200


def test_extension_does_not_decide_the_format() -> None:
    data = (CORPUS / "ok_excel_dates.xlsx").read_bytes()
    assert read_table(data, "renamed.csv").file_kind == "xlsx"


# Hostile files, built here (small on disk): each is refused with a message before it can take the memory.

def _refusal(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_table(data, "hostile.xlsx")
    assert caught.value.message("vi") and caught.value.message("en")
    return caught.value.key


def test_a_workbook_that_declares_a_huge_size_is_refused() -> None:
    data = set_declared_size(workbook(sheet_reaching("C3", None)), "xl/worksheets/sheet1.xml", 3_000_000_000)
    assert _refusal(data) == "ingest.too_big"


def test_a_zip_bomb_that_lies_about_its_size_is_refused() -> None:
    # 40 MB of blanks inside the sheet, declared as 4 KB: a reader that trusts the header would unpack it all.
    blanks = " " * (40 * 1024 * 1024)
    sheet = sheet_reaching("C3", None).replace("<sheetData>", f"<sheetData>{blanks}")
    data = set_declared_size(workbook(sheet), "xl/worksheets/sheet1.xml", 4096)
    assert len(data) < 200_000
    assert _refusal(data) == "ingest.zip_bomb"


@pytest.mark.parametrize(("far", "dimension", "key"), [
    ("XFD1048576", "A1:C2", "ingest.too_many_columns"),  # the dimension lies
    ("GR1048576", "A1:C2", "ingest.too_many_cells"),  # 200 columns × a million rows: ~7 GB in calamine
    ("C1048576", None, "ingest.too_many_cells"),  # no dimension at all
    ("A3000000", None, "ingest.too_many_rows"),
])
def test_a_sheet_whose_stray_cell_reaches_far_is_refused(far: str, dimension: str | None, key: str) -> None:
    assert _refusal(workbook(sheet_reaching(far, dimension))) == key


def test_a_stray_cell_near_the_table_is_read() -> None:
    raw = read_table(workbook(sheet_reaching("E9", "A1:C2")), "near.xlsx")
    assert raw.frame["unit_code"][0].as_py() == "SNV" and list(raw.rows) == [2, 9]


def _peak(tmp_path: Path, data: bytes) -> tuple[str, int]:
    """How a fresh process reading the file ends, and its peak memory in MB."""
    path = tmp_path / "hostile.bin"
    path.write_bytes(data)
    return read_in_child(path, "hostile")


@pytest.mark.slow
def test_a_far_stray_cell_is_refused_before_calamine_allocates(tmp_path: Path) -> None:
    # Without the check calamine builds a 200 × 1,048,576 grid (about 7 GB) or aborts the process.
    key, peak = _peak(tmp_path, workbook(sheet_reaching("GR1048576", "A1:C2")))
    assert key == "ingest.too_many_cells" and peak < 600


@pytest.mark.slow
def test_a_csv_header_of_a_million_columns_is_refused(tmp_path: Path) -> None:
    data = ("unit_code,unit_name,year" + ",x" * 1_000_000 + "\nSNV,Sở Nội vụ,2017\n").encode()
    assert len(data) < 3_000_000
    with pytest.raises(InputError) as caught:
        read_table(data, "wide.csv")
    assert caught.value.key == "ingest.line_too_long"
    assert "256" in caught.value.message("en") and "256" in caught.value.message("vi")
    key, peak = _peak(tmp_path, data)
    assert key == "ingest.line_too_long" and peak < 600


def test_an_enormous_single_line_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_table(b"a" * (20 * 1024 * 1024), "line.csv")
    assert caught.value.key == "ingest.line_too_long"


def test_a_data_row_of_a_million_cells_is_refused() -> None:
    data = ("unit_code,unit_name,year\nSNV,Sở Nội vụ,2017\n" + "x," * 1_000_000 + "\n").encode()
    with pytest.raises(InputError) as caught:
        read_table(data, "row.csv")
    assert caught.value.key == "ingest.too_many_columns"


def test_a_csv_named_xlsx_is_read_as_csv() -> None:
    raw = read_table("unit_code,unit_name,year\nSNV,Sở Nội vụ,2017\n".encode(), "report.xlsx")
    assert raw.file_kind == "csv" and raw.frame["unit_code"].to_pylist() == ["SNV"]


def test_a_file_plain_ascii_at_first_and_cp1258_later_is_read_the_general_way() -> None:
    head = "unit_code,unit_name,year\n" + "".join(f"U{i},Unit {i},2017\n" for i in range(20_000))
    raw = read_table(head.encode() + b"SNV,Caf\xe9 H\xf4,2017\n", "late.csv")
    assert raw.encoding == "cp1258" and raw.frame["unit_name"][-1].as_py() == "Café Hô" and raw.frame.num_rows == 20_001
