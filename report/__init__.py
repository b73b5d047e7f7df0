"""The committee's briefing: what it rests on read once from the store (report.gather → report.facts),
then composed by pure functions with the metrics and written as a PDF (fpdf2) or an Excel workbook
(xlsxwriter). Pure: no streamlit, no duckdb."""
