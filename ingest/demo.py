"""The demo province: the unit registry and the yearly reports in `data/`, imported through
the same code analysts use, each file a batch marked as illustrative."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from common.errors import InputError
from common.settings import ROOT
from ingest.run import ImportReport, import_file, sha256
from ingest.unit_registry import read_lineage, read_units
from store import BatchMeta, Store

DATA = ROOT / "data"
DEMO_USER = "demo"
Progress = Callable[[int, int, str], None]


def demo_files() -> list[Path]:
    """The yearly demo reports, in year order."""
    return sorted((DATA / "demo").glob("bao_cao_*.csv"))


def import_registry(store: Store, units_path: Path, lineage_path: Path, who: str, is_demo: bool) -> int | None:
    """Import the unit registry and its lineage as one batch."""
    units_data, lineage_data = units_path.read_bytes(), lineage_path.read_bytes()
    units = read_units(units_data, units_path.name)
    lineage = read_lineage(lineage_data, lineage_path.name, set(units["unit_code"]))
    name = f"{units_path.name} + {lineage_path.name}"
    meta = BatchMeta(name, sha256(units_data + lineage_data), who, len(units) + len(lineage), is_demo)
    batch, _ = store.commit({"units": units, "unit_lineage": lineage}, meta)
    return batch


def build_demo(store: Store, progress: Progress | None = None) -> list[ImportReport]:
    """Import the registry and every yearly report; stop at the first rejected file."""
    files = demo_files()
    total = len(files) + 1
    _tick(progress, 0, total, "units.csv")
    import_registry(store, DATA / "units.csv", DATA / "lineage.csv", DEMO_USER, is_demo=True)
    reports = []
    for i, path in enumerate(files, start=1):
        _tick(progress, i, total, path.name)
        report = import_file(store, path.read_bytes(), path.name, DEMO_USER, is_demo=True)
        reports.append(report)
        if not report.ok:
            raise InputError("ingest_cli.demo_rejected", file=path.name, count=len(report.errors))
    _tick(progress, total, total, "")
    return reports


def _tick(progress: Progress | None, done: int, total: int, name: str) -> None:
    if progress is not None:
        progress(done, total, name)
