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


# More columns than this do not fit at 1440 px beside the sidebar: the table says that it scrolls sideways.
WIDE = 7


def table(shown: pd.DataFrame, full: pd.DataFrame | Callable[[], pd.DataFrame] | None, name: str, key: str,
          **options: object) -> None:
    """A table whose first column stays in place when it scrolls sideways (on a phone, what the row is stays in
    sight), then one download menu: what is shown and the full data, each as CSV and XLSX.
    `full` may be a function that reads the data when someone clicks (for lists too long to keep)."""
    if len(shown.columns) > WIDE:
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
