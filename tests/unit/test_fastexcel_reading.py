"""Workbooks read through fastexcel (into Arrow) give the text cells python-calamine gave (issue 26)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from ingest.reading.table import cut
from ingest.reading.xlsx import _calamine_grid
from ingest.reading.xlsx_arrow import fast_grid

DATA = Path(__file__).resolve().parents[1] / "data"
BOOKS = [("office/bieu_mau.xlsx", "xlsx"), ("office/bieu_mau_lo.xls", "xls"), ("office/bieu_mau_lo.ods", "ods"),
         ("corpus/ok_excel_dates.xlsx", "xlsx"), ("office/near_miss.xlsx", "xlsx")]


def _cells(body: pa.Table) -> list[list[str | None]]:
    """Each column's cells, a blank one as None, trailing blank columns dropped (the readers differ there)."""
    columns = [pc.if_else(pc.equal(c, ""), pa.scalar(None, c.type), c).to_pylist() for c in body.columns]
    while columns and all(v is None for v in columns[-1]):
        columns.pop()
    return columns


@pytest.mark.parametrize(("name", "kind"), BOOKS)
def test_fastexcel_reads_the_same_cells_as_python_calamine(name: str, kind: str) -> None:
    data = (DATA / name).read_bytes()
    fast, slow = cut(fast_grid(data)), cut(_calamine_grid(data, kind))
    assert fast.header == slow.header and fast.first_row == slow.first_row and fast.sheet == slow.sheet
    assert _cells(fast.body) == _cells(slow.body)
