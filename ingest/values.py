"""Cell values: each parser reads one cell as written; `parsed_column` applies it to a whole column by
parsing each distinct value once (a column of a million counts has a few hundred distinct cells)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.unit_types import UNIT_TYPES
from ingest.columns import fold

T = TypeVar("T")

OK = ""  # the status of a cell that parsed (or is blank)
MAX_COUNT_DIGITS = 9
FIRST_DATE_YEAR, LAST_DATE_YEAR = 1900, 2200  # a date outside these years is a typo, not an inspection

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_MINUS = ("-", "\u2212", "\u2013")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_ISO = re.compile(r"(?:tcvn )?(?:iso )?(?:9001 ?[:\-/] ?)?(2000|2008|2015)")
_TRUE = frozenset({"co", "x", "yes", "y", "1", "true", "dat", "co cai tien", "v", "\u2713"})
_FALSE = frozenset({"khong", "no", "n", "0", "false", "khong dat", "chua dat", "chua", "khong cai tien"})
X_STYLE = frozenset({"x", "\u2713", "v"})


def parse_count(cell: str) -> tuple[int | None, str]:
    """A whole number ≥ 0: `1.200` and `1 200` are 1200; `12,0` and `12.5` are not whole numbers."""
    compact = _SPACES.sub("", cell)
    negative = compact.startswith(_MINUS)
    digits = compact.lstrip("".join(_MINUS))
    if _THOUSANDS.fullmatch(digits):
        digits = digits.replace(".", "")
    if not (digits.isascii() and digits.isdigit()):
        return None, "not_integer"
    if negative and int(digits) != 0:
        return None, "negative"
    if len(digits.lstrip("0")) > MAX_COUNT_DIGITS:
        return None, "too_large"
    return int(digits), OK


def parse_date(cell: str) -> tuple[dt.date | None, str]:
    """A date written dd/mm/yyyy, d/m/yyyy (also with `-` or `.`) or yyyy-mm-dd."""
    text = cell.strip()
    found = _DMY.fullmatch(text)
    parts: tuple[int, int, int] | None = None
    if found:
        parts = (int(found[3]), int(found[2]), int(found[1]))
    elif found := _YMD.fullmatch(text):
        parts = (int(found[1]), int(found[2]), int(found[3]))
    if parts is None:
        return None, "bad_date"
    if not FIRST_DATE_YEAR <= parts[0] <= LAST_DATE_YEAR:
        return None, "impossible_date"
    try:
        return dt.date(*parts), OK
    except ValueError:
        return None, "impossible_date"


def parse_improved(cell: str) -> tuple[bool | None, str]:
    """Whether a unit improved: có/không, co/khong, x, yes/no, 1/0, true/false, đạt/không đạt."""
    key = fold(cell)
    if key in _TRUE:
        return True, OK
    if key in _FALSE:
        return False, OK
    return None, "bad_improved"


def parse_iso_version(cell: str) -> tuple[int | None, str]:
    """2000, 2008 or 2015, also written `ISO 9001:2015` or `TCVN ISO 9001:2008`."""
    found = _ISO.fullmatch(fold(cell))
    return (int(found[1]), OK) if found else (None, "bad_iso_version")


_TYPE_KEYS: dict[str, str] = {}
for _t in UNIT_TYPES:
    for _label in (_t.code, _t.label_vi, _t.label_en, _t.label_vi.replace("UBND", "Ủy ban nhân dân")):
        _TYPE_KEYS[fold(_label)] = _t.code
_TYPE_KEYS |= {"ubnd huyen": "ubnd_huyen", "ubnd xa": "ubnd_xa", "phong chuyen mon huyen": "phong_huyen"}


def parse_unit_type(cell: str) -> tuple[str | None, str]:
    """A unit type code from one of the six labels (diacritics and case ignored) or a code."""
    code = _TYPE_KEYS.get(fold(cell))
    return (code, OK) if code else (None, "unknown_unit_type")


def name_key(name: str) -> str:
    """A unit name for matching: case and spacing ignored, diacritics kept."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Parsed:
    """A column parsed cell by cell: the typed values, and each cell's status (OK or a problem name)."""

    values: pa.Array  # null where the cell is blank or did not parse
    index: pa.Array | None  # each cell's position among the distinct cells (null: blank); None if all parsed
    status: tuple[str, ...]  # per distinct cell
    cells: tuple[str, ...]  # the distinct cells as written (empty for a column of plain counts: see count_column)

    def failed(self) -> np.ndarray:
        """A mask of the cells that did not parse."""
        return self.where(*{s for s in self.status if s != OK})

    def where(self, *names: str) -> np.ndarray:
        """A mask of the cells whose status is one of `names`."""
        hits = [i for i, s in enumerate(self.status) if s in names]
        if not hits or self.index is None:
            return np.zeros(len(self.values), dtype=bool)
        return mask(pc.is_in(self.index, value_set=pa.array(hits, pa.int32())))


def ints(values: pa.ChunkedArray | pa.Array, missing: int) -> np.ndarray:
    """An integer Arrow column as a numpy int64 array, null as `missing` (read-only: it may share Arrow's memory)."""
    out: np.ndarray = _one_chunk(pc.fill_null(pc.cast(values, pa.int64()), missing)).to_numpy(zero_copy_only=False)
    return out


def mask(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow column as a numpy mask, null as False."""
    out: np.ndarray = _one_chunk(pc.fill_null(values, False)).to_numpy(zero_copy_only=False)
    return out


def parsed_column(column: pa.ChunkedArray, parse: Callable[[str], tuple[T, str]], kind: pa.DataType) -> Parsed:
    """Parse each distinct cell once (a column of a million counts has a few hundred distinct cells)."""
    index, distinct = encoded(column)
    cells = tuple(str(cell) for cell in distinct.to_pylist())
    parsed = [parse(cell) for cell in cells]
    status = tuple(p[1] for p in parsed)
    values = pc.take(pa.array([p[0] for p in parsed], kind), index)
    return Parsed(values, None if all(s == OK for s in status) else index, status, cells)


def encoded(column: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """Each cell's position among the column's distinct cells (null for a null cell), and those distinct
    cells in the order they first appear: one pass over the column."""
    found = pc.dictionary_encode(column)
    chunks = found.chunks if isinstance(found, pa.ChunkedArray) else [found]
    if not chunks:
        return pa.array([], pa.int32()), pa.array([], column.type)
    # every chunk carries the whole dictionary: the indices of all chunks point into the first one's
    return _one_chunk(pa.chunked_array([c.indices for c in chunks], pa.int32())), chunks[0].dictionary


def count_column(column: pa.ChunkedArray) -> Parsed:
    """A column of counts (or years) through `parse_count`; a column whose every cell is 1–9 ASCII digits is
    cast by Arrow without looking at its cells one by one (`parse_count` reads each such cell the same way,
    leading zeros included, and has nothing to say about it)."""
    lengths = digit_lengths(column)
    if lengths is not None and lengths[0] >= 1 and lengths[1] <= MAX_COUNT_DIGITS:
        return Parsed(_one_chunk(pc.cast(column, pa.int64())), None, (), ())
    return parsed_column(column, parse_count, pa.int64())


def digit_lengths(column: pa.ChunkedArray) -> tuple[int, int] | None:
    """The lengths of the shortest and longest cell of a column whose bytes are all ASCII digits ((0, 0) when
    every cell is null); None when some byte is not a digit."""
    if not bytes_within(column, ord("0"), ord("9")):
        return None
    lengths = pc.min_max(pc.binary_length(column))
    return lengths["min"].as_py() or 0, lengths["max"].as_py() or 0


def bytes_within(column: pa.ChunkedArray, low: int, high: int) -> bool:
    """Whether every byte of the column's text lies in low..high (ASCII codes): one pass over its data buffers,
    no cell looked at one by one. A buffer may hold bytes outside the cells (a slice): then the answer may be
    False when True was right, never the other way round."""
    for chunk in column.chunks:
        if not pa.types.is_string(chunk.type) and not pa.types.is_large_string(chunk.type):
            return False
        data = chunk.buffers()[2]
        if data is not None and data.size:
            values = np.frombuffer(data, dtype=np.uint8)
            if values.min() < low or values.max() > high:
                return False
    return True


def _one_chunk(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    return values
