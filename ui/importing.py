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
    return tuple(sorted((decided.columns or {}).items())), tuple(sorted(decided.units.names.items()))


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
        report.new, report.changed = written
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


HISTORY_COLUMNS = ("batch_id", "file_name", "imported_by", "imported_at", "rows_read", "rows_new",
                   "rows_changed", "rows_unchanged", "units_created", "is_demo")


def history_frame(batches: pd.DataFrame) -> pd.DataFrame:
    """The import history with headers in the user's language and dates as dd/mm/yyyy hh:mm; second, its status:
    in force, or undone when and by whom (in capitals: an undone batch must not read as a live one)."""
    out = batches[list(HISTORY_COLUMNS)].copy()
    out["imported_at"] = pd.to_datetime(out["imported_at"]).dt.strftime("%d/%m/%Y %H:%M").fillna("")
    undone_at = pd.to_datetime(batches["undone_at"]).dt.strftime("%d/%m/%Y %H:%M")
    status = [tr("import.history_status.live") if pd.isna(at) else
              tr("import.history_status.undone", at=at, who=who if isinstance(who, str) and who else "–")
              for at, who in zip(undone_at, batches["undone_by"], strict=True)]
    out.insert(1, "status", status)
    out["is_demo"] = out["is_demo"].map({True: tr("import.yes"), False: tr("import.no")})
    names = {c: tr(f"import.h_{c}") for c in HISTORY_COLUMNS}
    return out.rename(columns={**names, "status": tr("import.history_status.title")})
