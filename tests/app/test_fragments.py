"""What does not depend on the person is built once per data stamp for every session (ui.shared): counted by the
builds each run really made. (AppTest reruns the whole script for a widget inside a fragment: what a fragment
reruns is seen in Chromium only.)"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui import data
from ui.shared import BUILDS, shared

TREND = "overview._trend_figure"
TABLE = "by_type._tables"


def _cards(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_a_change_of_year_builds_the_years_table_not_the_trends_again(app: Callable[..., AppTest],
                                                                       demo_db: Path) -> None:
    at = app(demo_db, year="2017")
    assert not at.exception and BUILDS[TREND] > 0
    before, cards = dict(BUILDS), _cards(at)
    at.selectbox(key="year").set_value(2012).run()
    assert not at.exception
    assert at.query_params["year"] == "2012" and _cards(at) != cards
    assert BUILDS[TABLE] == before[TABLE] + 1  # the year's table was built ...
    assert BUILDS[TREND] == before[TREND]  # ... the trends, which do not show the year, came from the shared builds
    assert len(at.get("plotly_chart")) == 3


def test_a_second_session_gets_the_figures_the_first_built(app: Callable[..., AppTest], demo_db: Path) -> None:
    app(demo_db, year="2017")
    built = dict(BUILDS)
    other = app(demo_db, year="2017", lang="en")  # another session, another language: the charts again, in English
    assert not other.exception and BUILDS[TREND] == built[TREND] + 3
    third = app(demo_db, year="2017")  # a third session in Vietnamese: nothing built
    assert not third.exception and BUILDS[TREND] == built[TREND] + 3 and BUILDS[TABLE] == built[TABLE] + 1


def _types_in(year: int, lang: str) -> pd.DataFrame:
    return data.counts(["unit_type"], (year, year)).assign(lang=lang)


def test_a_shared_build_is_one_object_until_the_data_change(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DB", str(demo_copy))
    types_in = shared(_types_in)
    first = types_in(2017, "vi")
    assert types_in(2017, "vi") is first  # a second session: the very object, no copy
    assert types_in(2017, "en") is not first and types_in(2016, "vi") is not first  # another view: its own
    later = demo_copy.stat().st_mtime_ns + 10**9
    os.utime(demo_copy, ns=(later, later))  # what any write does to the file: its stamp changes
    again = types_in(2017, "vi")
    assert again is not first and BUILDS["test_fragments._types_in"] == 4

