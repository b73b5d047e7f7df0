"""The plan's list, one page at a time: a search by name or code, filters by status, unit type and reason,
the count of units matching, and the page, each kept in the URL (plan_q, plan_status, plan_type, plan_reason,
plan_page) so a copied link opens the same view. At national scale (50,000 units) the page shows 50."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from common.i18n import fmt_num
from common.unit_types import UNIT_TYPE_CODES, type_label
from plan import Plan, listing
from plan.model import PlanUnit
from ui.plan_view import unit_line
from ui.state import initial, lang, one_of, seed, sync, tr

SEARCH_MAX = 100  # characters of the search box
OPTIONS_MAX = 200  # units an add or remove box offers at once; the search narrows them


def _first_page() -> None:
    """A new search or filter starts at page 1."""
    st.session_state["plan_page"] = 1


def _choice(col: DeltaGenerator, key: str, options: Sequence[str], default: str,
            label: Callable[[str], str]) -> str:
    seed(key, initial(key, one_of(options), default, ", ".join(o for o in options if o)))
    labels = {o: label(o) for o in options}  # worked out now: AppTest calls format_func outside the run
    value = str(col.selectbox(tr(f"plan_list.{key}"), options, key=key, format_func=labels.__getitem__,
                              on_change=_first_page))
    sync(key, value if value != default else "")
    return value


def query(counts: dict[str, int]) -> listing.Query:
    """The search box and the three filters, from and to the URL."""
    lg = lang()
    boxes = st.columns([2, 1, 1, 1])
    seed("plan_q", initial("plan_q", lambda raw: raw[:SEARCH_MAX], "", ""))
    text = boxes[0].text_input(tr("plan_list.plan_q"), key="plan_q", max_chars=SEARCH_MAX, on_change=_first_page,
                               placeholder=tr("plan_list.search_hint"))
    sync("plan_q", text.strip())
    status = _choice(boxes[1], "plan_status", listing.STATUSES, "planned",
                     lambda s: tr(f"plan_list.status.{s}", count=fmt_num(counts[s], lg)))
    kind = _choice(boxes[2], "plan_type", ("", *UNIT_TYPE_CODES), "",
                   lambda c: type_label(c, lg) if c else tr("plan_list.any_type"))
    reason = _choice(boxes[3], "plan_reason", ("", *listing.REASONS), "",
                     lambda r: tr(f"plan_list.reason.{r}") if r else tr("plan_list.any_reason"))
    return listing.Query(status, kind, reason, text)


def _page_number(raw: str) -> int | None:
    return int(raw) if raw.strip().isdigit() and int(raw) >= 1 else None


def _unit(row: pd.Series, units: dict[str, PlanUnit]) -> PlanUnit:
    found = units.get(str(row["unit_code"]))
    return found or PlanUnit(str(row["unit_code"]), str(row["unit_name"]), str(row["unit_type"]), ())


def _lines(shown: pd.DataFrame, plan: Plan, me: str | None) -> str:
    """The page's units as Markdown: a numbered list when the numbers follow on (the plan as the annex numbers
    it), else one paragraph per unit with its number, so a filtered list keeps the annex's numbers."""
    units = {u.unit_code: u for u in plan.units}
    numbers = [None if pd.isna(n) else int(n) for n in shown["number"]]
    items = [unit_line(_unit(row, units), me, row["status"]) for _, row in shown.iterrows()]
    start = numbers[0]
    follows = start is not None and numbers == list(range(start, start + len(numbers)))
    if follows:
        return "\n".join(f"{n}. {item}" for n, item in zip(numbers, items, strict=True))
    return "\n\n".join(f"{n}\\. {item}" if n else f"- {item}" for n, item in zip(numbers, items, strict=True))


def paged(plan: Plan, found: pd.DataFrame, me: str | None) -> None:
    """The units matching, one page at a time, with how many match and the page control under them."""
    count, lg = len(found), lang()
    last = listing.pages(count)
    seed("plan_page", initial("plan_page", _page_number, 1, f"1–{last}"))
    number = min(int(st.session_state["plan_page"]), last)
    st.session_state["plan_page"] = number
    if not count:
        st.info(tr("plan_list.none"))
        sync("plan_page", "")
        return
    shown = listing.page(found, number)
    st.markdown(_lines(shown, plan, me))
    first = (number - 1) * listing.PAGE_SIZE + 1
    st.caption(tr("plan_list.shown", first=fmt_num(first, lg), last=fmt_num(first + len(shown) - 1, lg),
                  count=fmt_num(count, lg)))
    if last > 1:
        st.columns([1, 3])[0].number_input(tr("plan_list.page", pages=fmt_num(last, lg)), min_value=1,
                                            max_value=last, step=1, key="plan_page")
    sync("plan_page", number if number > 1 else "")


def options(listed: pd.DataFrame, asked: listing.Query, planned: bool) -> dict[str, str]:
    """Code → "name (code)" of the units an edit box offers: on the plan (to take off) or not (to add), among
    those the search and the type filter keep, by code, at most OPTIONS_MAX."""
    near = listing.matching(listed, listing.Query("all", asked.unit_type, "", asked.text))
    near = near[(near["status"] == "planned") == planned].sort_values("unit_code")
    if len(near) > OPTIONS_MAX:
        st.caption(tr("plan_list.options_capped", shown=fmt_num(OPTIONS_MAX, lang()),
                      count=fmt_num(len(near), lang())))
    near = near.head(OPTIONS_MAX)
    return {str(c): f"{n} ({c})" for c, n in zip(near["unit_code"], near["unit_name"], strict=True)}
