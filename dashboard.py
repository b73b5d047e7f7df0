"""Entry point: page config, language, first start, navigation — nothing else."""

from __future__ import annotations

import streamlit as st

from ui.bootstrap import ensure_database
from ui.state import tr
from ui.widgets import language_switch

st.set_page_config(page_title="ISO 9001 — CCHC Lạng Sơn", page_icon=":material/verified:", layout="wide")
language_switch()


def _page(path: str, key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=tr(f"nav.{key}"), icon=icon, url_path=key, default=default)


PAGES = {
    tr("nav.section_views"): [
        _page("pages/overview.py", "overview", ":material/home:", default=True),
        _page("pages/trends.py", "trends", ":material/trending_up:"),
        _page("pages/compare.py", "compare", ":material/leaderboard:"),
        _page("pages/profile.py", "profile", ":material/account_balance:"),
    ],
    tr("nav.section_data"): [
        _page("pages/import_data.py", "import", ":material/upload_file:"),
        _page("pages/completeness.py", "completeness", ":material/fact_check:"),
        _page("pages/report.py", "report", ":material/picture_as_pdf:"),
    ],
    tr("nav.section_help"): [
        _page("pages/methodology.py", "methodology", ":material/menu_book:"),
    ],
}

if ensure_database():
    st.navigation({k: v for k, v in PAGES.items() if v}).run()
