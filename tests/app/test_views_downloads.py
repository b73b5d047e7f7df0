"""The downloads every view table offers: CSV and XLSX that open in a spreadsheet, with text that
a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import io

import pandas as pd

from ui.downloads import neutralise, slug, to_csv, to_xlsx

FRAME = pd.DataFrame({
    "Đơn vị": ["Sở Nội vụ", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Huế"],
    "Tỷ lệ": ["79,0%", "–", "−0,5", "1.234", "", None],
    "n": [19, 1, 2, 3, 4, 5],
})


def test_formula_text_is_prefixed_with_a_quote_and_numbers_are_left_alone() -> None:
    out = neutralise(FRAME)
    assert out["Đơn vị"].tolist()[1:5] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)"]
    assert out["Tỷ lệ"].tolist()[:4] == ["79,0%", "–", "−0,5", "1.234"]  # en dash and true minus are safe
    assert out["n"].tolist() == FRAME["n"].tolist()


def test_headers_and_category_cells_are_neutralised_too() -> None:
    # compare's side-by-side table makes unit names its headers: a download's header read "=1+1 #4"
    side = pd.DataFrame({"Chỉ số": pd.Categorical(["=2+2", "Tỷ lệ"]), "=1+1 #4": [1.0, 2.0], "  @x": [3, 4]})
    back = pd.read_csv(io.BytesIO(to_csv(side)), encoding="utf-8-sig")
    assert back.columns.tolist() == ["Chỉ số", "'=1+1 #4", "'  @x"]
    assert back["Chỉ số"].tolist() == ["'=2+2", "Tỷ lệ"]
    assert neutralise(pd.DataFrame({("=a", "b"): [1]})).columns.tolist() == ["'=a · b"]


def test_xlsx_opens_with_pandas_and_keeps_vietnamese_text() -> None:
    back = pd.read_excel(io.BytesIO(to_xlsx(FRAME, "xếp hạng")), engine="calamine")
    assert back.columns.tolist() == ["Đơn vị", "Tỷ lệ", "n"]
    assert back["Đơn vị"].iloc[0] == "Sở Nội vụ" and back["Đơn vị"].iloc[1].startswith("'=")
    assert back["n"].tolist() == [19, 1, 2, 3, 4, 5]


def test_csv_has_a_byte_order_mark_for_excel_and_reads_back() -> None:
    raw = to_csv(FRAME)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back["Đơn vị"].iloc[5] == "Huế" and back["Đơn vị"].iloc[2] == "'+1"


def test_file_names_are_plain_ascii() -> None:
    assert slug("Tỷ lệ giảm bước, năm 2017: xếp hạng") == "ty-le-giam-buoc-nam-2017-xep-hang"
    assert slug("Đợt 1") == "dot-1"
