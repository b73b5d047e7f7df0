"""The import page's remembered column mappings: the one a file would be read with, shown as someone's (who,
when, each column it reads otherwise), confirmed or set aside when it changes a recognised column; and the
list of every remembered mapping, each of which an analyst may clear."""

from __future__ import annotations

import streamlit as st

from common.plain import md
from ingest.remembered import Remembered
from ingest.run import ImportReport
from ui import data
from ui.state import tr

UNDECIDED = "?"
_WHEN = "%d/%m/%Y %H:%M"


def _key(digest: str) -> str:
    return f"remembered_{digest[:12]}"


def choice(auto: ImportReport, digest: str) -> str:
    """What the analyst said of the remembered mapping that waits for a word: apply, ignore, or ask."""
    value = st.session_state.get(_key(digest))
    return str(value) if auto.remembered and value in ("apply", "ignore") else "ask"


def _changes(found: Remembered, label: dict[str, str]) -> str:
    """Each column the mapping reads otherwise, as a list that wraps on a phone: heading: plain → remembered."""
    unknown = tr("import.remembered_not_recognised")
    legend = " → ".join(tr(f"import.remembered_col_{k}") for k in ("plain", "saved"))
    lines = [f"- **{md(c.heading)}**: {md(unknown if c.plain is None else label.get(c.plain, c.plain))} → "
             f"**{md(label.get(c.remembered, c.remembered))}**" for c in found.changes]
    return "\n".join([f"{tr('import.remembered_col_heading')}: {legend}", "", *lines])


def _state(found: Remembered) -> str:
    """set_aside, shown (applied: it changes no recognised column), confirmed, or ask (waiting for a word)."""
    if found.set_aside:
        return "set_aside"
    if not found.needs_confirming:
        return "shown"
    return "confirmed" if found.applied else "ask"


def step(auto: ImportReport, digest: str, label: dict[str, str]) -> None:
    """The remembered mapping of this file's headings, as someone's: applied (said), or waiting for a word."""
    found = auto.remembered
    if found is None:
        return
    said = tr("import.remembered_by", who=md(found.entry.saved_by), when=found.entry.saved_at.strftime(_WHEN))
    state = _state(found)
    box = st.warning if state == "ask" else st.info
    box(said + " " + tr(f"import.remembered_{state}"), icon=":material/history:")
    st.markdown(_changes(found, label))
    if found.needs_confirming:
        labels = {UNDECIDED: tr("import.near_undecided"), "apply": tr("import.remembered_apply"),
                  "ignore": tr("import.remembered_ignore")}
        st.radio(tr("import.remembered_question"), list(labels), key=_key(digest), format_func=labels.__getitem__,
                 horizontal=True)


def section() -> None:
    """Every remembered mapping (who, when, headings, choices), each with a button that clears it."""
    found = data.store().remembered_mappings()
    with st.expander(tr("import.remembered_title", count=len(found)), icon=":material/history:"):
        st.caption(tr("import.remembered_help"))
        for m in found:
            choices = "; ".join(f"“{md(h)}” → {md(f or '-')}" for h, f in m.choices.items())
            st.markdown(tr("import.remembered_line", who=md(m.saved_by), when=m.saved_at.strftime(_WHEN),
                           count=len(m.headings), choices=choices))
            if st.button(tr("import.remembered_forget"), key=f"forget_{m.key[:12]}", icon=":material/delete:"):
                data.store().forget_mapping(m.key)
                data.after_write()
                st.rerun()
