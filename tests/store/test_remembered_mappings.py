"""Nothing silent between analysts: a column mapping one analyst saved is shown to the next as theirs (who,
when, what it changes) before commit, one that swaps recognised figure columns is never applied without the
analyst's word, and remembered mappings can be listed and cleared, through the store and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.demo import import_registry
from ingest.run import Decisions, import_file
from store import Store

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "tests" / "data" / "office" / "unknown_column.xlsx"  # "Số sáng kiến" is no field of ours
SWAP = {"Quy trình Loại bỏ": "processes_new", "Quy trình Viết mới": "processes_removed", "Số sáng kiến": ""}


@pytest.fixture
def registry(tmp_path: Path) -> Store:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store


def _stored(store: Store) -> dict[str, tuple[int, int]]:
    rows = store.unit_years(years=[2024]).set_index("unit_name")
    return {n: (int(r["processes_removed"]), int(r["processes_new"])) for n, r in rows.iterrows()}


def _cli(store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ingest", *args, "--db", str(store.path), "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def _swapped_by_lan(store: Store) -> None:
    """Analyst lan imports the file with two recognised figure columns swapped; the mapping is remembered."""
    assert import_file(store, FILE.read_bytes(), FILE.name, "lan", decided=Decisions(SWAP)).batch
    store.undo(int(store.batches()["batch_id"].max()), "lan")


def test_a_remembered_swap_is_not_applied_without_the_analysts_word(registry: Store) -> None:
    _swapped_by_lan(registry)
    report = import_file(registry, FILE.read_bytes(), FILE.name, "minh")
    assert not report.ok and report.batch is None
    [error] = [p for p in report.errors if p.key == "ingest.remembered_confirm"]
    for lang in ("vi", "en"):
        said = error.message(lang)
        assert "lan" in said and "“Quy trình Viết mới”: processes_new → processes_removed" in said
    assert report.remembered is not None and not report.remembered.applied
    assert dict(report.mapping)["Quy trình Viết mới"] == "processes_new"  # read plainly meanwhile
    assert registry.unit_years(years=[2024]).empty


def test_once_confirmed_the_swap_is_applied_and_said(registry: Store) -> None:
    _swapped_by_lan(registry)
    report = import_file(registry, FILE.read_bytes(), FILE.name, "minh", decided=Decisions(remembered="apply"))
    assert report.ok and report.batch
    assert any(w.key == "ingest.remembered_applied" and "lan" in w.message("en") for w in report.warnings)
    assert _stored(registry)["Sở Nội vụ"] == (10, 4)  # the file's 4 removed, 10 new, swapped as lan chose


def test_set_aside_the_file_is_read_plainly(registry: Store) -> None:
    _swapped_by_lan(registry)
    report = import_file(registry, FILE.read_bytes(), FILE.name, "minh",
                         decided=Decisions({"Số sáng kiến": ""}, remembered="ignore"))
    assert report.ok and report.batch and report.remembered is not None and report.remembered.set_aside
    assert _stored(registry)["Sở Nội vụ"] == (4, 10)


def test_a_mapping_of_unrecognised_columns_only_is_applied_but_shown_as_someone_elses(registry: Store) -> None:
    assert import_file(registry, FILE.read_bytes(), FILE.name, "lan", dry_run=False,
                       decided=Decisions({"Số sáng kiến": ""})).batch
    registry.undo(int(registry.batches()["batch_id"].max()), "lan")
    report = import_file(registry, FILE.read_bytes(), FILE.name, "minh", dry_run=True)
    assert report.ok
    [said] = [w for w in report.warnings if w.key == "ingest.remembered_applied"]
    assert "lan" in said.message("vi") and "“Số sáng kiến”: – → -" in said.message("vi")


@pytest.mark.slow
def test_the_command_line_lists_and_clears_remembered_mappings(registry: Store) -> None:
    _swapped_by_lan(registry)
    listed = _cli(registry, "--mappings", "--json")
    assert listed.returncode == 0, listed.stderr
    [entry] = json.loads(listed.stdout)
    assert entry["saved_by"] == "lan" and entry["choices"]["quy trinh viet moi"] == "processes_removed"
    text = _cli(registry, "--mappings").stdout
    assert entry["key"] in text and "lan" in text
    refused = _cli(registry, str(FILE), "--json")
    assert refused.returncode == 1 and json.loads(refused.stdout)["remembered"]["saved_by"] == "lan"
    wrong = _cli(registry, "--forget-mapping", "zzz")
    assert wrong.returncode == 2 and "--mappings" in wrong.stderr
    gone = _cli(registry, "--forget-mapping", entry["key"][:6])
    assert gone.returncode == 0 and "lan" in gone.stdout
    assert registry.remembered_mappings() == []
    assert "No column mapping is remembered." in _cli(registry, "--mappings").stdout


@pytest.mark.slow
def test_the_command_line_confirms_with_remembered_apply(registry: Store) -> None:
    _swapped_by_lan(registry)
    done = _cli(registry, str(FILE), "--remembered", "apply", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["remembered"]["applied"] is True
    assert _stored(registry)["Sở Nội vụ"] == (10, 4)
