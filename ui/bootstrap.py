"""First start: when the database file does not exist, build it from the demo files through
the same import code analysts use, with a progress bar."""

from __future__ import annotations

import streamlit as st

from common.errors import CchcError
from ingest.demo import build_demo
from ui import data
from ui.state import show_error, tr


def ensure_database() -> bool:
    """True when there is a database to show; builds the demo one on first start."""
    store = data.store()
    if store.exists():
        return True
    bar = st.progress(0.0, text=tr("ui.building_demo"))

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total, text=tr("ui.building_demo_file", file=name or "…", done=done, total=total))

    try:
        build_demo(store, progress)
    except CchcError as exc:
        show_error(exc)
        return False
    bar.empty()
    data.after_write()
    return True
