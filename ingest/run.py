"""One import, end to end: read → check → compare with the store → commit as one batch."""

from __future__ import annotations

import hashlib
import os
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from common.errors import InputError
from ingest.checking.check import Checked, check
from ingest.checking.near import UnitChoices
from ingest.mapping import Choices, headings_key
from ingest.period import Period, apply_period
from ingest.problems import Problem
from ingest.reading.table import read_table
from ingest.remembered import Remembered, RememberingChooser, to_save
from ingest.values import parse_count
from store import BatchMeta, Diff, Store

MAX_FILE_MB = 1024  # a file named on the command line (uploads have their own, smaller limit)


@dataclass
class ImportReport:
    """What one file did (or would do): counts, problems and the batch it became."""

    file: str
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    units_created: int = 0
    new_units: list[dict[str, str]] = field(default_factory=list)  # name and type of each unit to create
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    batch: int | None = None
    previous_batch: int | None = None  # a batch in force that imported the same content
    diff: Diff | None = None
    headings: list[str] = field(default_factory=list)
    mapping: list[tuple[str, str | None]] = field(default_factory=list)  # heading → field used (None: left out)
    undecided: list[str] = field(default_factory=list)  # figure columns to map or leave out before importing
    period: Period = field(default_factory=Period)  # where the rows' year and round come from
    remembered: Remembered | None = None  # a mapping another import remembered for these headings

    @property
    def ok(self) -> bool:
        """Accepted: no errors, and every figure column decided on."""
        return not self.errors and not self.undecided

    def counts(self, table: str) -> dict[str, int] | None:
        """New, changed and unchanged rows of one table (unit_years: figures; inspections: rounds)."""
        return None if self.diff is None else self.diff.tables.get(table)

    def as_json(self, lang: str) -> dict[str, object]:
        """The report as the command line's `--json` prints it."""
        return {
            "file": self.file, "ok": self.ok, "rows": self.rows, "new": self.new,
            "changed": self.changed, "unchanged": self.unchanged, "units_created": self.units_created,
            "new_units": self.new_units,
            "mapping": dict(self.mapping), "unmapped": self.undecided,
            "figures": self.counts("unit_years"), "rounds": self.counts("inspections"),
            "errors": [p.as_json(lang) for p in self.errors],
            "warnings": [p.as_json(lang) for p in self.warnings],
            "notes": [p.as_json(lang) for p in self.notes],
            "year": self.period.year, "round": self.period.round,
            "year_from": self.period.year_from or None, "round_from": self.period.round_from or None,
            "batch": self.batch,
            "remembered": None if self.remembered is None else self.remembered.as_json(),
        }


NEW_ROWS_SHOWN = 1000  # the new unit-years a preview lists (the page shows the first ten unless asked)


def sha256(data: bytes) -> str:
    """The content hash recorded with each batch."""
    return hashlib.sha256(data).hexdigest()


def _prior(store: Store, frame: pa.Table) -> pa.Table:
    """The stored rows of the years before those the file gives (a few distinct cells, not a million)."""
    written = pc.drop_null(pc.unique(frame.column("year"))).to_pylist() if "year" in frame.column_names else []
    years = {y for y, _ in map(parse_count, written) if y is not None and 1900 < y < 3000}
    return store.unit_years_arrow(sorted(y - 1 for y in years) or [0])


def tables(checked: Checked) -> dict[str, pa.Table]:
    """The rows to write, by table, each with the file row it came from (none for new units). A column the
    file does not have is left out: the store then keeps what it holds there instead of blanking it."""
    out: dict[str, pa.Table] = {"inspections": _given(checked.inspections, checked.absent)}
    if checked.units_new.num_rows:
        units = checked.units_new
        out["units"] = units.append_column("short_name", pa.nulls(units.num_rows, pa.string())).append_column(
            "source_row", pa.nulls(units.num_rows, pa.int64()))
    if checked.unit_years is not None:
        out["unit_years"] = _given(checked.unit_years, checked.absent)
    return out


def _given(rows: pa.Table, absent: frozenset[str]) -> pa.Table:
    return rows.drop([c for c in rows.column_names if c in absent])


@dataclass(frozen=True)
class Decisions:
    """What a person decided for a file: column choices (heading → field, "" left out) and what to do with
    names close to registered units."""

    columns: Choices | None = None
    units: UnitChoices = field(default_factory=UnitChoices)
    year: int | None = None  # the rows' year when the file has no year column (wins over the title's)
    round: int | None = None  # the rows' round when the file has no round column (wins over the title's)
    remembered: str = "ask"  # a remembered mapping that changes a recognised column: ask, apply or ignore


def _read_and_check(
    store: Store, data: bytes, file_name: str, pool: ThreadPoolExecutor, decided: Decisions
) -> tuple[ImportReport, Checked, Future[str]]:
    """The report and checked rows, and the file's hash (on its way). The store's reads and the hashing let go
    of the GIL: they run on the second core while this one checks (the hash after the reading, which uses both)."""
    units = pool.submit(store.units_arrow)
    choose = RememberingChooser(store, decided.columns, decided.remembered)
    raw = read_table(data, file_name, choose)
    if choose.found:  # said before commit, whose it is and what it changes
        raw.notes.insert(0, choose.found.problem())
    period = apply_period(raw, decided.year, decided.round)
    prior = pool.submit(_prior, store, raw.frame)
    digest = pool.submit(sha256, data)
    checked = check(raw, units.result(), prior, choices=decided.units)
    report = ImportReport(
        file=file_name, rows=checked.rows_read, errors=checked.errors, warnings=checked.warnings,
        notes=[p for p in checked.problems if p.severity == "note"],
        new_units=_new_units(checked), headings=raw.headings, mapping=raw.columns, undecided=raw.undecided,
        period=period, remembered=choose.found,
    )
    return report, checked, digest


def _new_units(checked: Checked) -> list[dict[str, str]]:
    names, kinds = (checked.units_new.column(c).to_pylist() for c in ("unit_name", "unit_type"))
    return [{"name": str(name), "type": str(kind)} for name, kind in zip(names, kinds, strict=True)]


def inspect(store: Store, data: bytes, file_name: str, decided: Decisions | None = None
            ) -> tuple[ImportReport, Checked]:
    """Read and check a file and compare it with the store, writing nothing."""
    with ThreadPoolExecutor(1) as pool:
        report, checked, digest = _read_and_check(store, data, file_name, pool, decided or Decisions())
        if checked.ok:
            _count(report, store.preview(tables(checked), NEW_ROWS_SHOWN))
            report.previous_batch = store.batch_by_sha(digest.result())
    return report, checked


def _count(report: ImportReport, diff: Diff) -> None:
    report.new, report.changed, report.unchanged = diff.new, diff.changed, diff.unchanged
    report.units_created = diff.units_created
    report.diff = diff


def import_file(
    store: Store, data: bytes, file_name: str, who: str, dry_run: bool = False, is_demo: bool = False,
    decided: Decisions | None = None,
) -> ImportReport:
    """Import one file as one batch; nothing is written when it has errors, an undecided figure column, or
    changes nothing. A person's column choices are remembered for files with the same headings."""
    # A commit compares with the store itself, under the writers' lock: no separate preview first.
    decided = decided or Decisions()
    if dry_run:
        return inspect(store, data, file_name, decided)[0]
    with ThreadPoolExecutor(1) as pool:
        report, checked, digest = _read_and_check(store, data, file_name, pool, decided)
        if not report.ok:
            return report
        meta = BatchMeta(file_name, digest.result(), who, checked.rows_read, is_demo, report.period.year,
                         report.period.round)
    report.batch, found = store.commit(tables(checked), meta)
    _count(report, found)
    if decided.columns:
        store.save_mapping(headings_key(report.headings), report.headings, to_save(report.remembered, decided.columns),
                           who)
    return report


def require_bytes(path: str) -> bytes:
    """The bytes of a file named on the command line, or an InputError saying why not: only a regular
    file (a device such as /dev/zero or a pipe would be read forever), of at most MAX_FILE_MB."""
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError("ingest_cli.not_a_file", file=path)
            data = handle.read(MAX_FILE_MB * 1024 * 1024 + 1)
    except FileNotFoundError as exc:
        raise InputError("ingest_cli.not_found", file=path) from exc
    except (IsADirectoryError, PermissionError, OSError) as exc:
        raise InputError("ingest_cli.cannot_read", file=path, detail=exc.strerror or str(exc)) from exc
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise InputError("ingest_cli.file_too_big", file=path, limit_mb=MAX_FILE_MB)
    return data
