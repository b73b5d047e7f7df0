"""The only package that imports duckdb: schema, migrations, named queries, batches, undo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from common import settings
from store import mappings, preview, reads, rollups, undo_summary, views
from store.batches import BatchMeta, Diff, Incoming, diff, write
from store.counts import COUNT_COLUMNS, GRAINS, counts_sql, rounds_sql
from store.mappings import RememberedMapping
from store.plans import SavedRow
from store.reads import Filters
from store.schema import FIGURE_COLUMNS, WRITTEN_TABLES
from store.undo import blockers, undo
from store.undo_summary import UndoSummary

if TYPE_CHECKING:  # the methods that return DataFrames load pandas (through DuckDB) when called
    import pandas as pd
    import pyarrow as pa

__all__ = ["COUNT_COLUMNS", "FIGURE_COLUMNS", "GRAINS", "WRITTEN_TABLES", "BatchMeta", "Diff", "Filters", "Incoming",
           "RememberedMapping", "SavedRow", "Store", "UndoSummary"]


class Store:
    """One DuckDB file, behind small named methods. Each write opens its own connection, in one transaction.
    Reads open and close one too, unless `warm` (the server's store): then they share the process's long-lived
    read connection (store.warm), so that DuckDB's cache outlives a read."""

    def __init__(self, path: Path | str | None = None, timeout: float | None = None, warm: bool = False) -> None:
        from store.connection import Database

        wait = settings.CCHC_LOCK_TIMEOUT.number() if timeout is None else timeout
        self.db = Database(path or settings.db_path(), wait, warm=warm)

    @property
    def path(self) -> Path:
        """The database file."""
        return self.db.path

    def exists(self) -> bool:
        """Whether the database file exists."""
        return self.db.exists()

    def _frame(self, sql: str, params: dict[str, object] | None = None) -> pd.DataFrame:
        with self.db.reading() as con:
            return reads.frame(con, sql, params)

    def _row(self, sql: str, params: dict[str, object] | None = None) -> tuple[Any, ...] | None:
        with self.db.reading() as con:
            rows = con.execute(sql, params or {}).fetchall()
            return rows[0] if rows else None

    def units(self) -> pd.DataFrame:
        """Every unit with its type, level, parent and validity period."""
        return self._frame(reads.UNITS_SQL)

    def units_arrow(self) -> pa.Table:
        """The same rows as units(), as an Arrow table: what an import without pandas needs."""
        with self.db.reading() as con:
            return reads.arrow(con, reads.UNITS_SQL)

    def lineage(self) -> pd.DataFrame:
        """Every lineage event: predecessor, successor (missing when abolished), date, kind, legal basis."""
        return self._frame(reads.LINEAGE_SQL)

    def unit_years(self, unit_codes: Sequence[str] | None = None, years: Sequence[int] | None = None) -> pd.DataFrame:
        """The yearly figures, with unit name and type, optionally for some units or years."""
        return self._frame(reads.UNIT_YEARS_SQL, {"codes": reads.listed(unit_codes), "years": reads.listed(years)})

    def unit_years_arrow(self, years: Sequence[int]) -> pa.Table:
        """The same rows as unit_years(years=years), as an Arrow table (none when `years` is empty)."""
        with self.db.reading() as con:
            return reads.arrow(con, reads.UNIT_YEARS_SQL, {"codes": None, "years": list(years) or [None]})

    def inspections(self, unit_codes: Sequence[str] | None = None, years: Sequence[int] | None = None) -> pd.DataFrame:
        """The inspections, with unit name and type, optionally for some units or years."""
        return self._frame(reads.INSPECTIONS_SQL, {"codes": reads.listed(unit_codes), "years": reads.listed(years)})

    def batches(self) -> pd.DataFrame:
        """The import history, newest first."""
        return self._frame(reads.BATCHES_SQL)

    def year_batches(self) -> pd.DataFrame:
        """Which batches the figures and inspections of each year come from."""
        return self._frame(reads.YEAR_BATCHES_SQL)

    def year_range(self) -> tuple[int, int] | None:
        """First and last year with data, or None when there is none."""
        row = self._row(reads.YEAR_RANGE_SQL)
        return None if row is None or row[0] is None else (int(row[0]), int(row[1]))

    def has_demo_data(self) -> bool:
        """Whether any batch in force comes from the illustrative demo files."""
        found = self._row("SELECT count(*) FROM import_batches WHERE is_demo AND undone_at IS NULL")
        return bool(found and found[0])

    def counts(self, by: Sequence[str], years: tuple[int, int], **filters: Unpack[Filters]) -> pd.DataFrame:
        """The counts frame behind the metrics, grouped by `by` (see store.counts)."""
        params = reads.filter_params(years[0], years[1], **filters)
        rollup = bool(params["rollup"])
        single = not rollup and ("year" in by or years[0] == years[1])  # see counts_sql
        if rollups.answers(by, years, rollup, filters.get("unit_codes")) and self._rolled_up(years):
            out = self._frame(rollups.read_sql(by), {k: params[k] for k in ("y0", "y1", "types", "levels")})
        else:
            out = self._frame(counts_sql(by, one_row_per_unit=single, rollup=rollup), params)
        for col in COUNT_COLUMNS:  # sums over no rows come back as 0, not missing
            out[col] = out[col].fillna(0).astype("int64")
        return out

    def _rolled_up(self, years: tuple[int, int]) -> bool:
        """Whether the pre-aggregated counts (store.rollups) cover these years."""
        span = self._row(rollups.SPAN_SQL)
        return span is not None and span[0] <= years[0] and years[1] <= span[1]

    def rounds(self, by: Sequence[str], years: tuple[int, int], **filters: Unpack[Filters]) -> pd.DataFrame:
        """Inspected and improved units grouped by `by`, which may include inspection_round."""
        return self._frame(rounds_sql(by), reads.filter_params(years[0], years[1], **filters))

    def version_counts(self, years: tuple[int, int], types: Sequence[str] = (),
                       levels: Sequence[str] = ()) -> pd.DataFrame:
        """Units by year and ISO version, of some unit types and levels (all when empty)."""
        params: dict[str, object] = {"y0": years[0], "y1": years[1], "types": reads.listed(types),
                                     "levels": reads.listed(levels)}
        return self._frame(views.VERSION_COUNTS_SQL, params)

    def continuity_breaks(self, years: tuple[int, int]) -> pd.DataFrame:
        """Every unit-year whose process total does not add up, with last year's total and the gap."""
        return self._frame(views.BREAKS_SQL, {"y0": years[0], "y1": years[1]})

    def first_breaks(self, years: tuple[int, int], first: int) -> tuple[pd.DataFrame, int]:
        """The first `first` of those (by year, then unit) and how many there are in all."""
        found = self._frame(views.FIRST_BREAKS_SQL, {"y0": years[0], "y1": years[1], "first": first})
        total = int(found["breaks_in_all"].iloc[0]) if len(found) else 0
        return found.drop(columns="breaks_in_all"), total

    def type_median(self, numerator: str, denominator: str, years: tuple[int, int], unit_type: str) -> pd.DataFrame:
        """Per year, the median over the units of one type of numerator ÷ denominator."""
        params = reads.filter_params(years[0], years[1], unit_types=[unit_type])
        return self._frame(views.median_sql(numerator, denominator), params)

    def find_units(self, text: str = "", limit: int = 200) -> pd.DataFrame:
        """Units whose code or name contains the text (case and accents ignored)."""
        return self._frame(views.FIND_UNITS_SQL, {"text": text.strip(), "limit": limit})

    def units_by_code(self, codes: Sequence[str]) -> pd.DataFrame:
        """The registry rows of some units."""
        return self._frame(views.UNITS_BY_CODE_SQL, {"codes": list(codes) or [""]})

    def unit_count(self) -> int:
        """How many units the registry holds."""
        row = self._row(views.UNIT_COUNT_SQL)
        return int(row[0]) if row else 0

    def preview(self, tables: Mapping[str, Incoming], new_rows: int = 0) -> Diff:
        """What importing these rows would do, without writing anything: with the rows of each table new,
        changed and unchanged, and the first `new_rows` new unit-years."""
        with self.db.connect() as con:
            found = diff(con, tables)
            found.tables = preview.table_counts(con, list(tables))
            if new_rows and "unit_years" in tables:
                found.new_rows = preview.new_rows(con, "unit_years", new_rows, "units" in tables)
            return found

    def commit(self, tables: Mapping[str, Incoming], meta: BatchMeta) -> tuple[int | None, Diff]:
        """Write the rows as one batch in one transaction; the batch id, or None when nothing changed.
        The Diff says per table how many rows were new, changed and unchanged."""
        with self.db.writing() as con:
            batch, found = write(con, tables, meta)
            if batch is None:
                found.tables = preview.table_counts(con, list(tables))
            else:
                rollups.rebuild(con)
            return batch, found

    def undo_summary(self, batch_id: int) -> UndoSummary:
        """What undoing a batch would remove and restore, and the batches that must be undone first."""
        with self.db.reading() as con:
            return undo_summary.summary(con, batch_id)

    def bulk_load(self, batches: Sequence[tuple[BatchMeta, Mapping[str, pd.DataFrame]]]) -> list[int]:
        """Fill an empty database with generated files in one transaction, one batch each (see store.bulk)."""
        from store import bulk

        with self.db.writing() as con:
            bulk.require_empty(con, str(self.path))
            loaded = bulk.load(con, batches)
            rollups.rebuild(con)
            return loaded

    def undo(self, batch_id: int, who: str) -> None:
        """Undo one batch in one transaction, or raise UndoError saying why not."""
        with self.db.writing() as con:
            undo(con, batch_id, who)
            rollups.rebuild(con)

    def undo_blockers(self, batch_id: int) -> list[int]:
        """Later batches that must be undone before this one."""
        with self.db.reading() as con:
            return blockers(con, batch_id)

    def batch_written(self, batch_id: int) -> dict[str, dict[str, int]] | None:
        """What a batch in force wrote, as the database records it: file rows (`rows`), unit-year figures
        (`unit_years`) and inspection rounds (`inspections`), each new / changed / unchanged (a table a batch
        recorded no counts for is left out); None when that batch is not in force (never written, or undone)."""
        found = self._row(
            "SELECT rows_new, rows_changed, rows_unchanged, figures_new, figures_changed, figures_unchanged, "
            "rounds_new, rounds_changed, rounds_unchanged FROM import_batches "
            "WHERE batch_id = $id AND undone_at IS NULL",
            {"id": batch_id},
        )
        if found is None:
            return None
        names = ("new", "changed", "unchanged")
        parts = {"rows": found[0:3], "unit_years": found[3:6], "inspections": found[6:9]}
        return {k: dict(zip(names, (int(v) for v in vals), strict=True)) for k, vals in parts.items()
                if all(v is not None for v in vals)}

    def saved_mapping(self, headings_key: str) -> dict[str, str] | None:
        """The column choices remembered for files with these headings (folded heading → field), or None."""
        with self.db.reading() as con:
            return mappings.saved(con, headings_key)

    def remembered_mapping(self, headings_key: str) -> mappings.RememberedMapping | None:
        """The mapping remembered for files with these headings, with who saved it and when, or None."""
        with self.db.connect() as con:
            return mappings.entry(con, headings_key)

    def remembered_mappings(self) -> list[mappings.RememberedMapping]:
        """Every remembered column mapping, the latest first (none when the database does not exist yet)."""
        if not self.exists():
            return []
        with self.db.connect() as con:
            return mappings.listed(con)

    def forget_mapping(self, headings_key: str) -> bool:
        """Forget a remembered column mapping; whether there was one."""
        with self.db.writing() as con:
            return mappings.forget(con, headings_key)

    def save_mapping(self, headings_key: str, headings: list[str], choices: dict[str, str], who: str) -> None:
        """Remember column choices for files with these headings."""
        with self.db.writing() as con:
            mappings.save(con, headings_key, headings, choices, who)

    def batch_by_sha(self, sha256: str) -> int | None:
        """The batch in force that imported a file with this content, if any."""
        found = self._row(
            "SELECT max(batch_id) FROM import_batches WHERE sha256 = $sha AND undone_at IS NULL", {"sha": sha256}
        )
        return None if found is None or found[0] is None else int(found[0])

    def plan_facts(self, year: int) -> pd.DataFrame:
        """The units in scope of `year` with their last inspection before it and last year's reorganisation."""
        from store import plans

        return self._frame(plans.PLAN_FACTS_SQL, {"year": year})

    def inspected_units(self, year: int) -> list[str]:
        """The codes of the units inspected in `year`."""
        from store import plans

        with self.db.reading() as con:
            return [str(r[0]) for r in con.execute(plans.INSPECTED_SQL, {"year": year}).fetchall()]

    def save_plan(self, year: int, who: str, rows: Sequence[SavedRow], based_on: int | None = None) -> int:
        """Save an inspection plan in one transaction (an earlier one is kept); its id. InputError when another
        plan was saved for the year since `based_on`, the saved plan (or None: none) the person started from."""
        from store import plans

        with self.db.writing() as con:
            return plans.save(con, year, who, rows, based_on)

    def saved_plan(self, year: int) -> tuple[dict[str, object], pd.DataFrame] | None:
        """The last inspection plan saved for `year` (id, who, when; its rows), or None."""
        from store import plans

        with self.db.reading() as con:
            return plans.latest(con, year)
