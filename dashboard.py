"""Entry point: page config, language, sign-in, first start, navigation by role — nothing else."""

from __future__ import annotations

import streamlit as st

from auth import allows
from ui.auth import account, current, refusal_page, sign_in_navigation
from ui.bootstrap import ensure_database
from ui.state import tr
from ui.widgets import language_switch

st.set_page_config(page_title="ISO 9001 — CCHC Lạng Sơn", page_icon=":material/verified:", layout="wide")
language_switch()
me = current()


def _page(path: str, key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=tr(f"nav.{key}"), icon=icon, url_path=key, default=default)


WRITERS = {"import": "analyst", "users": "admin"}  # pages that change data or users, by role needed


def _for_me(page: st.Page) -> st.Page:
    needed = WRITERS.get(page.url_path, "viewer")
    return page if me is not None and allows(me.role, needed) else refusal_page(page, needed)


PAGES = {
    tr("nav.section_views"): [
        _page("pages/overview.py", "overview", ":material/home:", default=True),
        _page("pages/trends.py", "trends", ":material/trending_up:"),
        _page("pages/compare.py", "compare", ":material/leaderboard:"),
        _page("pages/profile.py", "profile", ":material/account_balance:"),
        _page("pages/plan.py", "plan", ":material/event_note:"),
    ],
    tr("nav.section_data"): [
        _page("pages/import_data.py", "import", ":material/upload_file:"),
        _page("pages/completeness.py", "completeness", ":material/fact_check:"),
        _page("pages/report.py", "report", ":material/picture_as_pdf:"),
        _page("pages/users.py", "users", ":material/manage_accounts:"),
    ],
    tr("nav.section_help"): [
        _page("pages/methodology.py", "methodology", ":material/menu_book:"),
    ],
}

if me is None:
    sign_in_navigation([page for pages in PAGES.values() for page in pages])
elif ensure_database():
    account(me)
    st.navigation({section: [_for_me(p) for p in pages] for section, pages in PAGES.items()}).run()
