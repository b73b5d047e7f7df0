"""Nhập dữ liệu — analysts upload inspection files: checked, previewed, committed whole, undoable."""

from __future__ import annotations

import streamlit as st

from common import settings
from common.errors import CchcError
from common.i18n import fmt_num
from common.plain import md
from ingest.reading.formats import upload_extensions
from ingest.run import Decisions, ImportReport, sha256
from ingest.template import FILE_COLUMNS, blank_form_xlsx, template_csv, template_xlsx
from ui import data
from ui.auth import ensure_entry, require
from ui.import_history import history
from ui.import_period import period_step, with_period
from ui.import_preview import counts, new_rows, new_units, undo_section
from ui.import_remembered import choice as remembered_choice
from ui.import_remembered import section as remembered_section
from ui.import_steps import ANSWERED_ABOVE, decisions, mapping_step, unit_step
from ui.importing import cells_frame, commit, committed, inspected, problems_frame, who
from ui.state import lang, show_error, tr
from ui.widgets import uploader_texts


def file_format() -> None:
    """What a file must look like, and the templates."""
    with st.expander(tr("import.format_title")):
        st.markdown(tr("import_period.template_title"))
        st.download_button(tr("import_period.template_form"), blank_form_xlsx(), "bieu_mau_kiem_tra_iso.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="blank_form")
        st.markdown(tr("import.format_intro"))
        st.dataframe(
            [{tr("import.col_canonical"): c.name, tr("import.col_vietnamese"): c.vietnamese,
              tr("import.col_notes"): c.note(lang())} for c in FILE_COLUMNS],
            hide_index=True, width="stretch",
        )
        left, right = st.columns(2)
        left.download_button(tr("import.template_csv"), template_csv(), "mau_kiem_tra_iso.csv", "text/csv")
        right.download_button(tr("import.template_xlsx"), template_xlsx(), "mau_kiem_tra_iso.xlsx",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def show_report(report: ImportReport) -> None:
    """Rows read, errors, warnings and notes, each with its place in the file."""
    # a year nobody gave is asked for in the step above: no cell of the file is at fault
    errors = [p for p in report.errors if p.key != "ingest.no_year_column"]
    if errors:
        pending = all(p.key in ANSWERED_ABOVE for p in errors)  # answered in the steps above
        waiting = all(p.key == "ingest.remembered_confirm" for p in errors)
        key = "import.remembered_pending" if waiting else "import.near_pending" if pending else "import.rejected"
        st.error(tr(key, errors=len(errors), rows=report.rows), icon=":material/block:")
        st.dataframe(problems_frame(errors), hide_index=True, width="stretch")
    if report.undecided:
        st.error(tr("import.undecided", columns=", ".join(f"“{c}”" for c in report.undecided)),
                 icon=":material/block:")
    if report.warnings:
        key = "import.warnings_listed" if report.undecided or report.errors else "import.warnings"
        st.warning(tr(key, count=len(report.warnings)), icon=":material/warning:")
        st.dataframe(problems_frame(report.warnings), hide_index=True, width="stretch")
    if report.notes:
        with st.expander(tr("import.notes", count=len(report.notes))):
            st.dataframe(problems_frame(report.notes), hide_index=True, width="stretch")


def preview(report: ImportReport) -> None:
    """Figures and rounds new, changed and unchanged; the new units and rows; each changed cell as old → new."""
    counts(report)
    new_units(report)
    new_rows(report)
    cells = cells_frame(report)
    if not cells.empty:
        st.markdown(tr("import.changed_cells"))
        st.dataframe(cells, hide_index=True, width="stretch")
    if report.previous_batch:
        st.info(tr("import.same_file", batch=report.previous_batch))


def _uploader_key() -> str:
    """The uploader's key: a new one after "Import another file", which empties it."""
    turn = int(st.session_state.get("upload_turn", 0))
    return "upload" if turn == 0 else f"upload_{turn}"


def upload_section() -> None:
    """Upload → check → preview → commit; after the commit, its result and the way to the next file."""
    limit = int(settings.CCHC_MAX_UPLOAD_MB.get())
    uploader_texts(limit, upload_extensions())
    upload = st.file_uploader(tr("import.upload"), type=upload_extensions(), key=_uploader_key(),
                              help=tr("import.upload_help", mb=limit), max_upload_size=limit)
    if upload is None:
        return
    content = upload.getvalue()
    if len(content) > limit * 1024 * 1024:  # the widget's limit is the browser's; this is the server's
        st.error(tr("auth.too_large", file=md(upload.name), mb=fmt_num(len(content) / 2**20, lang(), 1), limit=limit))
        return
    done = committed(content)
    if done is not None:
        result(done)
        return
    try:
        # the file as read, with the analyst's word on a remembered mapping (the steps below start from it)
        use = remembered_choice(inspected(content, upload.name), sha256(content))
        auto = inspected(content, upload.name, Decisions(remembered=use))
        period_step(auto, sha256(content))
        mapping_step(auto, sha256(content))
        unit_step(auto, sha256(content))
        decided = with_period(decisions(auto, sha256(content)), auto, sha256(content))
        asked = (decided.columns or decided.units.names or decided.remembered != "ask" or decided.year
                 or decided.round)
        report = inspected(content, upload.name, decided) if asked else auto
    except CchcError as exc:
        show_error(exc)
        return
    show_report(report)
    if not report.ok:
        return
    preview(report)
    if report.new + report.changed == 0:
        st.success(tr("import.nothing_to_do"), icon=":material/check_circle:")
        return
    if st.button(tr("import.commit", who=md(who())), type="primary", key="commit"):
        done = commit(content, upload.name, decided)
        if not done.batch:
            st.info(tr("import.nothing_to_do"))
            return
        st.rerun()  # the result replaces the preview and its button: no second click


def result(done: ImportReport) -> None:
    """What the commit wrote, in the preview's words and as the history records it, and the way to the next file."""
    none = {"new": 0, "changed": 0, "unchanged": 0}
    figures, rounds = (done.counts(table) or none for table in ("unit_years", "inspections"))
    st.success(tr("import_period.committed", batch=done.batch, fn=fmt_num(figures["new"], lang()),
                  fc=fmt_num(figures["changed"], lang()), fu=fmt_num(figures["unchanged"], lang()),
                  rn=fmt_num(rounds["new"], lang()), rc=fmt_num(rounds["changed"], lang()),
                  ru=fmt_num(rounds["unchanged"], lang())), icon=":material/check_circle:")
    period = done.period
    if period.year is not None:
        part = "" if period.round is None else tr("import_period.round_part", round=period.round)
        st.caption(tr("import_period.committed_period", year=period.year, round=part,
                      source=tr(f"import_period.source_{period.year_from}")))
    st.caption(tr("import_period.next_help"))
    if st.button(tr("import_period.next_file"), key="next_file", icon=":material/upload_file:"):
        st.session_state["upload_turn"] = int(st.session_state.get("upload_turn", 0)) + 1
        st.rerun()


def history_section() -> None:
    """The import history, and undo of any batch in force."""
    st.subheader(tr("import.history"))
    batches = data.batches()
    if batches.empty:
        st.caption(tr("import.no_history"))
        return
    history(batches)
    undo_section(batches, who())


def main() -> None:
    """Render the page."""
    ensure_entry()
    require("analyst")
    st.title(tr("import.title"))
    st.caption(tr("import.subtitle"))
    file_format()
    upload_section()
    remembered_section()
    history_section()


main()
