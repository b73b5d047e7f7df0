"""Người dùng — an administrator manages who may look, import and manage users. Every action
checks the administrator role again right before it writes."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from auth import ROLES, User
from common.errors import CchcError
from common.plain import md
from ui.auth import ensure_entry, require, role_label, users
from ui.state import show_error, tr


def _kind(user: User) -> str:
    return tr("auth_cli.kind_local") if user.local else tr("auth_cli.kind_idp")


def _removed(who: str) -> str:
    """Remove a user; what to say once done."""
    users().remove(who)
    return tr("users.removed", name=md(who))


def _act(action: Callable[[], str]) -> None:
    """Check the role again, do the action, say what was done (or what went wrong)."""
    require("admin")
    try:
        st.session_state["users_done"] = action()
    except CchcError as exc:
        show_error(exc)
        return
    st.rerun()


def listing(people: list[User]) -> None:
    """The users as a table (plain text: names are never interpreted)."""
    st.dataframe(
        [{tr("users.col_name"): u.name, tr("users.col_role"): role_label(u.role), tr("users.col_kind"): _kind(u)}
         for u in people],
        hide_index=True, width="stretch",
    )


def add_form() -> None:
    """Add a password user or an identity-provider account."""
    with st.form("add_user", clear_on_submit=True):
        st.subheader(tr("users.add_title"))
        name = st.text_input(tr("users.col_name"), max_chars=128)
        role = st.selectbox(tr("users.col_role"), ROLES, format_func=role_label)
        idp = st.checkbox(tr("users.idp"))
        first = st.text_input(tr("auth.password"), type="password", max_chars=256)
        again = st.text_input(tr("users.password_again"), type="password", max_chars=256)
        if not st.form_submit_button(tr("users.add_submit"), type="primary"):
            return
    if not idp and first != again:
        show_error(CchcError("auth.mismatch"))
        return
    password = None if idp else first
    _act(lambda: tr("users.added", name=md(users().add(name, role, password).name), role=role_label(role)))


def change_forms(people: list[User]) -> None:
    """Change a role, reset a password, remove a user."""
    names = [u.name for u in people]
    with st.form("role_user"):
        st.subheader(tr("users.role_title"))
        who = st.selectbox(tr("users.pick_user"), names, key="role_who")
        role = st.selectbox(tr("users.new_role"), ROLES, format_func=role_label, key="role_new")
        if st.form_submit_button(tr("users.role_submit")):
            _act(lambda: tr("users.role_done", name=md(users().set_role(who, role).name), role=role_label(role)))
    local = [u.name for u in people if u.local]
    if local:
        with st.form("reset_user", clear_on_submit=True):
            st.subheader(tr("users.reset_title"))
            who = st.selectbox(tr("users.pick_user"), local, key="reset_who")
            first = st.text_input(tr("auth.password"), type="password", max_chars=256)
            again = st.text_input(tr("users.password_again"), type="password", max_chars=256)
            if st.form_submit_button(tr("users.reset_submit")):
                if first != again:
                    show_error(CchcError("auth.mismatch"))
                else:
                    _act(lambda: tr("users.reset_done", name=md(users().reset(who, first).name)))
    with st.form("remove_user"):
        st.subheader(tr("users.remove_title"))
        who = st.selectbox(tr("users.pick_user"), names, key="remove_who")
        sure = st.checkbox(tr("users.remove_confirm"))
        if st.form_submit_button(tr("users.remove_submit")):
            if not sure:
                st.warning(tr("users.confirm_needed"))
            else:
                _act(lambda: _removed(who))


def main() -> None:
    """Render the page."""
    ensure_entry()
    require("admin")
    st.title(tr("users.title"))
    st.caption(tr("users.subtitle"))
    st.caption(tr("users.list.note"))
    done = st.session_state.pop("users_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    try:
        people = sorted(users().load().values(), key=lambda u: u.name.casefold())
    except CchcError as exc:
        show_error(exc)
        return
    if people:
        listing(people)
    else:
        st.caption(tr("users.none"))
    left, right = st.columns(2)
    with left:
        add_form()
    if people:
        with right:
            change_forms(people)


main()

