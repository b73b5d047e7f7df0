"""Excel 97–2003 (.xls) workbooks built byte by byte for the hostile-input tests: BIFF8 records in a minimal
OLE2 container (one FAT sector, one directory sector, the Workbook stream after them; at most ~60 KB)."""

from __future__ import annotations

import struct
from collections.abc import Sequence

_FREE, _END, _FATSECT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _NUMBER, _LABEL = 0x0809, 0x000A, 0x0085, 0x0200, 0x0203, 0x0204


def record(kind: int, body: bytes) -> bytes:
    """One BIFF record: kind, length, body."""
    return struct.pack("<HH", kind, len(body)) + body


def bof(sheet: bool) -> bytes:
    """A BIFF8 BOF: workbook globals, or a worksheet."""
    return record(_BOF, struct.pack("<HHHHII", 0x0600, 0x0010 if sheet else 0x0005, 0x0DBB, 0x07CC, 0, 0x0600))


def number(row: int, column: int, value: float) -> bytes:
    """A NUMBER cell record."""
    return record(_NUMBER, struct.pack("<HHHd", row, column, 0, value))


def label(row: int, column: int, text: str) -> bytes:
    """A LABEL cell record (the text inline, 8-bit)."""
    raw = text.encode("latin-1")
    return record(_LABEL, struct.pack("<HHHHB", row, column, 0, len(raw), 0) + raw)


def dimensions(rows: int, columns: int) -> bytes:
    """A BIFF8 DIMENSIONS record: one past the last row and column."""
    return record(_DIMENSIONS, struct.pack("<IIHHH", 0, rows, 0, columns, 0))


def boundsheet(offset: int, name: str, hidden: bool = False) -> bytes:
    """A BOUNDSHEET record: where the sheet starts in the stream, its visibility and name."""
    raw = name.encode("latin-1")
    return record(_BOUNDSHEET, struct.pack("<IBBBB", offset, 1 if hidden else 0, 0, len(raw), 0) + raw)


def stream(sheets: Sequence[bytes], names: Sequence[str] | None = None, hidden: bool = False,
           offsets: Sequence[int] | None = None) -> bytes:
    """A Workbook stream: the globals (a BOUNDSHEET per sheet, pointing at it unless `offsets` say), then each
    sheet's records as given (BOF and EOF added)."""
    names = names or [f"S{i}" for i in range(len(sheets))]
    bodies = [bof(True) + s + record(_EOF, b"") for s in sheets]
    head = len(bof(False)) + sum(len(boundsheet(0, n)) for n in names) + 4
    starts, at = [], head
    for body in bodies:
        starts.append(at)
        at += len(body)
    places = offsets or starts
    globals_ = bof(False) + b"".join(boundsheet(o, n, hidden) for o, n in zip(places, names, strict=True))
    return globals_ + record(_EOF, b"") + b"".join(bodies)


def compound(workbook: bytes) -> bytes:
    """The stream in an OLE2 container, padded to 4 KB so that it is not kept in the mini stream."""
    data = workbook.ljust(max(4096, -(-len(workbook) // 512) * 512), b"\x00")
    count = len(data) // 512
    if count > 125:
        raise ValueError("too long for one FAT sector")
    fat = [_FATSECT, _END] + [3 + i if i < count - 1 else _END for i in range(count)]
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    directory = _entry("Root Entry", 5, _END, 0, child=1) + _entry("Workbook", 2, 2, len(data)) + bytes(256)
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))
    return bytes(header) + fat_sector + directory + data


def _entry(name: str, kind: int, start: int, size: int, child: int = _NONE) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    out = bytearray(128)
    out[: len(raw)] = raw
    struct.pack_into("<HBBIII", out, 0x40, len(raw), kind, 1, _NONE, _NONE, child)
    struct.pack_into("<IQ", out, 0x74, start, size)
    return bytes(out)


def table_sheet() -> bytes:
    """A small inspection table: header and one row."""
    cells = [label(0, c, h) for c, h in enumerate(("unit_code", "unit_name", "year", "processes_total"))]
    cells += [label(1, 0, "SNV"), label(1, 1, "So Noi vu"), number(1, 2, 2024), number(1, 3, 12)]
    return dimensions(2, 4) + b"".join(cells)
