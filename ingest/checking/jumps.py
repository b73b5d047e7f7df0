"""Figures that look wrong next to the unit's own history: a warning in the preview, in --json and on the
command line, with last year's value beside this year's. Declared once here; the methodology page and the
import page's template text list them from JUMPS (steps after above steps before is rules.within_row's)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.checking.findings import Findings
from ingest.checking.rules import LastYear
from ingest.values import mask


@dataclass(frozen=True)
class Jump:
    """A figure whose change on last year is suspicious: this year ≥ `up` × last year, or ≤ `down` × last year,
    counted only when last year's figure is at least `base` (small numbers swing without being wrong)."""

    column: str
    up: float | None
    down: float | None
    base: int


JUMPS: tuple[Jump, ...] = (
    Jump("processes_total", up=10.0, down=0.1, base=5),
    Jump("procedures_total", up=10.0, down=0.5, base=10),
    Jump("procedures_under_iso", up=None, down=0.5, base=10),
)


def jumps(years: pa.Table, last_year: LastYear, f: Findings) -> None:
    """A warning for each figure of JUMPS far from the same unit's figure of the year before."""
    pos = years.column("pos").to_numpy()
    n = len(f.raw.rows)
    for jump in JUMPS:
        if jump.column not in f.raw.frame.column_names:
            continue
        now = pc.cast(years.column(jump.column), pa.float64())
        last = pc.cast(last_year.values(jump.column), pa.float64())
        hit = mask(pc.greater_equal(last, jump.base))
        far = np.zeros(len(hit), dtype=bool)
        if jump.up is not None:
            far |= mask(pc.greater_equal(now, pc.multiply(last, jump.up)))
        if jump.down is not None:
            far |= mask(pc.less_equal(now, pc.multiply(last, jump.down)))
        rows = np.zeros(n, dtype=bool)
        rows[pos[hit & far]] = True
        f.cells(rows, jump.column, "ingest.looks_wrong", "warning", _params(years, pos, last, jump.column))


def _params(years: pa.Table, pos: np.ndarray, last: pa.Array, column: str):  # type: ignore[no-untyped-def]
    year = years.column("year")

    def params(i: int) -> dict[str, object]:
        j = int(np.searchsorted(pos, i))
        return {"last": int(last[j].as_py()), "last_year": year[j].as_py() - 1,
                "now": years.column(column)[j].as_py()}
    return params
