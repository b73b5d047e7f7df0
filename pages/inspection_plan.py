"""Kế hoạch kiểm tra — the inspection plan of a year: the units the rules propose, each with its
reasons; the committee adds or removes units with a reason and saves the plan (analysts and
admins); the annex as XLSX, PDF and CSV; and, once the year's inspections are in, plan vs done."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from common.errors import CchcError, InputError
from common.i18n import fmt_num
from common.plain import md
from metrics.years import YearStatus
from plan import Plan, export, listing
from plan.build import VsDone, add, check_year, plan_years, remove, save, vs_done
from plan.model import NOTE_MAX
from ui import data, mine, plan_data, plan_list
from ui.auth import can, ensure_entry, require
from ui.downloads import XLSX_MIME
from ui.plan_view import changes, clash, removed_list
from ui.state import initial, lang, one_of, seed, show_error, sync, tr
from ui.widgets import demo_label

MIME = {"xlsx": XLSX_MIME, "pdf": "application/pdf", "csv": "text/csv"}


def _key(year: int) -> str:
    return f"plan_edited_{year}"


def the_plan(year: int) -> Plan:
    """The plan being edited in this session, else the one saved last, else the rules' proposal."""
    edited = st.session_state.get(_key(year))
    return edited if isinstance(edited, Plan) else plan_data.current(year)


def listed(plan: Plan) -> pd.DataFrame:
    """Every unit of the plan and in scope as the list pages through (cached unless edited in this session)."""
    if _key(plan.year) in st.session_state:
        return listing.rows(plan, plan_data.facts(plan.year).units)
    return plan_data.rows(plan.year)


def status(plan: Plan) -> None:
    """Saved (who, when), proposed, or edited and not yet saved."""
    if plan.saved_by:
        st.success(tr("plan.status_saved", who=md(plan.saved_by), when=export.when(plan.saved_at, lang())),
                   icon=":material/task_alt:")
    elif _key(plan.year) in st.session_state:
        st.warning(tr("plan.status_edited"), icon=":material/edit_note:")
    else:
        st.info(tr("plan.status_proposal"), icon=":material/rule:")


def cards(plan: Plan) -> None:
    """Units in scope, the one-third floor, units planned, units the rules require."""
    lg, cols = lang(), st.columns(4)
    cols[0].metric(tr("plan.in_scope"), fmt_num(plan.in_scope, lg), border=True)
    cols[1].metric(tr("plan.floor"), fmt_num(plan.floor, lg), border=True)
    cols[2].metric(tr("plan.planned"), fmt_num(len(plan.planned), lg), border=True)
    cols[3].metric(tr("plan.required"), fmt_num(sum(u.required for u in plan.planned), lg), border=True)
    if len(plan.planned) < plan.floor:
        st.warning(tr("plan.below_floor", planned=len(plan.planned), floor=plan.floor, in_scope=plan.in_scope))


def downloads(plan: Plan) -> None:
    """The annex as XLSX, PDF and CSV, written when clicked."""
    st.caption(tr("plan.downloads"))
    cols = st.columns(3)
    for col, kind in zip(cols, ("xlsx", "pdf", "csv"), strict=True):
        col.download_button(tr(f"plan.dl_{kind}"), data=partial(export.write, plan, lang(), f".{kind}"),
                            file_name=f"{tr('plan_list.file_stem')}-{plan.year}.{kind}", mime=MIME[kind],
                            key=f"plan_dl_{kind}", on_click="ignore", icon=":material/download:")


def edit(plan: Plan, rows: pd.DataFrame, asked: listing.Query) -> None:
    """Add or remove a unit with a reason; save; discard. Analysts and admins only. The boxes offer the units
    the list's search and type filter keep (at national scale a box cannot hold 50,000 names)."""
    st.subheader(tr("plan.edit_title"))
    if not can("analyst"):
        st.caption(tr("plan.viewer_note"))
        return
    st.caption(tr("plan.edit_help"))
    left, right = st.columns(2)
    with left.form("plan_add", clear_on_submit=True, border=True):
        names = plan_list.options(rows, asked, planned=False)
        code = st.selectbox(tr("plan.add_unit"), list(names), key="plan_add_unit", format_func=names.__getitem__)
        note = st.text_input(tr("plan.note"), key="plan_add_note", max_chars=NOTE_MAX)
        if st.form_submit_button(tr("plan.add_button"), icon=":material/add:") and code:
            row = rows[rows["unit_code"] == code].iloc[0]
            _change(plan.year, lambda: add(plan, code, str(row["unit_name"]), str(row["unit_type"]), note))
    with right.form("plan_remove", clear_on_submit=True, border=True):
        labels = plan_list.options(rows, asked, planned=True)
        gone = st.selectbox(tr("plan.remove_unit"), list(labels), key="plan_remove_unit",
                            format_func=labels.__getitem__)
        note = st.text_input(tr("plan.note"), key="plan_remove_note", max_chars=NOTE_MAX)
        if st.form_submit_button(tr("plan.remove_button"), icon=":material/remove:") and gone:
            _change(plan.year, lambda: remove(plan, gone, note))
    _save_buttons(plan)


def _change(year: int, make: object) -> None:
    try:
        st.session_state[_key(year)] = make()  # type: ignore[operator]
    except CchcError as exc:
        show_error(exc)
        return
    st.rerun()


def _save(plan: Plan) -> None:
    """Save, unless someone saved another plan for the year since this one was opened: then say so and
    keep this person's plan for the comparison (nothing is dropped)."""
    who = require("analyst").name  # the role read again right before the write
    try:
        done = save(data.store(), plan, who)
    except InputError as exc:
        if exc.key != "plan.saved_meanwhile":
            raise
        st.session_state[_key(plan.year)] = plan
        st.session_state[_clash_key(plan.year)] = exc.message(lang())
        st.rerun()
    for key in (_key(plan.year), _clash_key(plan.year)):
        st.session_state.pop(key, None)
    data.after_write()
    st.session_state["plan_saved_note"] = tr("plan.saved_ok", year=plan.year, count=len(done.planned))
    st.rerun()


def _clash_key(year: int) -> str:
    return f"plan_clash_{year}"


def _discard(year: int) -> None:
    for key in (_key(year), _clash_key(year)):
        st.session_state.pop(key, None)
    st.rerun()


def _clash_step(plan: Plan) -> bool:
    """When another plan was saved meanwhile: both plans, and the person's choice; True while it stands."""
    said = st.session_state.get(_clash_key(plan.year))
    theirs = plan_data.saved(plan.year) if said else None
    if theirs is None:
        return False
    st.error(said, icon=":material/group:")
    clash(theirs, plan)
    left, right = st.columns(2)
    if left.button(tr("plan.clash_keep_mine"), type="primary", key="plan_keep_mine", icon=":material/save:"):
        _save(plan.based_on(theirs))
    if right.button(tr("plan.clash_take_theirs"), key="plan_take_theirs"):
        _discard(plan.year)
    return True


def _save_buttons(plan: Plan) -> None:
    if _clash_step(plan):
        return
    edited = _key(plan.year) in st.session_state
    if edited:  # what this person changed, against the plan as it was opened
        changes((plan_data.saved(plan.year) if plan.plan_id else None) or plan_data.proposal(plan.year), plan)
    left, right = st.columns(2)
    if left.button(tr("plan.save_button"), type="primary", key="plan_save", icon=":material/save:"):
        _save(plan)
    if edited and right.button(tr("plan.reset_button"), key="plan_reset"):
        _discard(plan.year)


def versus(plan: Plan, found: VsDone | None) -> None:
    """Planned units not inspected and inspected units not planned, once the year has inspections."""
    if found is None:
        return
    st.subheader(tr("plan.vs_title", year=plan.year))
    basis = tr("plan.vs_basis_saved") if plan.saved_by else tr("plan.vs_basis_proposal")
    st.caption(tr("plan.vs_basis", basis=basis, year=plan.year))
    names = data.unit_names([*found.planned_not_inspected, *found.inspected_not_planned])
    left, right = st.columns(2)
    for col, key, codes in ((left, "vs_planned_not_done", found.planned_not_inspected),
                            (right, "vs_done_not_planned", found.inspected_not_planned)):
        col.markdown(f"**{tr(f'plan.{key}', count=len(codes))}**")
        rows = [{tr("plan.col_code"): c, tr("plan.col_unit"): names.get(c, c)} for c in codes]
        if rows:
            col.dataframe(rows, hide_index=True, width="stretch", key=f"plan_{key}")
        else:
            col.caption(tr("plan.vs_none"))


def year_note(year: int, span: tuple[int, int]) -> None:
    """What a year not yet (fully) reported means here: the proposal rests on the years before it, and the
    plan-against-done part lists only the inspections imported so far; then what those years lack (basis_note)."""
    status = data.year_status(span)
    found = status.get(year)
    if found is None or found.reporting == 0:  # the data it rests on end with the last year reported before it
        st.info(tr("plan.year_not_started", year=year, last=_last_reported(status, year)),
                icon=":material/hourglass_empty:")
    elif not found.complete:
        st.warning(tr("plan.year_partial", year=year, k=fmt_num(found.reporting, lang()),
                      n=fmt_num(found.in_scope, lang())), icon=":material/hourglass_top:")
    basis_note(year, status, found is None or found.reporting == 0)


def _last_reported(status: dict[int, YearStatus], year: int) -> int:
    return max((y for y, s in status.items() if s.reporting and y < year), default=year - 1)


def basis_note(year: int, status: dict[int, YearStatus], not_started: bool) -> None:
    """The years a reason looks back on ("not inspected in the three years") when they end with years without
    any figures, or with one only partly reported."""
    last = _last_reported(status, year)
    if not_started and last < year - 1:
        years = str(year - 1) if last + 1 == year - 1 else f"{last + 1}–{year - 1}"
        st.warning(tr("plan_list.basis_missing", years=years), icon=":material/hourglass_empty:")
    before = status.get(year - 1)
    if before is not None and before.reporting and not before.complete:
        st.warning(tr("plan_list.basis_partial", year=year - 1, k=fmt_num(before.reporting, lang()),
                      n=fmt_num(before.in_scope, lang())), icon=":material/hourglass_top:")


def year_box(first: int, last: int) -> int:
    """The plan year in the sidebar, latest first, opening on the year being planned. Its URL parameter is
    `plan_year`, not the `year` the other pages share: a plan is for a year ahead, not the year being read."""
    years = list(range(last, first - 1, -1))
    seed("plan_year", initial("plan_year", one_of(years), last, f"{first}–{last}"))
    year = int(st.sidebar.selectbox(tr("plan.year"), years, key="plan_year"))
    sync("plan_year", year)
    return year


def header() -> tuple[int, tuple[int, int]] | None:
    """The year being planned (sidebar, URL `year`) and the title that names it; None when there are no data."""
    ensure_entry()
    require("viewer")
    span = data.year_range()
    if span is None:
        st.title(tr("plan.title"))
        st.warning(tr("ui.no_data"))
        return None
    first, last = plan_years(span)
    year = year_box(first, last)
    st.title(tr("plan.title_year", year=year))
    st.caption(tr("plan.subtitle"))
    demo_label()
    return year, (span[0], last)


def main() -> None:
    """Render the page."""
    found = header()
    if found is None:
        return
    year, span = found
    year_note(year, span)
    try:
        check_year(data.year_range(), year)
        plan = the_plan(year)
        facts = plan_data.facts(year)
    except CchcError as exc:
        show_error(exc)
        return
    if note := st.session_state.pop("plan_saved_note", None):
        st.toast(note, icon=":material/task_alt:")
    status(plan)
    cards(plan)
    working(year, mine.picker("plan"))
    versus(plan, vs_done(facts, plan))


@st.fragment
def working(year: int, me: str | None) -> None:
    """The list, the annex and the edit boxes: a search, a filter or another page of the list reruns only this
    part; an edit or a save reruns the whole page (its cards and plan vs done change too)."""
    plan = the_plan(year)
    rows = listed(plan)
    asked = units(plan, rows, me)
    downloads(plan)
    edit(plan, rows, asked)


def units(plan: Plan, rows: pd.DataFrame, me: str | None) -> listing.Query:
    """The list: search and filters, the units matching one page at a time, then those taken off; what was
    asked (the edit boxes offer the units the same search finds)."""
    st.subheader(tr("plan.list_planned", year=plan.year, count=len(plan.planned)))
    asked = plan_list.query(listing.by_status(rows))
    plan_list.paged(plan, listing.matching(rows, asked), me)
    if asked.status == "planned":
        removed_list(plan, me)
    return asked


main()
