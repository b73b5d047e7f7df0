"""Reading, checking and importing inspection files; `python -m ingest` is its command line.

`reading/` turns a file into text cells, `checking/` judges them, `run.py` puts one import together (read → check →
compare with the store → commit). Beside them, the vocabulary both sides share: `columns` (the fields and the headers
people write for them), `values` (how one cell is parsed) and `problems` (how a problem is told to a person)."""
