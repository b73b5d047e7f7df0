"""The year in words opens the overview, in the user's language, with the article's figures for 2017."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


@pytest.mark.parametrize(("lang", "heading", "figure"), [
    ("vi", "Năm 2017 trong vài dòng", "đợt 1 có 15/19 đơn vị \\(78,9%\\)"),
    ("en", "2017 in a few lines", "round 1, 15 of 19 units \\(78\\.9%\\)"),
])
def test_the_overview_opens_with_the_year_in_words(app: Callable[..., AppTest], demo_db: Path, lang: str,
                                                   heading: str, figure: str) -> None:
    at = app(demo_db, lang=lang, year="2017")
    assert not at.exception, at.exception
    assert at.expander[0].label == heading
    text = " ".join(m.value for m in at.expander[0].markdown)
    assert figure in text and "122" in text
