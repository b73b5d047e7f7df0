"""A figure is never dropped silently, and a unit name close to a registered one never becomes a new unit
by default: the official form with an unknown figure column and with near-miss names, through the command
line as a person runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.checking.near import THRESHOLD, NearNames
from ingest.demo import import_registry
from store import Store

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "tests" / "data" / "office"


@pytest.fixture
def registry(tmp_path: Path) -> Store:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store


def _cli(store: Store, name: str, *extra: str) -> tuple[int, dict[str, Any]]:  # the --json answer, as parsed
    run = subprocess.run([sys.executable, "-m", "ingest", str(OFFICE / name), "--json", "--lang", "en",
                          "--db", str(store.path), *extra], cwd=ROOT, capture_output=True, text=True, check=False)
    return run.returncode, json.loads(run.stdout)


@pytest.mark.slow
def test_an_unknown_figure_column_is_refused_until_mapped(registry: Store) -> None:
    code, out = _cli(registry, "unknown_column.xlsx")
    assert code == 1 and not out["ok"] and out["batch"] is None
    assert out["unmapped"] == ["Số sáng kiến"]
    assert any("Số sáng kiến" in w["message"] for w in out["warnings"])
    assert registry.unit_years(years=[2024]).empty


@pytest.mark.slow
def test_map_reads_the_column_as_the_field_named(registry: Store) -> None:
    code, out = _cli(registry, "unknown_column.xlsx", "--map", "Số sáng kiến=processes_new",
                     "--map", "Quy trình Viết mới=-")
    assert code == 0 and out["ok"], out
    assert out["mapping"]["Số sáng kiến"] == "processes_new"
    assert out["mapping"]["Quy trình Viết mới"] is None
    stored = registry.unit_years(years=[2024]).set_index("unit_name")["processes_new"].to_dict()
    assert stored == {"Sở Nội vụ": 3, "Sở Tư pháp": 4, "Sở Tài chính": 5, "Sở Xây dựng": 6,
                      "Sở Giáo dục và Đào tạo": 7}


@pytest.mark.slow
def test_a_mapping_is_remembered_for_files_with_the_same_headings(registry: Store) -> None:
    assert _cli(registry, "unknown_column.xlsx", "--map", "Số sáng kiến=-", "--dry-run")[0] == 0
    assert _cli(registry, "unknown_column.xlsx")[0] == 1  # a dry run remembers nothing
    assert _cli(registry, "unknown_column.xlsx", "--map", "Số sáng kiến=-")[0] == 0
    registry.undo(int(registry.batches()["batch_id"].max()), "test")
    code, out = _cli(registry, "unknown_column.xlsx")
    assert code == 0 and out["mapping"]["Số sáng kiến"] is None
    assert any("saved" in w["message"] for w in out["warnings"])  # whose mapping, said before commit


@pytest.mark.slow
def test_a_bad_field_in_map_is_a_message() -> None:
    run = subprocess.run([sys.executable, "-m", "ingest", str(OFFICE / "unknown_column.xlsx"), "--lang", "en",
                          "--map", "Số sáng kiến=innovations", "--dry-run"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 2 and "innovations" in run.stderr and "processes_total" in run.stderr


@pytest.mark.slow
def test_near_miss_names_are_refused_with_the_registered_name(registry: Store) -> None:
    code, out = _cli(registry, "near_miss.xlsx")
    assert code == 1 and out["units_created"] == 0
    messages = [e["message"] for e in out["errors"]]
    assert any("Sở Tư pháp (LS-STP)" in m and "Sở Tư Phap" in m for m in messages)
    assert any("Sở Giáo dục và Đào tạo (LS-SGDDT)" in m for m in messages)
    assert registry.unit_years(years=[2024]).empty


@pytest.mark.slow
def test_accept_suggestions_uses_the_registered_units(registry: Store) -> None:
    code, out = _cli(registry, "near_miss.xlsx", "--accept-suggestions")
    assert code == 0 and out["units_created"] == 0 and out["new_units"] == []
    names = set(registry.unit_years(years=[2024])["unit_name"])
    assert {"Sở Tư pháp", "Sở Giáo dục và Đào tạo"} <= names


@pytest.mark.slow
def test_create_units_creates_them_and_lists_them(registry: Store) -> None:
    code, out = _cli(registry, "near_miss.xlsx", "--create-units")
    assert code == 0 and out["units_created"] == 2
    assert {u["name"] for u in out["new_units"]} == {"Sở Tư Phap", "Sở Giáo dục và Đạo tạo"}


def test_the_threshold_keeps_the_real_units_apart() -> None:
    """No unit of the real list is suggested for another of its type; one-letter slips are."""
    import csv

    with (ROOT / "tests" / "data" / "units_langson.csv").open(encoding="utf-8") as handle:  # the real list
        rows = list(csv.DictReader(handle))
    units = [(r["unit_code"], r["name_vi"], r["unit_type"]) for r in rows]
    for code, name, kind in units:
        others = NearNames([u for u in units if u[0] != code])
        assert others.suggest(name, kind) is None, (name, THRESHOLD)
    near = NearNames(units)
    assert near.suggest("Sở Tài chánh", "co_quan_chuyen_mon_tinh") == ("LS-STC", "Sở Tài chính")
    assert near.suggest("Sở Tư Phap", "co_quan_chuyen_mon_tinh") == ("LS-STP", "Sở Tư pháp")


def test_names_that_differ_by_a_word_letter_or_number_are_not_slips() -> None:
    import csv

    with (ROOT / "data" / "units.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    units = [(r["unit_code"], r["unit_name"], r["unit_type"]) for r in rows]
    for code, name, kind in units:
        others = NearNames([u for u in units if u[0] != code and u[1] != name])
        assert others.suggest(name, kind) is None, name
    near = NearNames([("A100", "Đơn vị A 100", "x"), ("P1", "UBND phường 1", "x")])
    assert near.suggest("Đơn vị B 100", "x") is None and near.suggest("UBND phường 2", "x") is None


def test_a_column_of_figures_without_a_heading_is_not_dropped_either() -> None:
    from ingest.reading.table import read_table

    text = "Mã đơn vị,Năm,Số quy trình,,\nLS-SNV,2017,4,7,1\nLS-STP,2017,5,8,2\n".encode()
    raw = read_table(text, "x.csv")
    assert raw.undecided == ["#4"]  # the fifth column numbers the rows: left out with a note, as an STT
    mapped = read_table(text, "x.csv", {"#4": "processes_new"})
    assert mapped.undecided == [] and mapped.frame.column("processes_new").to_pylist() == ["7", "8"]
