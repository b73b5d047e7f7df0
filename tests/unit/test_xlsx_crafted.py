"""Crafted workbooks that killed the server through python-calamine (committed in tests/data/crafted/, made
by `python -m tests.data.hostile`): each is refused with a message, and a process reading it survives."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from common.errors import InputError
from ingest.reading.table import read_table
from ingest.reading.xlsx_sheets import unusual
from tests.child import read_in_child
from tests.data.hostile import CRAFTED, sheet_without_addresses, workbook

ROOT = Path(__file__).resolve().parents[2]
CRAFTED_DIR = ROOT / "tests" / "data" / "crafted"

def test_every_crafted_file_is_committed() -> None:
    assert sorted(p.name for p in CRAFTED_DIR.glob("*.xlsx")) == sorted(CRAFTED)


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_workbook_is_refused_with_a_message(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_table((CRAFTED_DIR / name).read_bytes(), name)
    assert caught.value.key in ("ingest.too_many_cells", "ingest.too_many_columns", "ingest.too_many_rows")
    assert caught.value.message("vi") and caught.value.message("en")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_process_reading_a_crafted_workbook_survives(name: str) -> None:
    # Limited to 3 GB of address space: without the guard calamine asks for 6.7 to 550 GB and aborts.
    key, peak = read_in_child(CRAFTED_DIR / name, "crafted.xlsx", address_space_kb=3_000_000)
    assert key.startswith("ingest.too_many_") and int(peak) < 600


def test_cells_placed_by_order_near_the_table_are_read() -> None:
    raw = read_table(workbook(sheet_without_addresses(3, 5)), "order.xlsx")
    assert raw.frame["unit_code"][0].as_py() == "SNV"


def test_a_sheet_the_relationships_place_elsewhere_is_read() -> None:
    from tests.data.hostile import sheet_reaching

    raw = read_table(workbook(sheet_reaching("E9", "A1:C2"), "xl/data/grid.xml"), "elsewhere.xlsx")
    assert raw.frame["unit_code"][0].as_py() == "SNV" and list(raw.rows) == [2, 9]


def test_damaged_relationships_are_refused() -> None:
    from tests.data.hostile import sheet_reaching

    source = zipfile.ZipFile(io.BytesIO(workbook(sheet_reaching("C3", None))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():
            out.writestr(name, b"<Relationships" if name == "xl/_rels/workbook.xml.rels" else source.read(name))
    with pytest.raises(InputError) as caught:
        read_table(buffer.getvalue(), "broken.xlsx")
    assert caught.value.key == "ingest.bad_xlsx"


def _names_flagged_utf8_but_not(data: bytes, name: bytes) -> bytes:
    """The zip with `name` replaced by bytes that are not UTF-8, its entries still flagged as UTF-8."""
    out = bytearray(data.replace(name, b"\xff\xfe" + name[2:]))
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        flags = int.from_bytes(out[at + 8:at + 10], "little") | 0x800
        out[at + 8:at + 10] = flags.to_bytes(2, "little")
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_an_entry_name_that_is_not_utf8_is_a_damaged_file(suffix: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet" if suffix == "ods" else "x")
        out.writestr("xl/workbook.xml" if suffix == "xlsx" else "content.xml", "<x/>")
        out.writestr("ZZextra.xml", "<x/>")
    with pytest.raises(InputError) as caught:
        read_table(_names_flagged_utf8_but_not(buffer.getvalue(), b"ZZextra"), f"names.{suffix}")
    assert caught.value.key in {"ingest.bad_xlsx", "ingest.bad_ods"}


# The guard's search for rows and cells it cannot place, as one pattern (before it was split in three for speed).
_ONE_PATTERN = re.compile(rb'<[^\s<>/!?:="]+:(?:c|row)[\s/>]|<(?:c|row)(?=[\s/>])(?! r="[A-Z]{0,3}[1-9])')
_PIECES = [
    b'<row r="1"><c r="A1"><v>1</v></c>', b'<c r="a1"/>', b'<c t="s" r="A1">', b"<c>", b"<c/>", b'<c\n r="A1"',
    b'<x:c r="A1">', b"<x:row>", b'<ns:row r="2">', b'<cols><col min="1"/></cols>', b"<t>Ghi ch\xc3\xba:c </t>",
    b'<row r="0">', b'<row r="AB12">', b'<c r="ABCD1">', b'<row spans="1:3" r="4">', b"<is><t>a:row</t></is>",
]


@pytest.mark.parametrize("seed", range(40))
def test_the_split_search_for_unplaceable_cells_finds_what_one_pattern_finds(seed: int) -> None:
    pick = random.Random(seed)
    piece = b"".join(pick.choice(_PIECES) for _ in range(pick.randint(1, 6)))
    for until in (0, 5, len(piece) // 2, len(piece)):
        found = _ONE_PATTERN.search(piece)
        assert unusual(piece, False, until) == (found is not None and found.start() < until), (piece, until)
