"""Plotly figure builders shared by the pages and the printed briefing (no streamlit here)."""
