"""Nhập dữ liệu — analysts upload inspection files: checked, previewed, committed whole, undoable."""

from __future__ import annotations

import streamlit as st

from common import settings
from common.errors import CchcError
from common.i18n import fmt_num
from common.plain import md
from ingest.run import ImportReport, sha256
from ingest.template import FILE_COLUMNS, template_csv, template_xlsx
from ui import data
from ui.auth import ensure_entry, require
from ui.downloads import table
from ui.import_preview import counts, new_rows, new_units, undo_section
from ui.import_steps import decisions, mapping_step, unit_step
from ui.importing import cells_frame, commit, history_frame, inspected, problems_frame, who
from ui.state import lang, show_error, tr
from ui.widgets import uploader_texts


def file_format() -> None:
    """What a file must look like, and the templates."""
    with st.expander(tr("import.format_title")):
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
    if report.errors:
        pending = all(p.key == "ingest.near_miss_unit" for p in report.errors)  # answered in the step above
        key = "import.near_pending" if pending else "import.rejected"
        st.error(tr(key, errors=len(report.errors), rows=report.rows), icon=":material/block:")
        st.dataframe(problems_frame(report.errors), hide_index=True, width="stretch")
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


def upload_section() -> None:
    """Upload → check → preview → commit."""
    limit = int(settings.CCHC_MAX_UPLOAD_MB.get())
    uploader_texts(limit, ["csv", "xlsx", "xls", "ods", "txt"])
    upload = st.file_uploader(tr("import.upload"), type=["csv", "xlsx", "xls", "ods", "txt"], key="upload",
                              help=tr("import.upload_help", mb=limit), max_upload_size=limit)
    if upload is None:
        return
    content = upload.getvalue()
    if len(content) > limit * 1024 * 1024:  # the widget's limit is the browser's; this is the server's
        st.error(tr("auth.too_large", file=md(upload.name), mb=fmt_num(len(content) / 2**20, lang(), 1), limit=limit))
        return
    try:
        auto = inspected(content, upload.name)
        mapping_step(auto, sha256(content))
        unit_step(auto, sha256(content))
        decided = decisions(auto, sha256(content))
        report = inspected(content, upload.name, decided) if decided.columns or decided.units.names else auto
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
        if done.batch:
            st.success(tr("import.committed", batch=done.batch, new=done.new, changed=done.changed),
                       icon=":material/check_circle:")
        else:
            st.info(tr("import.nothing_to_do"))


def history_section() -> None:
    """The import history, and undo of any batch in force."""
    st.subheader(tr("import.history"))
    batches = data.batches()
    if batches.empty:
        st.caption(tr("import.no_history"))
        return
    table(history_frame(batches), batches, "lich-su-nhap", "history")
    undo_section(batches, who())


def main() -> None:
    """Render the page."""
    ensure_entry()
    require("analyst")
    st.title(tr("import.title"))
    st.caption(tr("import.subtitle"))
    file_format()
    upload_section()
    history_section()


main()
