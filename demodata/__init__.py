"""The illustrative demo data's generator: the unit registry and lineage (units.py), each unit's yearly
figures (figures.py) and inspections (inspections.py), assembled into the yearly reports (generate.py) and
written to data/ by `python -m demodata`. Seeded, so the files are byte-identical."""
