"""Whatever file arrives, reading and checking it either returns or raises InputError — nothing else."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.errors import InputError
from ingest.checking.check import check
from ingest.columns import COLUMNS
from ingest.reading.table import read_table
from tests.unit.test_read_corpus import NO_PRIOR, known_units

UNITS = known_units()
HEADERS = [*COLUMNS, "Mã đơn vị", "Tên đơn vị", "Năm", "Số quy trình", "STT", "Tổng cộng", "ghi chu", "x", ""]
CELLS = st.one_of(
    st.sampled_from(["", "SNV", "snv", "Sở Nội vụ", "2017", "1999", "-1", "1.200", "12,5", "31/02/2020",
                     "15/06/2017", "x", "có", "ISO 9001:2015", "cqcm_tinh", "Tổng cộng", "Người lập biểu",
                     '"', '""', "\n", "Phòng Nội vụ", "U-0", "99999999999999999999"]),
    st.text(max_size=12),
)
# Half as many again as the profile in force (tests/conftest.py: 100, or 15 in the quick tier).
SETTINGS = settings(max_examples=settings().max_examples * 3 // 2, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _survives(data: bytes, name: str) -> None:
    try:
        raw = read_table(data, name)
    except InputError as e:
        assert e.message("vi") and e.message("en")
        return
    result = check(raw, UNITS, NO_PRIOR, today=dt.date(2024, 6, 1))
    for problem in result.problems:
        assert problem.message("vi") and problem.message("en")


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    _survives(data, "x.csv")


@SETTINGS
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12),
    rows=st.lists(st.lists(CELLS, max_size=14), max_size=8),
    title=st.lists(CELLS, max_size=3),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_random_tables_never_crash(header: list[str], rows: list[list[str]], title: list[str], sep: str,
                                   encoding: str, newline: str) -> None:
    lines = [*title, sep.join(header), *(sep.join(r) for r in rows)]
    data = newline.join(lines).encode(encoding, errors="replace")
    _survives(data, "x.csv")


@SETTINGS
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10),
    rows=st.lists(st.lists(st.one_of(CELLS, st.integers(-5, 3000), st.floats(allow_nan=True),
                                     st.dates(), st.booleans()), max_size=10), max_size=6),
    skip=st.integers(0, 3),
)
def test_random_workbooks_never_crash(header: list[str], rows: list[list[object]], skip: int) -> None:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "nan_inf_to_errors": True})
    sheet = book.add_worksheet()
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(skip, 0, header)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if isinstance(cell, dt.date):
                sheet.write_datetime(skip + 1 + i, j, dt.datetime.combine(cell, dt.time()), date)
            else:
                sheet.write(skip + 1 + i, j, cell)
    book.close()
    _survives(out.getvalue(), "x.xlsx")
