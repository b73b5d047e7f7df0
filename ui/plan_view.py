"""How the plan page shows a plan: every unit with its reasons wrapped and its status as a badge (no scrolling
frame, readable at 390 px), the changes not yet saved, and two plans side by side when someone saved another
while this person was editing."""

from __future__ import annotations

import streamlit as st

from common.plain import md
from common.unit_types import type_label
from plan import Plan
from plan.model import COMMITTEE_ADDED, PlanUnit, TwoPlans
from ui.mine import MARK
from ui.state import lang, tr


def _name(u: PlanUnit, me: str | None) -> str:
    return (MARK if u.unit_code == me else "") + md(u.unit_name)


def _badges(u: PlanUnit, status: str = "") -> str:
    if status == "not_planned":
        return f":gray-badge[{tr('plan_list.not_planned')}]"
    if not u.included:
        return f":gray-badge[{tr('plan.taken_off')}]"
    if any(r.code == COMMITTEE_ADDED for r in u.reasons):
        return f":blue-badge[{tr('plan.badge_added')}]"
    return f":orange-badge[{tr('plan.badge_required')}]" if u.required else f":green-badge[{tr('plan.kept')}]"


def unit_line(u: PlanUnit, me: str | None = None, status: str = "") -> str:
    """One unit as a Markdown list item's text: name, code, type and status, then why (reasons or note);
    `status` "not_planned" for a unit in scope the plan leaves out (no reason to give)."""
    kind = type_label(u.unit_type, lang()) if u.unit_type else ""
    head = " · ".join(x for x in (f"**{_name(u, me)}**", md(u.unit_code), md(kind)) if x)
    why = md(u.note or "") if not u.included else "; ".join(md(r.text(lang())) for r in u.reasons)
    return f"{head} {_badges(u, status)}" + (f"  \n{why}" if why else "")


def removed_list(plan: Plan, me: str | None) -> None:
    """The units the committee took off, with its reason (few: each is a decision someone wrote down)."""
    if plan.removed:
        st.subheader(tr("plan.list_removed", count=len(plan.removed)))
        st.markdown("\n".join(f"- {unit_line(u, me)}" for u in plan.removed))


def changes(before: Plan, after: Plan) -> None:
    """The units added and taken off since the plan was opened, each with the committee's reason."""
    found = TwoPlans.of(before, after)
    gone = [u for u in after.removed if u.unit_code not in {x.unit_code for x in before.removed}]
    lines = [tr("plan.change_added", unit=md(u.unit_name), note=md(u.note or "")) for u in found.only_mine]
    lines += [tr("plan.change_removed", unit=md(u.unit_name), note=md(u.note or "")) for u in gone]
    if lines:
        st.warning("\n".join([f"**{tr('plan.changes_title')}**", *(f"- {x}" for x in lines)]),
                   icon=":material/edit_note:")


def _said(u: PlanUnit) -> str:
    return f"“{md(u.note)}”" if u.note else "–"


def clash(theirs: Plan, mine: Plan) -> None:
    """The plan saved meanwhile and one's own, by their differences, side by side (stacked on a phone)."""
    found = TwoPlans.of(theirs, mine)
    if found.same:
        st.info(tr("plan.clash_same"))
        return
    left, right = st.columns(2)
    sides = ((left, "plan.clash_theirs", found.only_theirs), (right, "plan.clash_mine", found.only_mine))
    for col, key, units in sides:
        col.markdown(f"**{tr(key, who=md(theirs.saved_by or ''), count=len(units))}**")
        col.markdown("\n".join(f"- {unit_line(u)}" for u in units) or tr("plan.vs_none"))
    if found.noted_apart:
        st.markdown(f"**{tr('plan.clash_notes', count=len(found.noted_apart))}**")
        st.markdown("\n".join(f"- {md(a.unit_name)}: {_said(a)} ↔ {_said(b)}" for a, b in found.noted_apart))
