"""Cached access to the store. Results are cached by the database file's stamp (its size and
modification time, and those of its write-ahead log), so an import from the command line or
another session is seen at the next rerun, and nothing else ever clears the cache."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar, cast

import pandas as pd
import streamlit as st

from common import settings
from metrics.years import YearStatus, latest_complete
from metrics.years import year_status as _year_status
from store import Store

Stamp = tuple[int, int, int, int]
P = ParamSpec("P")
R = TypeVar("R")


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


def _filter_key(filters: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """The keyword arguments as a hashable, order-independent cache key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in filters.items()))


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path, warm=True)  # the server's reads keep DuckDB warm (store.warm); the command lines do not


def store() -> Store:
    """The store of this server's database."""
    return _store(str(db_path()))


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(path: str, version: Stamp, query: str, _method: Callable[..., object], args: tuple[object, ...],
         kwargs: tuple[tuple[str, object], ...]) -> object:
    """One store query, cached by the query's name, its arguments and the database's stamp. st.cache_data
    leaves out parameters whose name starts with an underscore (the method) and keys a function by its own
    code, which is the same for every query: the name tells them apart. A hit returns a fresh copy, so
    callers may change what they get."""
    return _method(_store(path), *args, **dict(kwargs))


def cached(method: Callable[Concatenate[Store, P], R]) -> Callable[P, R]:
    """A Store method as a function of its own arguments on this server's database, cached until the data change."""
    query = f"{method.__module__}.{method.__qualname__}"

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return cast(R, _run(str(db_path()), stamp(), query, method, args, _filter_key(kwargs)))

    call.__doc__ = method.__doc__
    return call


# What the pages read, each the Store method of that name (its docstring says what it returns), cached.
counts = cached(Store.counts)
rounds = cached(Store.rounds)
year_range = cached(Store.year_range)
has_demo_data = cached(Store.has_demo_data)
units = cached(Store.units)
lineage = cached(Store.lineage)
batches = cached(Store.batches)
year_batches = cached(Store.year_batches)
unit_years = cached(Store.unit_years)
inspections = cached(Store.inspections)
version_counts = cached(Store.version_counts)
continuity_breaks = cached(Store.continuity_breaks)
first_breaks = cached(Store.first_breaks)
type_median = cached(Store.type_median)
find_units = cached(Store.find_units)
unit_count = cached(Store.unit_count)
_units_by_code = cached(Store.units_by_code)


def after_write() -> None:
    """Drop cached results after this process wrote (the stamp would catch it; this frees memory)."""
    st.cache_data.clear()


def units_by_code(codes: Sequence[str]) -> pd.DataFrame:
    """The registry rows of some units (one cache entry whatever the order of the codes)."""
    return _units_by_code(tuple(sorted(set(codes))))


def unit_names(codes: Sequence[str]) -> dict[str, str]:
    """Unit code → name, for these codes only (the registry may hold tens of thousands)."""
    found = units_by_code(codes)
    return dict(zip(found["unit_code"], found["unit_name"], strict=True))


def year_status(span: tuple[int, int]) -> dict[int, YearStatus]:
    """Each year's units reporting and in scope, and whether it is complete (setting CCHC_COMPLETE_SHARE)."""
    return _year_status(counts(["year"], span), settings.complete_share())


def incomplete_years(span: tuple[int, int]) -> list[int]:
    """The years of the span that too few units in scope have reported for yet."""
    return [y for y, s in year_status(span).items() if not s.complete]


def default_year(span: tuple[int, int]) -> int:
    """The year a page opens on: the latest complete year (the last year when none is complete)."""
    return latest_complete(year_status(span)) or span[1]


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(path: str, version: Stamp, year: int, lang: str) -> list[str]:
    from report.gather import gather
    from report.summary import summary

    return summary(gather(_store(path), year), lang)


def year_in_words(year: int, lang: str) -> list[str]:
    """The year in words (report.summary), cached until the data change."""
    return _summary(str(db_path()), stamp(), year, lang)

