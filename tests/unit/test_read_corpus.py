"""Every file of the bad-and-awkward corpus gives exactly the problems written down for it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from common.errors import InputError
from ingest.check import Checked, check
from ingest.read import read_table

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "corpus"
EXPECTED: dict[str, dict[str, object]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
TODAY = dt.date(2024, 6, 1)


def known_units() -> pd.DataFrame:
    """The units fixture as the store would hand it over (blank → None)."""
    frame = pd.read_csv(DATA / "units_fixture.csv", dtype=str, keep_default_na=False)
    return frame.astype(object).where(frame != "", None)


def run(name: str) -> Checked:
    """Read and check one corpus file against the fixture units, with no stored years."""
    raw = read_table((CORPUS / name).read_bytes(), name)
    return check(raw, known_units(), pd.DataFrame(), today=TODAY)


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
    assert base.at[2, "unit_name"] == "Phòng Quản lý đô thị Huế"
    for name in ("ok_utf16_tab.csv", "ok_cp1258.csv"):
        pd.testing.assert_frame_equal(frames[name].frame, base)
    assert frames["ok_cp1258.csv"].headers == frames["ok_utf8_bom_vi.csv"].headers


def test_title_rows_stt_totals_and_signatures_are_left_out_with_notes() -> None:
    raw = read_table((CORPUS / "ok_letterhead_footer.csv").read_bytes(), "x.csv")
    assert raw.rows == [7, 8, 9]
    assert raw.frame["unit_name"].tolist() == ["Sở Nội vụ", "Sở Tài chính", "Sở Khoa học\nvà Công nghệ"]
    assert {n.key for n in raw.notes} == {"ingest.note_title_rows", "ingest.note_stt", "ingest.note_footer"}
    assert all(n.severity == "note" for n in raw.notes)


def test_x_style_improved_means_blank_is_no() -> None:
    result = run("ok_letterhead_footer.csv")
    assert result.inspections["improved"].tolist() == [True, False, True]


def test_excel_dates_and_numbers_come_through_as_text() -> None:
    raw = read_table((CORPUS / "ok_excel_dates.xlsx").read_bytes(), "x.xlsx")
    assert raw.file_kind == "xlsx" and raw.rows == [5, 6, 7]
    assert raw.frame["inspected_on"].tolist() == ["15/06/2017", "16/06/2017", "01/07/2017"]
    assert raw.frame["processes_total"].tolist() == ["46", "40", "38"]
    result = run("ok_excel_dates.xlsx")
    assert result.inspections["inspected_on"].tolist() == [pd.Timestamp(2017, 6, 15), pd.Timestamp(2017, 6, 16),
                                                           pd.Timestamp(2017, 7, 1)]


def test_thousands_with_a_dot_are_read_as_whole_numbers() -> None:
    result = run("ok_semicolon.csv")
    assert result.unit_years is not None
    assert result.unit_years["processes_total"].tolist()[0] == 1200


def test_extension_does_not_decide_the_format() -> None:
    data = (CORPUS / "ok_excel_dates.xlsx").read_bytes()
    assert read_table(data, "renamed.csv").file_kind == "xlsx"
