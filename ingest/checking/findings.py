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
        for pos in positions[:LIMIT]:
            self.at(int(pos), column, key, severity, params(int(pos)) if params else {})
        if len(positions) > LIMIT:
            self.whole("ingest.too_many_problems", severity, count=len(positions) - LIMIT)

    def at(self, pos: int, column: str | None, key: str, severity: str, params: dict[str, object]) -> None:
        """One problem at a table position."""
        header = self.raw.headers.get(column) if column else None
        value = self.value(pos, column)
        base: dict[str, object] = {"value": value or "", "column": header or ""}
        self.items.append(Problem(int(self._rows[pos]), header, value, key, base | params, severity))

    def value(self, pos: int, column: str | None) -> str | None:
        """The cell as written, or None."""
        if column is None or column not in self.raw.frame.column_names:
            return None
        cell: pa.Scalar = self.raw.frame.column(column)[pos]
        return None if not cell.is_valid else str(cell.as_py())

    def row(self, pos: int) -> int:
        """The row number a person sees for a table position."""
        return int(self._rows[pos])
