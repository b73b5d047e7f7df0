"""Which parts of a workbook are sheets, and how far a sheet's cells reach the way calamine places them.

A worksheet may be stored under any name the workbook's relationships (`xl/_rels/workbook.xml.rels`)
point to, not only `xl/worksheets/`. Rows and cells may leave out their address (`r=`): calamine then
places them one after the other, a row below the previous one, a cell right of the previous one. Its
attributes may be quoted with ' or ", spaced, and its elements prefixed (`<x:c>`). The guard's fast
byte search only understands the usual form, written by Excel, LibreOffice, openpyxl and xlsxwriter
(`<row r="7"`, `<c r="B7"`); a sheet written any other way is read here with a real XML parser
(expat), counting by order exactly as calamine does, and refused as soon as it reaches too far."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pyexpat import ExpatError, ParserCreate

from common.errors import InputError

RELS = "xl/_rels/workbook.xml.rels"
MAX_RELS = 1024 * 1024
_SHEET_TYPES = ("/worksheet", "/dialogsheet", "/macrosheet", "/chartsheet")
# A row or cell the fast search cannot place: a prefixed element, or one whose first attribute is not a
# double-quoted address in capitals. Searched as three patterns, each with a literal or rare first byte that
# the regular-expression engine skips to (one pattern starting with "<" tried every tag: 0.36 s on a 59 MB
# sheet, against 0.18 s for the three); a prefixed element is looked for only where ":c" or ":row" stands.
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]{0,3}[1-9])')
_ODD_ROW = re.compile(rb'<row(?=[\s/>])(?! r="[A-Z]{0,3}[1-9])')
_PREFIXED_HINT = re.compile(rb":(?:c|row)[\s/>]")
_PREFIXED = re.compile(rb'<[^\s<>/!?:="]+:(?:c|row)[\s/>]')
_ODD_HEAD = re.compile(rb'^\s*<\?xml[^>]*encoding=["\'](?!utf-8["\'])', re.IGNORECASE)
_REF = re.compile(r"\s*([A-Za-z]*)\s*0*(\d*)\s*$")


def normal_name(name: str) -> str:
    """A part name as compared here: forward slashes, no leading slash, case folded."""
    return posixpath.normpath(name.replace("\\", "/").lstrip("/")).casefold()


def sheet_parts(read: dict[str, bytes]) -> set[str]:
    """The normalised names of every sheet the workbook's relationships name, plus `xl/worksheets/*.xml`.
    `read` holds the relationships part's bytes under RELS (absent when the workbook has none)."""
    found = set()
    raw = read.get(RELS)
    if raw is not None:
        try:
            root = ET.fromstring(raw)
        except (ET.ParseError, ValueError) as e:
            raise InputError("ingest.bad_xlsx") from e
        for rel in root:
            if rel.get("TargetMode") != "External" and str(rel.get("Type", "")).endswith(_SHEET_TYPES):
                target = str(rel.get("Target", ""))
                found.add(normal_name(target if target.startswith("/") else f"xl/{target}"))
    return found


def is_sheet(name: str, sheets: set[str]) -> bool:
    """Whether the archive entry `name` is one of the sheets."""
    clean = normal_name(name)
    return clean in sheets or (clean.startswith("xl/worksheets/") and clean.endswith(".xml"))


def unusual(piece: bytes, first: bool, until: int) -> bool:
    """Whether this piece of a sheet's XML holds, starting before `until`, a row or cell the fast search
    cannot place (or, in the first piece, an encoding other than UTF-8). A tag starting later is cut by the
    end of the piece and judged with the next one."""
    if first and (piece[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in piece[:512] or _ODD_HEAD.search(piece[:512])):
        return True
    patterns = (_ODD_CELL, _ODD_ROW, _PREFIXED) if _PREFIXED_HINT.search(piece) else (_ODD_CELL, _ODD_ROW)
    return any(found is not None and found.start() < until for found in (p.search(piece) for p in patterns))


class _Placer:
    """Follows rows and cells as calamine places them, refusing as soon as they reach past the limits."""

    def __init__(self, max_rows: int, max_columns: int) -> None:
        self.max_rows, self.max_columns = max_rows, max_columns
        self.row = self.column = self.rows = self.columns = self.cells = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            self.row = _number(attrs.get("r"), self.row + 1)
            self.column = 0
        elif local == "c":
            letters, digits = _address(attrs.get("r"))
            self.column = _letters_number(letters) if letters else self.column + 1
            self.row = max(self.row, int(digits)) if digits else self.row
            self.cells += 1
        else:
            return
        self.rows, self.columns = max(self.rows, self.row), max(self.columns, self.column)
        if self.rows > self.max_rows:
            raise InputError("ingest.too_many_rows", rows=self.rows, limit=self.max_rows)
        if self.columns > self.max_columns:
            raise InputError("ingest.too_many_columns", count=self.columns, limit=self.max_columns)


def placed_extent(chunks: Iterable[bytes], max_rows: int, max_columns: int) -> tuple[int, int, int]:
    """Rows, columns and cells of a sheet, each row and cell placed by its address or else by its order."""
    placer = _Placer(max_rows, max_columns)
    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = placer.start
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (ExpatError, ValueError) as e:
        raise InputError("ingest.bad_xlsx") from e
    return placer.rows, placer.columns, placer.cells


def _number(text: str | None, default: int) -> int:
    digits = (text or "").strip()
    return int(digits) if digits.isdigit() else default


def _address(text: str | None) -> tuple[str, str]:
    found = _REF.match(text or "")
    return (found[1].upper(), found[2]) if found else ("", "")


def _letters_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number
