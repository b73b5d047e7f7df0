"""Hostile workbooks for the reading tests, built in memory (small on disk): a minimal .xlsx around any
sheet XML, a sheet with one stray cell far away, and an archive whose declared sizes lie."""

from __future__ import annotations

import io
import struct
import zipfile

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


def workbook(sheet_xml: str | bytes) -> bytes:
    """A minimal .xlsx whose only sheet is the XML given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


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
