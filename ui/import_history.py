"""The import page's history table: an undone batch is greyed on a grey ground, so that it never reads as one
in force; when and by whom it was undone stand right after its status (ingest.history.COLUMNS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ingest.history import COLUMNS, history_table
from ui.downloads import downloads, too_wide
from ui.state import lang, tr

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

# Streamlit's grid draws a Styler's text and background colours (not strike-through): grey on grey reads as
# "no longer in force" beside the black rows, and the status cell says it in words.
UNDONE_CSS = "color: #8a8a8a; background-color: #eeeeee"
# Whole at 1440 px: the status, the time and who undid it (mostly empty, so Streamlit would size them by their
# headings and cut the time), the import time, and the period ("2018, đợt 2").
WIDTHS = {"status": 140, "undone_at": 130, "undone_by": 120, "imported_at": 130, "period": 110}


def greyed(shown: pd.DataFrame, undone: pd.Series) -> Styler:
    """The table with every cell of an undone batch's row in UNDONE_CSS."""
    styles = pd.DataFrame("", index=shown.index, columns=shown.columns)
    styles.loc[undone.to_numpy(dtype=bool)] = UNDONE_CSS
    return shown.style.apply(lambda _: styles, axis=None)


def history(batches: pd.DataFrame) -> None:
    """The history (store.batches()) as the page shows it: headed in the reader's language, undone rows greyed,
    the batch number pinned, one download menu (as shown, and the store's own columns)."""
    shown = history_table(batches, lang()).reset_index(drop=True)
    if too_wide(shown):
        st.caption(tr("view.table.scrolls"))
    config = {str(shown.columns[0]): st.column_config.Column(pinned=True),
              **{str(shown.columns[i]): st.column_config.TextColumn(width=WIDTHS[c]) for i, c in enumerate(COLUMNS)
                 if c in WIDTHS}}
    st.dataframe(greyed(shown, batches["undone_at"].notna().reset_index(drop=True)), hide_index=True,
                 width="stretch", key="history_df", column_config=config)
    downloads(shown, batches, "lich-su-nhap", "history")
