"""Checking a read table: typed columns cell by cell (cells), which unit each row is about (match, near), rules across
rows and years (rules, jumps), collected as problems for the offending cells only (findings). `check.check` is the one
entry point. A new rule goes here; checking never opens a file."""
