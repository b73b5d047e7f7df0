"""The briefing's one trip to the store: everything the briefing, its charts and the year in words
show, read once into a `report.facts.Facts` value. The writers (content, figures, summary, pdf, xlsx)
are pure functions of it, so they can be tested on a value built by hand."""

from __future__ import annotations

from collections.abc import Sequence

from common.errors import InputError, StoreError
from common.unit_types import UNIT_TYPE_CODES
from report.facts import Facts
from store import Filters, Store


def check_request(store: Store, year: int, unit_types: Sequence[str]) -> tuple[int, int]:
    """The store's year range, or an error saying why this briefing cannot be made."""
    if not store.exists():
        raise StoreError("store.missing", path=str(store.path))
    span = store.year_range()
    if span is None:
        raise InputError("report.no_data")
    if not span[0] <= year <= span[1]:
        raise InputError("report.bad_year", value=year, first=span[0], last=span[1])
    unknown = [code for code in unit_types if code not in UNIT_TYPE_CODES]
    if unknown:
        raise InputError("report.unknown_unit_type", value=unknown[0], types=", ".join(UNIT_TYPE_CODES))
    return span


def gather(store: Store, year: int, unit_types: Sequence[str] = (), trends: bool = False,
           span: tuple[int, int] | None = None) -> Facts:
    """Read what a briefing of `year` for `unit_types` (all when empty) needs; the trends only when asked.
    `span`: the store's year range, when the caller has already read it (check_request)."""
    types = tuple(c for c in UNIT_TYPE_CODES if c in unit_types)
    filters = Filters(unit_types=list(types)) if types else Filters()
    span = span or store.year_range()
    rolled = Filters(**filters, rollup=True, rollup_through=year)  # last year's units into this year's (metrics.like)
    first = (span[0] if trends else max(span[0], year - 1)) if span else year
    by_unit = store.counts(["unit_code"], (year, year), **filters).merge(
        store.units()[["unit_code", "unit_name", "unit_type"]], on="unit_code", how="left")
    return Facts(
        year=year, unit_types=types, demo=store.has_demo_data(),
        by_year=store.counts(["year"], (first, year), **filters),
        by_type=store.counts(["unit_type"], (year, year), **filters),
        by_unit=by_unit,
        rounds=store.rounds(["inspection_round"], (year, year), **filters),
        trends=store.counts(["year", "unit_type"], (first, year), **filters) if trends else None,
        rolled=store.counts(["year", "unit_code"], (year - 1, year), **rolled),
        lineage=store.lineage(),
    )
