"""Entry point: page config, language, sign-in, first start, navigation by role — nothing else."""

from __future__ import annotations

import streamlit as st

from auth import allows
from ui.auth import Identity, account, current, refusal_page, sign_in_navigation
from ui.bootstrap import ensure_database
from ui.boundary import guarded
from ui.carry import enter
from ui.foreign import own_words
from ui.state import tr
from ui.widgets import language_switch

st.set_page_config(page_title="ISO 9001 — CCHC Lạng Sơn", page_icon=":material/verified:", layout="wide")


def _page(path: str, key: str, icon: str, default: bool = False, url: str | None = None) -> st.Page:
    return st.Page(path, title=tr(f"nav.{key}"), icon=icon, url_path=url or key, default=default)


def _alias(path: str, key: str, icon: str) -> st.Page:
    """A page also at another address, hidden from the menu: the default page at its own name (Streamlit
    serves the default page only at the root, and answers /overview with its own English "Page not
    found"), and the briefing at /report, its address before the page was named for what it holds."""
    return st.Page(path, title=tr(f"nav.{key}"), icon=icon, url_path=key, visibility="hidden")


WRITERS = {"import": "analyst", "users": "admin"}  # pages that change data or users, by role needed


def _for_me(page: st.Page, me: Identity) -> st.Page:
    needed = WRITERS.get(page.url_path, "viewer")
    return page if allows(me.role, needed) else refusal_page(page, needed)


def _pages() -> dict[str, list[st.Page]]:
    return {
        tr("nav.section_views"): [
            _page("pages/overview.py", "overview", ":material/home:", default=True, url="tong-quan"),
            _alias("pages/overview.py", "overview", ":material/home:"),
            _page("pages/trends.py", "trends", ":material/trending_up:"),
            _page("pages/compare.py", "compare", ":material/leaderboard:"),
            _page("pages/profile.py", "profile", ":material/account_balance:"),
            _page("pages/inspection_plan.py", "plan", ":material/event_note:"),
        ],
        tr("nav.section_data"): [
            _page("pages/import_data.py", "import", ":material/upload_file:"),
            _page("pages/completeness.py", "completeness", ":material/fact_check:"),
            _page("pages/briefing.py", "report", ":material/picture_as_pdf:", url="briefing"),
            _alias("pages/briefing.py", "report", ":material/picture_as_pdf:"),
            _page("pages/users.py", "users", ":material/manage_accounts:"),
        ],
        tr("nav.section_help"): [
            _page("pages/methodology.py", "methodology", ":material/menu_book:"),
        ],
    }


def _run() -> None:
    language_switch()
    me = current()
    pages = _pages()
    if me is None:
        sign_in_navigation([page for section in pages.values() for page in section])
    elif ensure_database():
        account(me)
        page = st.navigation({section: [_for_me(p, me) for p in found] for section, found in pages.items()})
        enter(page.url_path)
        own_words()
        page.run()


guarded(_run)
