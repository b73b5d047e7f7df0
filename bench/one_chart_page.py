"""The floor for the page benchmark: the dashboard's shell (page config, language switch, sign-in,
navigation) around one page that draws one Plotly chart of a cheap aggregate (units reporting, by
year). It reads the same database through the same path as the pages (page_start, ui.data, the
counts query, its cache) and draws with the same template. Served and timed like the dashboard, in
the same run: under AppTest (bench/page_timing.py) and in Chromium (bench/browser_timing.py)."""

import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run bench/one_chart_page.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

from charts import base  # noqa: E402
from ui import data  # noqa: E402
from ui.auth import account, current  # noqa: E402
from ui.bootstrap import ensure_database  # noqa: E402
from ui.state import lang  # noqa: E402
from ui.widgets import language_switch, page_start  # noqa: E402

st.set_page_config(page_title="ISO 9001 — CCHC Lạng Sơn", page_icon=":material/verified:", layout="wide")


def one_chart() -> None:
    """Title, subtitle, then units reporting by year as bars."""
    span = page_start("nav.overview")
    if span is not None:
        totals = data.counts(["year"], span)
        fig = go.Figure(go.Bar(x=totals["year"], y=totals["units_reporting"]))
        st.plotly_chart(base.base_layout(fig, lang(), "units_reporting", False), width="stretch")


language_switch()
me = current()
if me is not None and ensure_database():
    account(me)
    st.navigation([st.Page(one_chart, title="one chart", url_path="one-chart", default=True)]).run()
