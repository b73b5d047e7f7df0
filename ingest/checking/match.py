"""Which unit each row is about: by code, else by name; new units when name and type are given."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from common.unit_types import unit_type
from ingest.checking.findings import Findings
from ingest.checking.near import NearNames, UnitChoices
from ingest.values import encoded, ints, name_key

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

    def __init__(self, units: pa.Table, choices: UnitChoices | None = None) -> None:
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, list[tuple[str, str]]] = {}
        self.listed: list[tuple[str, str, str]] = []
        self.name_of: dict[str, str] = {}
        columns = [units.column(c).to_pylist() for c in ("unit_code", "unit_name", "unit_type")]
        for code, name, kind in zip(*columns, strict=True):
            if isinstance(code, str):
                self.by_code[code.strip().casefold()] = code
                if isinstance(name, str):
                    self.by_name.setdefault(name_key(name), []).append((code, str(kind)))
                    self.listed.append((code, name, str(kind)))
                    self.name_of[code] = name
        self.new: dict[str, tuple[str, str]] = {}
        self.choices = choices or UnitChoices()
        self._near: NearNames | None = None

    def near(self, name: str, kind: str) -> Outcome | None:
        """The outcome for a name that is not registered but close to a registered unit, or None."""
        if self._near is None:
            self._near = NearNames(self.listed)  # built only when some name is not registered
        found = self._near.suggest(name, kind)
        if found is None:
            return None
        params: dict[str, object] = {"code": found[0], "suggestion": found[1]}
        if not kind:
            return Outcome(key="ingest.unknown_unit_suggest", params=params)
        choice = self.choices.for_name(name)
        if choice == "accept":
            return Outcome(found[0], "ingest.near_miss_accepted", "warning", params)
        return None if choice == "create" else Outcome(key="ingest.near_miss_unit", params=params)

    def named(self, name: str, kind: str) -> Outcome | None:
        """For a new code: the outcome when its name equals or nearly equals a registered unit's name (a
        second unit that prints like the first), as the person chose, or None when the name is free."""
        same = self.by_name.get(name_key(name), [])
        if same:
            code = ([c for c, k in same if k == kind] or [c for c, _ in same])[0]
            found: tuple[str, str] | None = (code, self.name_of[code])
        else:
            if self._near is None:
                self._near = NearNames(self.listed)
            found = self._near.suggest(name, kind)
        if found is None:
            return None
        params: dict[str, object] = {"code": found[0], "suggestion": found[1], "name": name}
        choice = self.choices.for_name(name)
        if choice == "accept":
            return Outcome(found[0], "ingest.near_miss_accepted", "warning", params)
        return None if choice == "create" else Outcome(key="ingest.new_code_known_name", params=params)

    def resolve(self, code: str, name: str, kind: str) -> Outcome:
        """The unit for one combination of code, name and type code as written."""
        if code and code.casefold() in self.by_code:
            return Outcome(self.by_code[code.casefold()])
        if code and name and kind:
            return (self.named(name, kind) if kind != _BAD_TYPE else None) or self._create(code, name, kind)
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
        near = self.near(name, kind) if kind != _BAD_TYPE else None
        if near is not None:
            return near
        return self._create(new_code(name, kind), name, kind) if kind else Outcome(key="ingest.unknown_unit")

    def _create(self, code: str, name: str, kind: str) -> Outcome:
        if kind == _BAD_TYPE:
            return Outcome()  # the type cell already has its error
        self.new.setdefault(code, (name, kind))
        return Outcome(code)

    def new_units(self) -> pa.Table:
        """The units to create, in the units-table columns (text)."""
        names = [n for n, _ in self.new.values()]
        kinds = [k for _, k in self.new.values()]
        levels = {k: unit_type(k).admin_level for k in set(kinds)}
        given = {"unit_code": list(self.new), "unit_name": names, "unit_type": kinds,
                 "admin_level": [levels[k] for k in kinds]}
        return pa.table({c: pa.array(given.get(c, [None] * len(names)), pa.string()) for c in UNIT_COLUMNS})


@dataclass(frozen=True)
class Matched:
    """Each row's unit: its code (null where it cannot be told) and its number among `units` (−1 there)."""

    codes: pa.Array
    ids: np.ndarray
    units: pa.Array  # the distinct codes the rows resolved to
    new: pa.Table  # the units to create


@dataclass(frozen=True)
class UnitCells:
    """The code and name columns factored: each row's index into the distinct texts (blank: the last, "")."""

    code: np.ndarray
    codes: list[str]
    name: np.ndarray
    names: list[str]
    given: bool  # whether the file has a code or a name column at all


def unit_cells(frame: pa.Table) -> UnitCells:
    """Factor the code and name columns: the costly part of matching (two passes over a million texts),
    which needs nothing but the cells, so it may run beside the typing of the other columns."""
    n = frame.num_rows
    code, codes = _factor(frame.column("unit_code") if "unit_code" in frame.column_names else None, n)
    name, names = _factor(frame.column("unit_name") if "unit_name" in frame.column_names else None, n)
    return UnitCells(code, codes, name, names, bool({"unit_code", "unit_name"} & set(frame.column_names)))


def match_units(given: UnitCells, types: pa.Array, bad_type: np.ndarray, units: pa.Table, f: Findings,
                choices: UnitChoices | None = None) -> Matched:
    """The known or new unit of each row, and the new units; a name close to a registered unit as `choices`
    say (by default an error that suggests the registered unit)."""
    n = len(types)
    if not given.given:
        f.whole("ingest.no_unit_column")
        return Matched(pa.nulls(n, pa.string()), np.full(n, -1), pa.array([], pa.string()), Matcher(units).new_units())
    codes_u, names_u = given.codes, given.names
    kind, kinds_u = _factor(types, n)
    kind = np.where(bad_type, len(kinds_u), kind)
    kinds_u.append(_BAD_TYPE)
    # Each distinct (code, name, type) is resolved once: a million rows name a few thousand units.
    index, distinct = encoded(pa.array((given.code * len(names_u) + given.name) * len(kinds_u) + kind))
    combos = index.to_numpy(zero_copy_only=False)
    keys = distinct.to_numpy(zero_copy_only=False)  # in the order the rows first give them
    rest, kinds = np.divmod(keys, len(kinds_u))
    codes, names = np.divmod(rest, len(names_u))
    matcher = Matcher(units, choices)
    outcomes = [matcher.resolve(codes_u[c], names_u[m], kinds_u[k])
                for c, m, k in zip(codes.tolist(), names.tolist(), kinds.tolist(), strict=True)]
    _report(f, combos, outcomes, given.code != len(codes_u) - 1)
    numbers: dict[str, int] = {}
    per_combo = np.array([-1 if o.code is None else numbers.setdefault(o.code, len(numbers)) for o in outcomes])
    ids = per_combo[combos] if len(outcomes) else np.full(n, -1)
    distinct = pa.array(list(numbers), pa.string())
    return Matched(pc.take(distinct, pa.array(ids, mask=ids < 0)), ids, distinct, matcher.new_units())


def _factor(column: pa.ChunkedArray | pa.Array | None, n: int) -> tuple[np.ndarray, list[str]]:
    """Each row's index into the column's distinct texts; a blank or missing cell is the last one, ""."""
    if column is None:
        return np.zeros(n, dtype=np.int64), [""]
    index, distinct = encoded(column)
    texts = [str(u) for u in distinct.to_pylist()] + [""]
    return ints(index, len(texts) - 1), texts


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
