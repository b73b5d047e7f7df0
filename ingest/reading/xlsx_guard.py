"""Refuse a hostile workbook before python-calamine opens it: a zip bomb (an entry that unpacks to far
more than it declares, or to too much in all) and a sheet whose cells reach so far that calamine would
allocate a huge grid (calamine allocates rows × columns from the cells' addresses, whatever
`<dimension>` says; past the memory it aborts the whole process, so the check must come first).

Every entry is inflated once here, in chunks, counting bytes: nothing unpacked is kept."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from common.errors import InputError
from ingest.reading.layout import MAX_COLUMNS
from ingest.reading.xlsx_sheets import MAX_RELS, RELS, is_sheet, normal_name, placed_extent, sheet_parts, unusual

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_CELLS = 30_000_000  # the grid calamine may build: a 1M-row × 30-column sheet, about 1 GB
_SPARSE_CELLS = 4_000_000  # a grid this size is allowed whatever the cells; beyond, it must be filled
_CHUNK = 1 << 20
_LOCAL_HEADER = 30
_TAIL = 24
# Cell and row addresses past row 99,999 or column Z: few in a usual sheet, each read; nearer ones are not.
_FAR = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]?\d{6})')
_FAR_ROW = re.compile(rb' r="[A-Z]{0,3}(\d{6,})')
_WIDE = re.compile(rb' r="([A-Z]{2,})\d')
_DIMENSION = re.compile(rb'<dimension\s+ref\s*=\s*["\'][A-Z]*\d*:?([A-Z]+)(\d+)["\']')
_MB = 1024 * 1024
# Another format in a zip (xlsb, OpenDocument): calamine could read it as that instead of the sheets checked here.
_OTHER_FORMATS = {"xl/workbook.bin", "content.xml"}


@dataclass
class _Extent:
    """How far a sheet's addresses reach, at least 99,999 rows and 26 columns (a grid small enough that
    nearer addresses need not be read one by one)."""

    rows: int = 99_999
    columns: int = 26

    def add(self, piece: bytes) -> None:
        """Take in one piece of the sheet's XML."""
        if _FAR.search(piece) is None:
            return
        for found in _FAR_ROW.finditer(piece):
            self.rows = max(self.rows, int(found[1]))
        for found in _WIDE.finditer(piece):
            self.columns = max(self.columns, _column_number(found[1].decode()))


def check_zip(data: bytes) -> None:
    """InputError unless the workbook unpacks honestly, within the limits, to sheets of a sane size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {normal_name(e.filename) for e in entries}
            if "xl/workbook.xml" not in names or names & _OTHER_FORMATS:
                raise InputError("ingest.bad_xlsx")
            sheets = sheet_parts(_small_parts(data, entries))
            declared = sum(e.file_size for e in entries)
            if declared > MAX_UNCOMPRESSED:
                raise InputError("ingest.too_big", size_mb=declared // _MB, limit_mb=MAX_UNCOMPRESSED // _MB)
            budget = MAX_UNCOMPRESSED
            for entry in entries:
                budget -= _check_entry(data, entry, budget, is_sheet(entry.filename, sheets))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, struct.error, zlib.error,
            UnicodeDecodeError) as e:  # an entry name flagged UTF-8 that is not: a damaged or crafted file
        raise InputError("ingest.bad_xlsx") from e


def _small_parts(data: bytes, entries: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """The workbook's relationships part, unpacked (refused when larger than MAX_RELS)."""
    found = {}
    for entry in entries:
        if normal_name(entry.filename) == RELS:
            raw = b"".join(_inflate(data, entry, MAX_RELS + 1))
            if len(raw) > MAX_RELS:
                raise InputError("ingest.bad_xlsx")
            found[RELS] = raw
    return found


def _check_entry(data: bytes, entry: zipfile.ZipInfo, budget: int, sheet: bool) -> int:
    """The bytes the entry really unpacks to; InputError when it is more than it declares or the budget,
    or, for a sheet, when its cells reach too far."""
    scan = _SheetScan() if sheet else None
    size = 0
    for chunk in _inflate(data, entry, min(budget, entry.file_size) + 1):
        size += len(chunk)
        if size > entry.file_size or size > budget:
            raise InputError("ingest.zip_bomb", limit_mb=MAX_UNCOMPRESSED // _MB)
        if scan is not None:
            scan.add(chunk, size == len(chunk))
    if scan is not None and scan.odd():  # rows or cells the fast search cannot place: place each, as calamine
        rows, columns, cells = placed_extent(_inflate(data, entry, size), MAX_ROWS, MAX_COLUMNS)
        _check_extent(rows, columns, cells, entry.filename)
    elif scan is not None:
        extent = scan.extent
        cells = _cells(data, entry) if extent.rows * extent.columns > _SPARSE_CELLS else 0
        _check_extent(extent.rows, extent.columns, cells, entry.filename)
    return size


class _SheetScan:
    """What one pass over a sheet's XML learns: its declared size, how far its addresses reach, and
    whether it holds rows or cells written in a form the fast search cannot place."""

    def __init__(self) -> None:
        self.extent, self.tail, self.unusual = _Extent(), b"", False

    def add(self, chunk: bytes, first: bool) -> None:
        """Take in the next piece of the sheet."""
        if first:
            _check_dimension(chunk[:4096])
        joint = self.tail + chunk[: _TAIL + 16]  # a tag or an address split between two chunks
        self.unusual = self.unusual or unusual(chunk, first, len(chunk) - 16) or unusual(joint, False, len(self.tail))
        self.extent.add(chunk)
        self.extent.add(joint)
        self.tail = chunk[-_TAIL:]

    def odd(self) -> bool:
        """Whether some row or cell must be placed one by one (the sheet's end included)."""
        return self.unusual or unusual(self.tail, False, _TAIL)


def _cells(data: bytes, entry: zipfile.ZipInfo) -> int:
    """How many cells a sheet holds (a second pass, only for a sheet that reaches far)."""
    return sum(chunk.count(b"<c ") + chunk.count(b"<c>") for chunk in _inflate(data, entry, entry.file_size))


def _inflate(data: bytes, entry: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The entry's bytes in chunks, at most `limit` of them in all: never trusting the declared size."""
    start = entry.header_offset
    name_len, extra_len = struct.unpack("<HH", data[start + 26 : start + _LOCAL_HEADER])
    begin = start + _LOCAL_HEADER + name_len + extra_len
    packed = memoryview(data)[begin : begin + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        yield bytes(packed[:limit])
        return
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise NotImplementedError(entry.compress_type)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    for at in range(0, len(packed), _CHUNK):
        pending = packed[at : at + _CHUNK].tobytes()
        while pending and produced < limit:
            out = inflater.decompress(pending, _CHUNK)
            produced += len(out)
            yield out
            pending = inflater.unconsumed_tail
        if produced >= limit:
            return


def _check_extent(rows: int, columns: int, cells: int, sheet: str) -> None:
    """Refuse a sheet whose farthest cell would make calamine build too big a grid for the cells it holds;
    never more than MAX_CELLS, whatever it holds (the hard cap on what calamine may be asked to allocate)."""
    if columns > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=columns, limit=MAX_COLUMNS)
    if rows > MAX_ROWS:
        raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    grid, allowed = rows * columns, min(MAX_CELLS, _SPARSE_CELLS + 26 * cells)
    if grid > allowed:
        cell = f"{_column_letters(columns)}{rows}"
        raise InputError("ingest.too_many_cells", sheet=sheet.rsplit("/", 1)[-1], cell=cell, cells=grid,
                         limit=allowed)


def _check_dimension(head: bytes) -> None:
    """The size the sheet declares (`<dimension ref="A1:M100001"/>`), refused when already too big."""
    found = _DIMENSION.search(head)
    if not found:
        return
    rows, width = int(found[2]), _column_number(found[1].decode())
    if rows > MAX_ROWS:
        raise InputError("ingest.too_many_rows", rows=rows, limit=MAX_ROWS)
    if width > MAX_COLUMNS:
        raise InputError("ingest.too_many_columns", count=width, limit=MAX_COLUMNS)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
