"""Issue 15's acceptance: the first 5 of 69 reports of a new year do not pass for the year.

The new year goes in through the same import the app uses; the overview must open on the latest
complete year, and at `?year=` the new year must say it is incomplete and rest its rates on the
5 units that reported (ISO coverage 100,0%, not 5/69 = 7,2%)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from ingest.run import import_file
from store import Store

ROOT = Path(__file__).resolve().parents[2]


def _first_reports(db: Path, k: int = 5) -> None:
    """Import the first `k` rows of the 2025 report as the new year's (2026) first reports."""
    rows = pd.read_csv(ROOT / "data" / "demo" / "bao_cao_2025.csv", dtype=str, keep_default_na=False).head(k)
    rows = rows.assign(year="2026", inspection_round="", inspected_on="", improved="", note="")
    report = import_file(Store(db), rows.to_csv(index=False).encode(), "bao_cao_2026_dot1.csv", "test")
    assert report.batch


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_new_year_with_5_of_69_reports_is_incomplete(app: Callable[..., AppTest], demo_copy: Path) -> None:
    _first_reports(demo_copy)
    at = app(demo_copy)
    assert not at.exception
    assert at.selectbox(key="year").value == 2025  # the latest complete year, not the new one
    assert not any("chưa đầy đủ" in w.value for w in at.warning)

    at = app(demo_copy, year="2026")
    assert not at.exception
    assert any("chưa đầy đủ: 5/69 đơn vị đã báo cáo" in w.value for w in at.warning)
    assert _cards(at)["Tỷ lệ áp dụng ISO"] == "100,0%"
    captions = " ".join(c.value for c in at.caption)
    assert "dựa trên 5/5 đơn vị đã báo cáo (69 trong phạm vi)" in captions
    assert "7,2%" not in " ".join(m.value for m in at.metric)
    assert any("chưa đầy đủ" in h.value for h in at.subheader)  # the table by unit type says so too


def test_the_incomplete_year_in_english(app: Callable[..., AppTest], demo_copy: Path) -> None:
    _first_reports(demo_copy)
    at = app(demo_copy, year="2026", lang="en")
    assert not at.exception
    assert any("incomplete: 5 of 69 units reported" in w.value for w in at.warning)
    assert _cards(at)["ISO coverage"] == "100.0%"
