"""Text that a spreadsheet would run as a formula stays text in the workbook."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pandas as pd

from common.sheets import defuse, is_formula
from report.build import build_briefing
from report.model import Cell
from report.xlsx import HEADER_ROW, build_xlsx
from store import Store

NASTY = '=HYPERLINK("http://x","y")'


def test_formula_like_text_is_recognised() -> None:
    for text in (NASTY, "+1", "-2", "@SUM(A1)", "\t=1"):
        assert is_formula(text)
    assert not is_formula("Sở Nội vụ")


def test_leading_spaces_do_not_hide_a_formula_from_either_writer() -> None:
    """The case the two checks once disagreed on: the CSV quoted "  =1", the workbook did not."""
    assert is_formula("  =1")
    assert defuse("  =1") == "'  =1"
    assert not is_formula("  Sở Nội vụ")


def test_a_unit_named_like_a_formula_comes_back_as_text(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2017, charts=False)
    table = briefing.not_reported
    unit = ("UBND cấp xã", "LS-X", NASTY)
    rows: list[tuple[Cell, ...]] = [unit, ("-", "@x", "+1"), ("x", "y", "  =1+1")]
    briefing = dataclasses.replace(briefing, not_reported=dataclasses.replace(table, rows=rows))
    data = build_xlsx(briefing)
    back = pd.read_excel(io.BytesIO(data), sheet_name="Chưa báo cáo", skiprows=HEADER_ROW, engine="calamine")
    assert back.iloc[0].tolist() == list(unit)
    assert back.iloc[1].tolist() == ["-", "@x", "+1"]
    assert back.iloc[2].tolist() == ["x", "y", "  =1+1"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all("<f>" not in z.read(n).decode() for n in sheets)
        assert 'quotePrefix="1"' in z.read("xl/styles.xml").decode()
