"""The filters the view pages share, each read from and written to the URL so a copied link
reproduces the view: `years` (2010-2017) or `year`, `types`, `levels`, `rollup` (0/1),
`metric`, `units`, `unit`. A value the URL gets wrong is reported and replaced by the default.

Widget keys are `<page>_<parameter>`: each page owns its widgets, so a value chosen on one page
never stands in for the URL of another that uses the same parameter name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlencode

import streamlit as st

from common.unit_types import ADMIN_LEVELS, UNIT_TYPE_CODES, level_label, type_label
from metrics import REGISTRY, Metric, get
from store import Filters
from ui import carry, data
from ui.state import initial, lang, one_of, seed, sync, tr
from ui.widgets import year_notice


@dataclass(frozen=True)
class Scope:
    """Which units a view covers: unit types, administrative levels, rolled up or as they were."""

    types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    rollup: bool = False

    def params(self) -> Filters:
        """The keyword filters of `data.counts` and `data.rounds`."""
        return {"unit_types": list(self.types), "admin_levels": list(self.levels), "rollup": self.rollup}


def parse_span(first: int, last: int) -> Callable[[str], tuple[int, int] | None]:
    """A parser for `2010-2017` (or one year) inside first..last."""

    def parse(raw: str) -> tuple[int, int] | None:
        head, _, tail = raw.strip().partition("-")
        if not (head.isdigit() and (tail.isdigit() or not tail)):
            return None
        y0, y1 = int(head), int(tail or head)
        return (y0, y1) if first <= y0 <= y1 <= last else None

    return parse


def parse_codes(options: Sequence[str]) -> Callable[[str], list[str] | None]:
    """A parser for a comma-separated list of codes, each one of the options."""

    def parse(raw: str) -> list[str] | None:
        codes = list(dict.fromkeys(c.strip() for c in raw.split(",") if c.strip()))  # a repeated code once
        return codes if all(c in options for c in codes) else None

    return parse


def year_span(page: str, first: int, last: int) -> tuple[int, int]:
    """The year range slider (URL `years`); by default from the first year to the latest complete one."""
    if first == last:
        return first, last
    end = max(first + 1, data.default_year((first, last)))
    seed(f"{page}_years", initial("years", parse_span(first, last), (first, end), f"{first}-{last}"))
    # The seeded value is a pair, so the slider gives a pair; its overloads cannot see that through the key.
    y0, y1 = cast(tuple[int, int], st.sidebar.slider(tr("view.filters.years"), first, last, key=f"{page}_years"))
    sync("years", f"{y0}-{y1}")
    return int(y0), int(y1)


def one_year(page: str, first: int, last: int, default: int | None = None, notice: bool = True) -> int:
    """The year select box (URL `year`), latest first; with the incomplete-year notice unless the page says its own."""
    years = list(range(last, first - 1, -1))
    start = default or data.default_year((first, last))
    seed(f"{page}_year", initial("year", one_of(years), start, f"{first}–{last}"))
    labels = year_labels((first, last))
    year = int(st.sidebar.selectbox(tr("view.filters.year"), years, key=f"{page}_year",
                                    format_func=lambda y: labels.get(y, str(y))))
    sync("year", year)
    if notice:
        year_notice(year, (first, last))
    return year


def year_labels(span: tuple[int, int]) -> dict[int, str]:
    """Each year as the year lists show it: an incomplete year marked so (worked out now, in this run's language)."""
    statuses = data.year_status(span)
    return {y: str(y) if y not in statuses or statuses[y].complete else tr("view.year.incomplete", year=y)
            for y in range(span[0], span[1] + 1)}


def scope(page: str, default_types: Sequence[str] = (), with_rollup: bool = True) -> Scope:
    """Unit types, levels and the roll-up toggle in the sidebar (URL `types`, `levels`, `rollup`)."""
    types = _codes(page, "types", UNIT_TYPE_CODES, list(default_types), tr("view.filters.types"), type_label)
    levels = _codes(page, "levels", list(ADMIN_LEVELS), [], tr("view.filters.levels"), level_label)
    if not with_rollup:
        return Scope(tuple(types), tuple(levels), False)
    seed(f"{page}_rollup", initial("rollup", one_of([0, 1]), 0, "0/1") == 1)
    rollup = bool(st.sidebar.toggle(tr("view.filters.rollup"), key=f"{page}_rollup",
                                    help=tr("view.filters.rollup_help")))
    sync("rollup", int(rollup))
    return Scope(tuple(types), tuple(levels), rollup)


def _codes(page: str, name: str, options: Sequence[str], default: list[str], label: str,
           fmt: Callable[[str, str], str]) -> list[str]:
    seed(f"{page}_{name}", initial(name, parse_codes(options), default, ", ".join(options)))
    labels = {c: fmt(c, lang()) for c in options}  # now, in this run's language (see metric)
    chosen = st.sidebar.multiselect(label, list(options), key=f"{page}_{name}", format_func=lambda c: labels.get(c, c),
                                    placeholder=tr("view.filters.all"))
    sync(name, chosen)
    return list(chosen)


def metric(page: str, keys: Sequence[str], default: str) -> Metric:
    """The metric select box (URL `metric`), labelled in the interface language."""
    seed(f"{page}_metric", initial("metric", one_of(list(keys)), default, ", ".join(keys)))
    # Labels worked out now, not in format_func: AppTest calls that outside the run, in no language.
    labels = {k: get(k).label(lang()) for k in keys}
    key = st.selectbox(tr("view.filters.metric"), list(keys), key=f"{page}_metric",
                       format_func=lambda k: labels.get(k, k))
    sync("metric", key)
    return get(str(key))


def units(page: str, options: dict[str, str], default: Sequence[str]) -> list[str]:
    """Several units (URL `units`), named in the list, codes in the URL."""
    seed(f"{page}_units", initial("units", parse_codes(list(options)), list(default), tr("view.filters.unit_codes")))
    chosen = st.multiselect(tr("view.filters.units"), list(options), key=f"{page}_units",
                            format_func=lambda c: options.get(c, c), max_selections=8,
                            placeholder=tr("view.filters.pick_units"))
    sync("units", chosen)
    return list(chosen)


# Above this many units a list of all of them is itself slow (every option is formatted and
# sent on each rerun): a search box narrows it first. A province (about 150 units) stays a list.
UNIT_LIST_LIMIT = 500


def unit(page: str, default: str) -> str:
    """One unit (URL `unit`), chosen by name; with more than UNIT_LIST_LIMIT units, found by search first."""
    key, total = f"{page}_unit", data.unit_count()
    seed(key, initial("unit", _known_unit, default, tr("view.filters.unit_codes")))
    text = ""
    if total > UNIT_LIST_LIMIT:
        text = st.text_input(tr("view_scale.find_unit"), key=f"{page}_find",
                             help=tr("view_scale.find_help", total=total, limit=UNIT_LIST_LIMIT))
    found = data.find_units(text, UNIT_LIST_LIMIT)
    options = dict(zip(found["unit_code"], found["unit_name"], strict=True))
    current = str(st.session_state[key])
    if current not in options:  # the chosen unit stays in the list whatever the search shows
        options = {current: data.unit_names([current]).get(current, current), **options}
    labels = {c: f"{n} ({c})" for c, n in options.items()}
    code = st.selectbox(tr("view.filters.unit"), list(options), key=key, format_func=lambda c: labels.get(c, c))
    sync("unit", code)
    return str(code)


def _known_unit(raw: str) -> str | None:
    code = raw.strip()
    return code if code in data.unit_names([code]) else None


def switch(page: str, name: str, label: str, default: bool) -> bool:
    """A toggle kept in the URL as 0/1."""
    seed(f"{page}_{name}", initial(name, one_of([0, 1]), int(default), "0/1") == 1)
    on = bool(st.toggle(label, key=f"{page}_{name}"))
    sync(name, int(on))
    return on


def metric_link(key: str) -> str:
    """A markdown link from a metric's label to its definition on the methodology page."""
    label = get(key).label(lang()).replace("[", "(").replace("]", ")")
    return f"[{label}](methodology?{urlencode(carry.params())}#{key})"


RANKED_METRICS: tuple[str, ...] = tuple(k for k, m in REGISTRY.items() if m.better != "neutral")
