"""Cached access to the store. Results are cached by the database file's stamp (its size and
modification time, and those of its write-ahead log), so an import from the command line or
another session is seen at the next rerun, and nothing else ever clears the cache."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from common import settings
from metrics.years import YearStatus, latest_complete
from metrics.years import year_status as _year_status
from store import Store

Stamp = tuple[int, int, int, int]


def db_path() -> Path:
    """The database this server uses."""
    return settings.db_path()


def stamp(path: Path | None = None) -> Stamp:
    """What changes whenever the database is written."""
    path = path or db_path()
    out: list[int] = []
    for p in (path, Path(f"{path}.wal")):
        try:
            info = os.stat(p)
            out += [info.st_mtime_ns, info.st_size]
        except FileNotFoundError:
            out += [0, 0]
    return out[0], out[1], out[2], out[3]


def _filter_key(filters: dict[str, object]) -> tuple:  # type: ignore[type-arg]
    """The filters as a hashable, order-independent cache key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in filters.items()))


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The store of this server's database."""
    return _store(str(db_path()))


@st.cache_data(show_spinner=False, max_entries=1024)
def _call(path: str, version: Stamp, name: str, args: tuple, kwargs: tuple) -> object:  # type: ignore[type-arg]
    """One store query, cached by its arguments and the database's stamp. (The stamp is hashed:
    st.cache_data leaves out parameters whose name starts with an underscore.) A hit returns a
    fresh copy, so callers may change what they get."""
    return getattr(_store(path), name)(*args, **dict(kwargs))


def _get(name: str, *args: object, **kwargs: object) -> object:
    return _call(str(db_path()), stamp(), name, args, _filter_key(kwargs))


def _frame(name: str, *args: object, **kwargs: object) -> pd.DataFrame:
    found = _get(name, *args, **kwargs)
    assert isinstance(found, pd.DataFrame)
    return found


def counts(by: Sequence[str], years: tuple[int, int], **filters: object) -> pd.DataFrame:
    """The counts frame (see store.counts), cached until the data change."""
    return _frame("counts", tuple(by), years, **filters)


def rounds(by: Sequence[str], years: tuple[int, int], **filters: object) -> pd.DataFrame:
    """Inspected and improved units by round, cached until the data change."""
    return _frame("rounds", tuple(by), years, **filters)


def year_range() -> tuple[int, int] | None:
    """First and last year with data."""
    found = _get("year_range")
    return found if isinstance(found, tuple) else None


def has_demo_data() -> bool:
    """Whether the illustrative demo data are loaded."""
    return bool(_get("has_demo_data"))


def units() -> pd.DataFrame:
    """All units."""
    return _frame("units")


def lineage() -> pd.DataFrame:
    """All lineage events."""
    return _frame("lineage")


def batches() -> pd.DataFrame:
    """The import history."""
    return _frame("batches")


def year_batches() -> pd.DataFrame:
    """Which import batches each year's figures and inspections come from."""
    return _frame("year_batches")


def after_write() -> None:
    """Drop cached results after this process wrote (the stamp would catch it; this frees memory)."""
    st.cache_data.clear()


def unit_years(unit_codes: Sequence[str] = (), years: Sequence[int] = ()) -> pd.DataFrame:
    """The yearly figures of some units or years (all when empty), cached until the data change."""
    return _frame("unit_years", list(unit_codes) or None, list(years) or None)


def inspections(unit_codes: Sequence[str] = (), years: Sequence[int] = ()) -> pd.DataFrame:
    """The inspections of some units or years (all when empty), cached until the data change."""
    return _frame("inspections", list(unit_codes) or None, list(years) or None)


def version_counts(years: tuple[int, int], types: Sequence[str] = (), levels: Sequence[str] = ()) -> pd.DataFrame:
    """Units by year and ISO version (DuckDB aggregates), cached until the data change."""
    return _frame("version_counts", years, tuple(types), tuple(levels))


def continuity_breaks(years: tuple[int, int]) -> pd.DataFrame:
    """The unit-years whose process total does not add up, cached until the data change."""
    return _frame("continuity_breaks", years)


def type_median(numerator: str, denominator: str, years: tuple[int, int], unit_type: str) -> pd.DataFrame:
    """Per year, the median over the units of a type of numerator ÷ denominator."""
    return _frame("type_median", numerator, denominator, years, unit_type)


def find_units(text: str, limit: int) -> pd.DataFrame:
    """Units whose code or name contains the text, at most `limit`."""
    return _frame("find_units", text, limit)


def units_by_code(codes: Sequence[str]) -> pd.DataFrame:
    """The registry rows of some units."""
    return _frame("units_by_code", tuple(sorted(set(codes))))


def unit_names(codes: Sequence[str]) -> dict[str, str]:
    """Unit code → name, for these codes only (the registry may hold tens of thousands)."""
    found = units_by_code(codes)
    return dict(zip(found["unit_code"], found["unit_name"], strict=True))


def unit_count() -> int:
    """How many units the registry holds."""
    return int(_get("unit_count"))  # type: ignore[call-overload]


def year_status(span: tuple[int, int]) -> dict[int, YearStatus]:
    """Each year's units reporting and in scope, and whether it is complete (setting CCHC_COMPLETE_SHARE)."""
    return _year_status(counts(["year"], span), settings.complete_share())


def incomplete_years(span: tuple[int, int]) -> list[int]:
    """The years of the span that too few units in scope have reported for yet."""
    return [y for y, s in year_status(span).items() if not s.complete]


def default_year(span: tuple[int, int]) -> int:
    """The year a page opens on: the latest complete year (the last year when none is complete)."""
    return latest_complete(year_status(span)) or span[1]


def plan_facts(year: int) -> pd.DataFrame:
    """The units in scope of a plan year with their last inspection (see store.plans), cached until the data change."""
    return _frame("plan_facts", year)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(path: str, version: Stamp, year: int, lang: str) -> list[str]:
    from report.summary import summary

    return summary(_store(path), year, lang)


def year_in_words(year: int, lang: str) -> list[str]:
    """The year in words (report.summary), cached until the data change."""
    return _summary(str(db_path()), stamp(), year, lang)
