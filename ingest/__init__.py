"""Reading, checking and importing inspection files; `python -m ingest` is its command line."""
