"""The floor for the page benchmark: a one-line Streamlit page, served and timed like the dashboard."""

import streamlit as st

st.title("ok")
