"""Which unit each row is about: by code, else by name; new units when name and type are given."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from common.unit_types import unit_type
from ingest.findings import Findings
from ingest.values import name_key

UNIT_COLUMNS = ("unit_code", "unit_name", "unit_type", "admin_level", "parent_code", "valid_from", "valid_to")
_BAD_TYPE = "?"


@dataclass(slots=True)
class Outcome:
    """How one (code, name, type) combination resolved: a unit code, or a problem."""

    code: str | None = None
    key: str | None = None  # a problem's catalogue key
    severity: str = "error"
    params: dict[str, object] | None = None


def new_code(name: str, type_code: str) -> str:
    """The code of a new unit given without one: stable for the same name and type."""
    digest = hashlib.sha1(f"{name_key(name)}|{type_code}".encode()).hexdigest()
    return "U-" + digest[:10]


class Matcher:
    """Known units indexed by code (case-insensitive) and by name (case and spacing ignored)."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, list[tuple[str, str]]] = {}
        for code, name, kind in zip(units["unit_code"], units["unit_name"], units["unit_type"], strict=True):
            if isinstance(code, str):
                self.by_code[code.strip().casefold()] = code
                if isinstance(name, str):
                    self.by_name.setdefault(name_key(name), []).append((code, str(kind)))
        self.new: dict[str, tuple[str, str]] = {}

    def resolve(self, code: str, name: str, kind: str) -> Outcome:
        """The unit for one combination of code, name and type code as written."""
        if code and code.casefold() in self.by_code:
            return Outcome(self.by_code[code.casefold()])
        if code and name and kind:
            return self._create(code, name, kind)
        found = self.by_name.get(name_key(name), []) if name else []
        if code:
            if len(found) == 1:
                return Outcome(found[0][0], "ingest.code_unknown_name_used", "warning", {"code": found[0][0]})
            return Outcome(key="ingest.unknown_unit")
        if not name:
            return Outcome(key="ingest.missing_unit")
        if len(found) > 1 and kind:
            found = [f for f in found if f[1] == kind] or found
        if len(found) == 1:
            return Outcome(found[0][0])
        if found:
            codes = ", ".join(c for c, _ in found)
            return Outcome(key="ingest.ambiguous_name", params={"count": len(found), "codes": codes})
        return self._create(new_code(name, kind), name, kind) if kind else Outcome(key="ingest.unknown_unit")

    def _create(self, code: str, name: str, kind: str) -> Outcome:
        if kind == _BAD_TYPE:
            return Outcome()  # the type cell already has its error
        self.new.setdefault(code, (name, kind))
        return Outcome(code)

    def new_units(self) -> pd.DataFrame:
        """The units to create, in the units-frame columns."""
        rows = [
            (code, name, kind, unit_type(kind).admin_level, None, None, None)
            for code, (name, kind) in self.new.items()
        ]
        return pd.DataFrame(rows, columns=list(UNIT_COLUMNS), dtype=object)


def match_units(frame: pd.DataFrame, types: pd.Series, bad_type: np.ndarray, units: pd.DataFrame,
                f: Findings) -> tuple[pd.Series, pd.DataFrame]:
    """The known or new unit code of each row (None where it cannot be told), and the new units."""
    n = len(frame)
    if "unit_code" not in frame.columns and "unit_name" not in frame.columns:
        f.whole("ingest.no_unit_column")
        return pd.Series([None] * n, dtype=object), Matcher(units).new_units()
    code, codes_u = _factor(frame, "unit_code", n)
    name, names_u = _factor(frame, "unit_name", n)
    kind, kinds_u = _factor(pd.DataFrame({"kind": types}), "kind", n)
    kind[bad_type] = len(kinds_u)
    kinds_u.append(_BAD_TYPE)
    # Each distinct (code, name, type) is resolved once: a million rows name a few thousand units.
    combos, keys = pd.factorize((code * len(names_u) + name) * len(kinds_u) + kind)
    matcher = Matcher(units)
    outcomes = []
    for key in keys:
        rest, k = divmod(int(key), len(kinds_u))
        c, m = divmod(rest, len(names_u))
        outcomes.append(matcher.resolve(codes_u[c], names_u[m], kinds_u[k]))
    # Arrow text, so that the store reads the million codes without a Python object each.
    found = pa.array([o.code for o in outcomes], pa.string()).take(pa.array(combos))
    _report(f, combos, outcomes, code != len(codes_u) - 1)
    return pd.Series(found, dtype="str"), matcher.new_units()


def _factor(frame: pd.DataFrame, column: str, n: int) -> tuple[np.ndarray, list[str]]:
    """Each row's index into the column's distinct texts; a blank or missing cell is the last one, ""."""
    if column not in frame.columns:
        return np.zeros(n, dtype=np.int64), [""]
    ids, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    texts = [str(u) for u in np.asarray(uniques, dtype=object)] + [""]  # iterating Arrow text is slow
    out = np.asarray(ids, dtype=np.int64)
    out[out < 0] = len(texts) - 1
    return out, texts


def _report(f: Findings, combos: np.ndarray, outcomes: list[Outcome], has_code: np.ndarray) -> None:
    """Each row's unit problem, in the code column when the row gives a code, else in the name column."""
    keys = {(o.key, o.severity) for o in outcomes if o.key}
    for key, severity in sorted(keys):
        assert key is not None
        hit = np.isin(combos, [i for i, o in enumerate(outcomes) if o.key == key])

        def params(pos: int) -> dict[str, object]:
            return outcomes[combos[pos]].params or {}

        if key == "ingest.missing_unit":
            f.cells(hit, None, key, severity)
            continue
        f.cells(hit & has_code, "unit_code", key, severity, params)
        f.cells(hit & ~has_code, "unit_name", key, severity, params)
