"""The UI's cache of store queries (ui.data): every Store method it wraps keeps its own entries, and a hit
hands back a copy the caller may change."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui import data


@pytest.fixture
def demo(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CCHC_DB", str(demo_db))
    return demo_db


def test_two_queries_called_with_equal_arguments_do_not_share_an_entry(demo: Path) -> None:
    figures = data.unit_years(years=[2017])
    rounds = data.inspections(years=[2017])
    assert "steps_before" in figures.columns and "steps_before" not in rounds.columns
    assert "inspection_round" in rounds.columns and "inspection_round" not in figures.columns
    assert "unit_name" in data.units().columns and "unit_name" not in data.lineage().columns


def test_a_hit_returns_the_same_rows_as_a_fresh_copy(demo: Path) -> None:
    first = data.units()
    first.loc[:, "unit_name"] = "changed by the caller"
    again = data.units()
    assert len(again) == len(first) and not (again["unit_name"] == "changed by the caller").any()


def test_the_server_reads_through_its_long_lived_connection(demo: Path) -> None:
    """The pages' store keeps DuckDB warm (store.warm); the command lines' stores do not (test_warm_reads)."""
    data.units()
    reads = data.store().db.reads()
    assert reads.is_open and reads.opened >= 1
