"""The illustrative demo data's generator: the unit registry and lineage (units.py) and the yearly
reports (generate.py), written to data/ by `python -m demodata`. Seeded, so the files are byte-identical."""
