"""Tables with one download menu (CSV and XLSX, as displayed and in full) and charts with a PNG
button: Plotly's own modebar, kept visible, with a file name that says what the chart is."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from common.sheets import defuse, neutralise, to_csv, to_xlsx
from ui.foreign import plotly_config
from ui.state import lang, tr

__all__ = ["XLSX_MIME", "chart", "defuse", "neutralise", "slug", "table", "to_csv", "to_xlsx"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def slug(text: str) -> str:
    """A file-name-safe ASCII form of a title: "Tỷ lệ áp dụng" → "ty-le-ap-dung"."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower() or "data"


def _written(writer: Callable[[pd.DataFrame], bytes], frame: Callable[[], pd.DataFrame]) -> bytes:
    return writer(frame())


# The main column's width at 1440 px beside the sidebar, in pixels, and a character's at the table's 14 px font:
# a table whose columns need more says that it scrolls sideways. Streamlit sizes a column by its longest text.
ROOM_PX, CHAR_PX, CELL_PAD_PX, LONGEST = 1000, 7.2, 18, 40


def too_wide(shown: pd.DataFrame) -> bool:
    """Whether the table's columns, each as wide as its longest text (up to LONGEST characters), overflow."""
    need = 0.0
    for name in shown.columns:
        cells = shown[name].head(200).astype(str).str.len()
        chars = max(len(str(name)), int(cells.max()) if len(cells) else 0)
        need += min(chars, LONGEST) * CHAR_PX + CELL_PAD_PX
    return need > ROOM_PX


def table(shown: pd.DataFrame, full: pd.DataFrame | Callable[[], pd.DataFrame] | None, name: str, key: str,
          **options: object) -> None:
    """A table whose first column stays in place when it scrolls sideways (on a phone, what the row is stays in
    sight), then one download menu: what is shown and the full data, each as CSV and XLSX.
    `full` may be a function that reads the data when someone clicks (for lists too long to keep)."""
    if too_wide(shown):
        st.caption(tr("view.table.scrolls"))
    pinned = {str(shown.columns[0]): st.column_config.Column(pinned=True)} if len(shown.columns) else {}
    config = {**pinned, **options.pop("column_config", {})}  # type: ignore[dict-item]
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_df", column_config=config,  # type: ignore[call-overload]
                 **options)
    downloads(shown, shown if full is None else full, name, key)


def downloads(shown: pd.DataFrame, full: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str) -> None:
    """One menu with four downloads: the table as shown and the full data, each as CSV and XLSX."""
    files = (("shown", shown, "csv"), ("shown", shown, "xlsx"), ("full", full, "csv"), ("full", full, "xlsx"))
    with st.popover(tr("view.table.download"), icon=":material/download:", help=tr("view.table.download_help")):
        for what, frame, kind in files:
            writer = to_csv if kind == "csv" else to_xlsx
            st.download_button(
                tr(f"view.dl.{what}_{kind}"),
                # A callable: the file is written when someone clicks, not on every rerun (an XLSX of
                # tens of thousands of rows takes seconds), and no session keeps the bytes in memory.
                data=partial(_written, writer, frame) if callable(frame) else partial(writer, frame),
                file_name=f"{slug(name)}-{'bang' if what == 'shown' else 'day-du'}.{kind}",
                mime="text/csv" if kind == "csv" else XLSX_MIME,
                key=f"{key}_{what}_{kind}", on_click="ignore", icon=":material/download:", width="stretch",
            )


def chart(fig: go.Figure, name: str, key: str, **options: object) -> None:
    """A Plotly chart whose modebar stays visible and downloads a PNG named after the chart;
    `options` go to st.plotly_chart (on_select, selection_mode)."""
    config = {
        "displayModeBar": True,
        "displaylogo": False,
        # Zoom and pan drag the chart under a finger on a phone; the buttons kept are the ones a reader uses.
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d"],
        "toImageButtonOptions": {"format": "png", "filename": slug(name), "scale": 2},
        **plotly_config(lang()),
    }
    st.plotly_chart(fig, width="stretch", key=key, config=config, **options)  # type: ignore[call-overload]
