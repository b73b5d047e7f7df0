"""Collecting problems for the offending cells only: masks in, Problems out, at most LIMIT per kind."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa

from ingest.problems import Problem
from ingest.reading.table import RawTable

LIMIT = 1000  # per kind of problem; the rest is counted in one line

Params = Callable[[int], dict[str, object]]


class Findings:
    """The problems of one file, each placed at its row and column as the file shows them."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.items: list[Problem] = []
        self._rows = np.asarray(raw.rows, dtype=np.int64)

    def whole(self, key: str, severity: str = "error", **params: object) -> None:
        """A problem of the whole file, at no row or column."""
        self.items.append(Problem(None, None, None, key, dict(params), severity))

    def cells(self, mask: np.ndarray, column: str | None, key: str, severity: str = "error",
              params: Params | None = None) -> None:
        """One problem per True position of `mask`, in `column` (canonical), with the cell's value."""
        positions = np.flatnonzero(mask)
        shown = positions[:LIMIT]
        values = self._values(shown, column)  # one take for them all: indexing a chunked column finds its chunk
        for pos, value in zip(shown.tolist(), values, strict=True):
            self._add(pos, column, value, key, severity, params(pos) if params else {})
        if len(positions) > LIMIT:
            self.whole("ingest.too_many_problems", severity, count=len(positions) - LIMIT)

    def at(self, pos: int, column: str | None, key: str, severity: str, params: dict[str, object]) -> None:
        """One problem at a table position."""
        self._add(pos, column, self.value(pos, column), key, severity, params)

    def _add(self, pos: int, column: str | None, value: str | None, key: str, severity: str,
             params: dict[str, object]) -> None:
        header = self.raw.headers.get(column) if column else None
        base: dict[str, object] = {"value": value or "", "column": header or ""}
        self.items.append(Problem(int(self._rows[pos]), header, value, key, base | params, severity))

    def _values(self, positions: np.ndarray, column: str | None) -> list[str | None]:
        if column is None or column not in self.raw.frame.column_names or not len(positions):
            return [None] * len(positions)
        cells = self.raw.frame.column(column).take(pa.array(positions, pa.int64())).to_pylist()
        return [None if cell is None else str(cell) for cell in cells]

    def value(self, pos: int, column: str | None) -> str | None:
        """The cell as written, or None."""
        if column is None or column not in self.raw.frame.column_names:
            return None
        cell: pa.Scalar = self.raw.frame.column(column)[pos]
        return None if not cell.is_valid else str(cell.as_py())

    def row(self, pos: int) -> int:
        """The row number a person sees for a table position."""
        return int(self._rows[pos])
