"""The import page's preview and undo: figures per unit and year counted apart from inspection rounds, the
new units and rows listed, and undo that says what it will do and asks first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from common.errors import CchcError
from common.i18n import fmt_num
from ingest.run import ImportReport
from ingest.template import FILE_COLUMNS
from ingest.undo_text import undo_lines
from ui import data
from ui.state import lang, show_error, tr

FIRST_ROWS = 10
_VIETNAMESE = {c.name: c.vietnamese for c in FILE_COLUMNS}


def counts(report: ImportReport) -> None:
    """Unit-year figures and inspection rounds, each new / changed / unchanged, in words."""
    st.markdown(tr("import.counts_intro", rows=fmt_num(report.rows, lang())))
    for table, prefix in (("unit_years", "fig"), ("inspections", "round")):
        found = report.counts(table)
        if found is None:
            continue
        cols = st.columns(3)
        for col, status in zip(cols, ("new", "changed", "unchanged"), strict=True):
            col.metric(tr(f"import.{prefix}_{status}"), fmt_num(found[status], lang()))


def new_units(report: ImportReport) -> None:
    """The units the import will create, by name and type."""
    if not report.new_units:
        return
    st.info(tr("import.units_created", count=len(report.new_units)), icon=":material/domain_add:")
    st.dataframe(pd.DataFrame([{tr("import.col_unit"): u["name"], tr("import.col_type"): u["type"]}
                               for u in report.new_units]), hide_index=True, width="stretch")


def new_rows(report: ImportReport) -> None:
    """The first new unit-years, all of them on request."""
    rows = None if report.diff is None else report.diff.new_rows
    if rows is None or rows.empty:
        return
    total = (report.counts("unit_years") or {}).get("new", len(rows))
    st.markdown(tr("import.new_rows", count=fmt_num(total, lang())))
    every = len(rows) > FIRST_ROWS and st.toggle(tr("import.show_all_new", count=fmt_num(len(rows), lang())),
                                                 key="show_all_new")
    shown = rows if every else rows.head(FIRST_ROWS)
    names = {c: (_VIETNAMESE.get(c, c) if lang() == "vi" else c) for c in shown.columns}
    names["source_row"] = tr("import.col_row")
    st.dataframe(shown.rename(columns=names), hide_index=True, width="stretch")


def _pick(batches: pd.DataFrame) -> int | None:
    active = batches[batches["undone_at"].isna()]["batch_id"].tolist()
    if not active:
        return None
    names = dict(zip(batches["batch_id"], batches["file_name"], strict=True))
    if st.session_state.pop("undo_reset", False):
        st.session_state.pop("undo_batch", None)  # after an undo: nothing chosen (before the widget is drawn)
    picked = st.selectbox(tr("import.undo_pick"), active, key="undo_batch", index=None,
                          placeholder=tr("import.undo_placeholder"), format_func=lambda b: f"#{b} — {names[b]}")
    return None if picked is None else int(picked)


def undo_section(batches: pd.DataFrame, who: str) -> None:
    """Choose a batch, read what undoing it does, confirm; the result stays on screen."""
    done = st.session_state.get("undo_result")
    if done:
        st.success(done, icon=":material/undo:")
    batch = _pick(batches)
    if batch is None:
        return
    summary = data.store().undo_summary(batch)
    st.markdown("\n".join(f"- {line}" for line in undo_lines(summary, lang())))
    if summary.blockers:
        return
    st.warning(tr("import.undo_confirm_text", batch=batch), icon=":material/warning:")
    if st.button(tr("import.undo_confirm", batch=batch), key="undo", type="primary"):
        try:
            data.store().undo(batch, who)
        except CchcError as exc:
            show_error(exc)
            return
        data.after_write()
        st.session_state.pop("import_done", None)
        st.session_state["undo_result"] = tr("import.undone", batch=batch)
        st.session_state["undo_reset"] = True
        st.rerun()
