"""Hostile workbooks for the reading tests, built in memory (small on disk): a minimal .xlsx around any
sheet XML, a sheet with one stray cell far away, and an archive whose declared sizes lie.

`python -m tests.data.hostile` writes the crafted workbooks of CRAFTED into tests/data/crafted/ (committed:
each killed the server through python-calamine before the guard read relationships and unaddressed cells)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
_PARTS = {
    "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(sheet_xml: str | bytes, stored_at: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A minimal .xlsx whose only sheet is the XML given, stored at `stored_at` (named by the relationships)."""
    parts = {name: text.replace("worksheets/sheet1.xml", f"/{stored_at}" if not stored_at.startswith("xl/")
                                else stored_at[3:]) for name, text in _PARTS.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr(stored_at, sheet_xml)
    return buffer.getvalue()


def _table_rows() -> str:
    header = "".join(_cell(f"{c}1", h) for c, h in zip("ABC", ("unit_code", "unit_name", "year"), strict=True))
    row = "".join(_cell(f"{c}2", v) for c, v in zip("ABC", ("SNV", "Sở Nội vụ", "2017"), strict=True))
    return f'<row r="1">{header}</row><row r="2">{row}</row>'


def sheet_without_addresses(rows: int, cells: int) -> str:
    """A table followed by `rows` rows without `r=`, the last holding `cells` cells without `r=`: placed by
    order, they reach row 2 + rows and column `cells`."""
    last = "<c><v>1</v></c>" * cells
    return (f'{_SHEET_HEAD}<dimension ref="A1:C2"/><sheetData>{_table_rows()}{"<row/>" * (rows - 1)}'
            f'<row>{last}</row></sheetData></worksheet>')


def sheet_in_single_quotes(far: str) -> str:
    """A table and one stray cell at `far`, its attributes quoted with ' (valid XML, missed by a search for r=")."""
    far_row = "".join(ch for ch in far if ch.isdigit())
    return (f"{_SHEET_HEAD}<sheetData>{_table_rows()}<row r='{far_row}'><c r='{far}'><v>1</v></c></row>"
            "</sheetData></worksheet>")


def sheet_with_prefixes(far: str) -> str:
    """The same with prefixed elements (`<x:row>`, `<x:c>`, as the .NET Open XML SDK writes) and ' quotes."""
    far_row = "".join(ch for ch in far if ch.isdigit())
    return (f"<?xml version='1.0'?><x:worksheet xmlns:x='{_MAIN}'><x:sheetData><x:row r='{far_row}'>"
            f"<x:c r='{far}'><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>")


def sheet_reaching(far: str, dimension: str | None) -> str:
    """A sheet with a header row, one data row, and one stray cell at `far`."""
    header = "".join(_cell(f"{c}1", h) for c, h in zip("ABC", ("unit_code", "unit_name", "year"), strict=True))
    row = "".join(_cell(f"{c}2", v) for c, v in zip("ABC", ("SNV", "Sở Nội vụ", "2017"), strict=True))
    far_row = int("".join(ch for ch in far if ch.isdigit()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'{_SHEET_HEAD}{dim}<sheetData><row r="1">{header}</row><row r="2">{row}</row>'
            f'<row r="{far_row}">{_cell(far, "x")}</row></sheetData></worksheet>')


def set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with `name`'s uncompressed size rewritten in its local and central headers (a lie)."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = out.find(signature)
        while at >= 0:
            length = struct.unpack("<H", out[at + length_at : at + length_at + 2])[0]
            if bytes(out[at + name_at : at + name_at + length]) == encoded:
                out[at + size_at : at + size_at + 4] = struct.pack("<I", size)
            at = out.find(signature, at + 4)
    return bytes(out)


def write_crafted(folder: Path) -> None:
    """Write every crafted workbook into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in CRAFTED.items():
        (folder / name).write_bytes(build())


# name → how it is built. Each made python-calamine ask for 6.7 to 550 GB and abort the process, which the
# guard did not prevent before it read the relationships, cells placed by order, and any XML quoting.
CRAFTED: dict[str, Callable[[], bytes]] = {
    "sheet_outside_worksheets.xlsx": lambda: workbook(sheet_reaching("XFD1048576", "A1:C2"), "xl/data/grid.xml"),
    "sheet_at_top_level.xlsx": lambda: workbook(sheet_reaching("GR1048576", "A1:C2"), "grid.xml"),
    "rows_without_addresses.xlsx": lambda: workbook(sheet_without_addresses(1_048_000, 200)),
    "cells_without_addresses.xlsx": lambda: workbook(sheet_without_addresses(99_000, 20_000)),
    "single_quoted_addresses.xlsx": lambda: workbook(sheet_in_single_quotes("XFD1048576")),
    "prefixed_elements.xlsx": lambda: workbook(sheet_with_prefixes("GR1048576")),
}


if __name__ == "__main__":
    write_crafted(Path(__file__).resolve().parent / "crafted")
