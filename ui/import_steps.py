"""The import page's decision steps: the column mapping (each file column → the field it holds, or left out)
and the names close to registered units (accept the suggestion, or declare a new unit). A choice is read from
its widget's state before the widget is drawn, so that the report shown already follows it."""

from __future__ import annotations

import streamlit as st

from ingest.checking.near import UnitChoices
from ingest.columns import COLUMNS
from ingest.mapping import LEAVE_OUT
from ingest.run import Decisions, ImportReport
from ingest.template import FILE_COLUMNS
from ui import import_remembered as remembered
from ui.state import lang, tr

UNDECIDED = "?"
ASKED = ("ingest.near_miss_unit", "ingest.new_code_known_name")  # unit problems the page asks about
ANSWERED_ABOVE = (*ASKED, "ingest.remembered_confirm")  # errors the steps above the report resolve
_VIETNAMESE = {c.name: c.vietnamese for c in FILE_COLUMNS}


def _default(auto: ImportReport, heading: str, field: str | None) -> str:
    return UNDECIDED if heading in auto.undecided else (field or LEAVE_OUT)


def _key(kind: str, digest: str, pos: int) -> str:
    return f"{kind}_{digest[:12]}_{pos}"


def _map_kind(auto: ImportReport, digest: str) -> str:
    """The mapping boxes' key prefix: new boxes when the word on a remembered mapping changes what they show."""
    return "map" + remembered.choice(auto, digest)


def near_misses(report: ImportReport) -> list[tuple[str, str, str]]:
    """The names close to a registered unit: (name as written, registered name, code), once each."""
    found = {(str(p.params.get("name", p.value or "")), str(p.params["suggestion"]), str(p.params["code"]))
             for p in report.errors if p.key in ASKED}
    return sorted(found)


def decisions(auto: ImportReport, digest: str) -> Decisions:
    """The choices made in the steps so far (none: the file as read)."""
    columns = {}
    for pos, (heading, field) in enumerate(auto.mapping):
        value = st.session_state.get(_key(_map_kind(auto, digest), digest, pos))
        if value not in (None, UNDECIDED, _default(auto, heading, field)):
            columns[heading] = str(value)
    names = {}
    for pos, (name, _, _) in enumerate(near_misses(auto)):
        value = st.session_state.get(_key("unit", digest, pos))
        if value in ("accept", "create"):
            names[name] = str(value)
    return Decisions(columns or None, UnitChoices("ask", names), remembered=remembered.choice(auto, digest))


def field_label(value: str) -> str:
    """A field as the mapping step names it, in the interface language."""
    if value == UNDECIDED:
        return tr("import.map_undecided")
    if value == LEAVE_OUT:
        return tr("import.map_leave_out")
    return _VIETNAMESE[value] if lang() == "vi" else value  # the template's heading in the reader's language


def mapping_step(auto: ImportReport, digest: str) -> None:
    """Each file column with the field it was matched to, editable; open when a figure column is undecided."""
    if not auto.mapping:
        return
    labels = {v: field_label(v) for v in (UNDECIDED, LEAVE_OUT, *COLUMNS)}  # fixed now, not at each call
    remembered.step(auto, digest, labels)
    title = tr("import.map_title_open", count=len(auto.undecided)) if auto.undecided else tr("import.map_title_done")
    with st.expander(title, expanded=bool(auto.undecided),
                     icon=":material/table_view:"):
        st.caption(tr("import.map_help"))
        # the columns to decide on first; each keeps its key by its place in the file
        order = sorted(enumerate(auto.mapping), key=lambda item: item[1][0] not in auto.undecided)
        for slot, (pos, (heading, field)) in enumerate(order):
            if slot % 3 == 0:
                cols = st.columns(3)  # a row at a time: on a phone the columns stack in the file's order
            default = _default(auto, heading, field)
            options = ([UNDECIDED] if default == UNDECIDED else []) + [LEAVE_OUT, *COLUMNS]
            cols[slot % 3].selectbox(heading, options, index=options.index(default), format_func=labels.__getitem__,
                                     key=_key(_map_kind(auto, digest), digest, pos))


def unit_step(auto: ImportReport, digest: str) -> None:
    """Each name close to a registered unit: use the registered unit, or declare a new one."""
    items = near_misses(auto)
    if not items:
        return
    st.warning(tr("import.near_title", count=len(items)), icon=":material/person_search:")
    labels = {UNDECIDED: tr("import.near_undecided"), "accept": tr("import.near_accept"),
              "create": tr("import.near_create")}
    for pos, (name, suggestion, code) in enumerate(items):
        st.radio(f"“{name}” → {suggestion} ({code})?", list(labels), key=_key("unit", digest, pos),
                 format_func=labels.__getitem__, horizontal=True)
