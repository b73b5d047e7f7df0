"""The committee's briefing: its content gathered from the store and the metrics, written as a
PDF (fpdf2) or an Excel workbook (xlsxwriter). Pure: no streamlit, no duckdb."""
