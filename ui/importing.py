"""The import page's pieces: the upload's inspection kept per file content, so that Streamlit's
reruns with the same upload never read, check or import it twice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.errors import StoreError
from ingest.problems import Problem
from ingest.run import Decisions, ImportReport, import_file, inspect, sha256
from ingest.template import FILE_COLUMNS
from ui import data
from ui.auth import require
from ui.state import lang, tr


def who() -> str:
    """The person importing, as recorded with each batch; stops the page unless they are an
    analyst (checked again right before every write)."""
    return require("analyst").name


def _decided_key(decided: Decisions | None) -> tuple[object, ...]:
    if decided is None:
        return ()
    return (tuple(sorted((decided.columns or {}).items())), tuple(sorted(decided.units.names.items())),
            decided.year, decided.round, decided.remembered)


def inspected(content: bytes, name: str, decided: Decisions | None = None) -> ImportReport:
    """The report for this content and these choices, computed once per content, choices and database state."""
    key = ("inspect", sha256(content), data.stamp(), _decided_key(decided))
    cache = st.session_state.setdefault("import_cache", {})
    if key not in cache:
        if len(cache) > 8:
            cache.clear()
        cache[key] = inspect(data.store(), content, name, decided)[0]
    report: ImportReport = cache[key]
    return report


def commit(content: bytes, name: str, decided: Decisions | None = None) -> ImportReport:
    """Import the content once, and say what the database holds of it. A second click with the same
    file shows the same batch while it is in force; once it was undone (here, on the command line or in
    another session), the file is imported again. The store compares again under its lock, so a second
    session with the same file writes nothing the second time."""
    done = st.session_state.setdefault("import_done", {})
    digest = sha256(content)
    report: ImportReport | None = done.get(digest)
    if report is None or (report.batch and data.store().batch_written(report.batch) is None):
        report = import_file(data.store(), content, name, who(), decided=decided)
        data.after_write()
        done[digest] = report
    if report.batch:
        written = data.store().batch_written(report.batch)
        if written is None:  # undone between the write and this line: nothing of it is in force
            done.pop(digest, None)
            raise StoreError("import.not_in_force", batch=report.batch)
        _as_recorded(report, written)
    return report


def _as_recorded(report: ImportReport, written: dict[str, dict[str, int]]) -> None:
    """The report's counts as the history records them, so that the banner and the history say the same."""
    rows = written["rows"]
    report.new, report.changed, report.unchanged = rows["new"], rows["changed"], rows["unchanged"]
    if report.diff is not None:
        report.diff.tables.update({k: v for k, v in written.items() if k != "rows"})


def committed(content: bytes) -> ImportReport | None:
    """The import this session made of this content, while its batch is in force (None otherwise)."""
    report: ImportReport | None = st.session_state.get("import_done", {}).get(sha256(content))
    if report is None or not report.batch:
        return None
    written = data.store().batch_written(report.batch)
    if written is None:
        return None
    _as_recorded(report, written)
    return report


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table a person reads: row, column, value, message."""
    rows = [
        {tr("import.col_row"): "–" if p.row is None else str(p.row), tr("import.col_column"): p.column or "",
         tr("import.col_value"): p.value or "", tr("import.col_message"): p.message(lang())}
        for p in problems
    ]
    return pd.DataFrame(rows, columns=[tr("import.col_row"), tr("import.col_column"),
                                       tr("import.col_value"), tr("import.col_message")])


def _cell_text(values: pd.Series) -> pd.Series:
    words = {"true": tr("import.yes"), "false": tr("import.no")}
    return values.map(lambda v: "∅" if pd.isna(v) else words.get(str(v), str(v)))


def _header(column: str) -> str:
    found = {c.name: c.vietnamese for c in FILE_COLUMNS}
    return found.get(column, column) if lang() == "vi" else column


def cells_frame(report: ImportReport) -> pd.DataFrame:
    """Each changed cell as old → new, with the file row it comes from, in the user's words."""
    if report.diff is None or report.diff.cells.empty:
        return pd.DataFrame()
    cells = report.diff.cells
    return pd.DataFrame({
        tr("import.col_row"): cells["source_row"],
        tr("import.col_key"): cells["key"],
        tr("import.col_column"): cells["column"].map(_header),
        tr("import.col_change"): _cell_text(cells["old"]) + " → " + _cell_text(cells["new"]),
    })
