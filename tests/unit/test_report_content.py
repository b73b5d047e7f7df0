"""The briefing's content and its PDF and workbook, on the demo province (no charts drawn here)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from common.errors import InputError, StoreError
from common.i18n import t
from metrics.selection import CARD_METRICS
from report.build import build_briefing
from report.model import SECTIONS, Briefing, Table
from report.pdf import build_pdf
from report.xlsx import HEADER_ROW, build_xlsx
from store import Store

DAY = dt.date(2025, 11, 20)


@pytest.fixture(scope="module")
def briefing_vi(demo_db: Path) -> Briefing:
    return build_briefing(Store(demo_db), 2017, lang="vi", charts=False, today=DAY)


@pytest.fixture(scope="module")
def pdf_text(briefing_vi: Briefing) -> str:
    reader = pypdf.PdfReader(io.BytesIO(build_pdf(briefing_vi)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _sheet(data: bytes, name: str) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), sheet_name=name, skiprows=HEADER_ROW, engine="calamine")


def test_the_cards_hold_the_overviews_figures(briefing_vi: Briefing) -> None:
    rows = {row[0]: row for row in briefing_vi.cards.rows}
    assert [row[0] for row in briefing_vi.cards.rows][:2] == ["Tỷ lệ áp dụng ISO", "Tỷ lệ kiểm tra"]
    assert rows["Tỷ lệ áp dụng ISO"][1:4] == (1.0, 122.0, 122.0)
    assert rows["Tỷ lệ kiểm tra"][2:4] == (42.0, 122.0)
    assert len(rows) == len(CARD_METRICS)


def test_the_pdf_reads_in_vietnamese_with_the_overviews_figures(pdf_text: str) -> None:
    for expected in ("UBND TỈNH LẠNG SƠN", "Ban Chỉ đạo áp dụng HTQLCL tỉnh", "Năm 2017", "Tỷ lệ áp dụng ISO",
                     "100,0%", "34,4%", "dựa trên 122/122 đơn vị đã báo cáo",
                     "Đợt 1: 15/19 đơn vị (78,9%; KTC 95%", "Dữ liệu minh họa", "20/11/2025",
                     "Định nghĩa các chỉ số", "Xếp hạng đơn vị trong từng loại đơn vị", "Sở Nội vụ"):
        assert expected in pdf_text, expected


@pytest.mark.slow
def test_the_pdf_in_english(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2017, lang="en", charts=False, today=DAY)
    reader = pypdf.PdfReader(io.BytesIO(build_pdf(briefing)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ISO coverage" in text and "100.0%" in text and "Round 1: 15/19 units (78.9%" in text
    assert "Illustrative data" in text


def test_the_workbook_reads_back_with_numbers_as_numbers(briefing_vi: Briefing) -> None:
    data = build_xlsx(briefing_vi)
    cards = _sheet(data, "Chỉ số chính").set_index("Chỉ số")
    assert cards.loc["Tỷ lệ áp dụng ISO", "Giá trị"] == pytest.approx(1.0)
    assert cards.loc["Tỷ lệ kiểm tra", "Giá trị"] == pytest.approx(42 / 122)
    assert cards.loc["Tỷ lệ kiểm tra", "Mẫu số"] == 122
    rounds = _sheet(data, "Đợt kiểm tra")
    first = rounds[rounds["Đợt"] == 1].iloc[0]
    assert (first["Đơn vị cải tiến"], first["Đơn vị được kiểm tra"]) == (15, 19)
    assert first["Tỷ lệ cải tiến"] == pytest.approx(15 / 19)
    assert pd.api.types.is_numeric_dtype(rounds["Tỷ lệ cải tiến"])


def test_the_workbook_has_a_sheet_per_table_and_the_definitions(briefing_vi: Briefing) -> None:
    sheets = pd.read_excel(io.BytesIO(build_xlsx(briefing_vi)), sheet_name=None, engine="calamine", header=None)
    assert list(sheets) == ["Tóm tắt", "Chỉ số chính", "Đợt kiểm tra", "Theo loại đơn vị", "Xếp hạng đơn vị",
                            "Chưa báo cáo", "Định nghĩa chỉ số"]
    ranking = _sheet(build_xlsx(briefing_vi), "Xếp hạng đơn vị")
    assert len(ranking) == 122 and ranking["Hạng"].min() == 1
    definitions = _sheet(build_xlsx(briefing_vi), "Định nghĩa chỉ số")
    assert "số đơn vị có cải tiến ÷ số đơn vị được kiểm tra" in set(definitions["Công thức"])


def test_every_table_of_a_briefing_has_its_place_in_the_one_section_order() -> None:
    """A table added to the briefing but not to model.SECTIONS would be left out by both documents."""
    tables = [f.name for f in dataclasses.fields(Briefing) if f.type in ("Table", "tuple[Table, ...]")]
    assert len(tables) == 6 and set(tables) <= set(SECTIONS)


@pytest.mark.slow
def test_the_pdf_shows_the_sections_in_the_declared_order(briefing_vi: Briefing, pdf_text: str) -> None:
    b, titles = briefing_vi, {"summary": t("summary.heading", "vi", year=2017),
                              "rankings": t("report.section_rankings", "vi")}
    at = 0
    for section in SECTIONS:
        table = getattr(b, section) if section not in titles and section != "charts" else None
        title = titles.get(section) or (table.title if isinstance(table, Table) else "")
        if title:
            found = pdf_text.find(title, at)
            assert found >= at, (section, title)
            at = found + len(title)


def test_unit_types_filter_the_briefing(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2017, ["ubnd_huyen"], lang="vi", charts=False)
    assert [t.group for t in briefing.rankings] == ["UBND cấp huyện"]
    assert briefing.cards.rows[0][3] == 11  # units in scope
    assert "UBND cấp huyện" in dict(briefing.facts)["Loại đơn vị"]


def test_a_bad_request_says_what_is_wrong(demo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as bad_year:
        build_briefing(Store(demo_db), 1999, charts=False)
    assert "2007" in bad_year.value.message("vi") and "2025" in bad_year.value.message("vi")
    with pytest.raises(InputError, match="xa_phuong"):
        build_briefing(Store(demo_db), 2017, ["xa_phuong"], charts=False)
    with pytest.raises(StoreError):
        build_briefing(Store(tmp_path / "none.duckdb"), 2017, charts=False)
    assert not (tmp_path / "none.duckdb").exists()
