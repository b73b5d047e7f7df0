"""The floor for the page benchmark: one page with one Plotly chart of a cheap aggregate (units
reporting, by year), reading the same database through the same path as the pages (ui.data, the
counts query, its cache) and drawn with the same template. Served and timed like the dashboard,
in the same run: under AppTest (bench/page_timing.py) and in Chromium (bench/browser_timing.py)."""

import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run bench/one_chart_page.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

from charts import figures  # noqa: E402
from ui import data  # noqa: E402

st.title("Một biểu đồ / One chart")
span = data.year_range()
if span is not None:
    totals = data.counts(["year"], span)
    fig = go.Figure(go.Bar(x=totals["year"], y=totals["units_reporting"]))
    st.plotly_chart(figures.base_layout(fig, "vi", "units_reporting", False), width="stretch")
