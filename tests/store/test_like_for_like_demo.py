"""Issue 22 on the demo database: 2025 states the reorganisation with both counts and compares with 2024
only over the units matched through the lineage; a partly reported 2026 never speaks for the province."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from ingest.run import import_file
from report.build import build_briefing
from report.gather import gather
from report.pdf import build_pdf
from report.summary import summary
from report.xlsx import HEADER_ROW, build_xlsx
from store import Store

ROOT = Path(__file__).resolve().parents[2]

REORGANISED = {"vi": "Năm 2025: 69 đơn vị, năm 2024: 122, sau sắp xếp tổ chức bộ máy.",
               "en": "2025: 69 units, 2024: 122, after the reorganisation of the administrative apparatus."}
MATCHED = {"vi": ("chỉ tính trên các đơn vị có số liệu cả hai năm, tính theo đơn vị kế thừa", "trên 52 đơn vị"),
           "en": ("only over the units with figures in both years, by successor unit", "over 52 units")}


def first_reports(db: Path, k: int, steps_after: int | None = None) -> None:
    """Import the first `k` rows of the 2025 report as 2026's first reports (steps_after changed when given)."""
    rows = pd.read_csv(ROOT / "data" / "demo" / "bao_cao_2025.csv", dtype=str, keep_default_na=False).head(k)
    rows = rows.assign(year="2026", inspection_round="", inspected_on="", improved="", note="")
    if steps_after is not None:
        rows = rows.assign(steps_after=str(steps_after))
    report = import_file(Store(db), rows.to_csv(index=False).encode(), "bao_cao_2026_dot1.csv", "test")
    assert report.batch


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_2025_in_words_states_the_reorganisation_and_compares_matched_units(demo_db: Path, lang: str) -> None:
    text = summary(gather(Store(demo_db), 2025), lang)
    assert text[0] == REORGANISED[lang]
    change = next(p for p in text if p.startswith(("So với năm 2024", "Compared with 2024")))
    assert all(part in change for part in MATCHED[lang])


def test_last_years_figures_are_rolled_into_the_successor(demo_db: Path) -> None:
    """Sở Kế hoạch và Đầu tư merged into Sở Tài chính in 2025: its 2024 figures count for Sở Tài chính."""
    store = Store(demo_db)
    own = store.counts(["unit_code"], (2024, 2024), unit_codes=["LS-STC", "LS-SKHDT"])
    rolled = store.counts(["year", "unit_code"], (2024, 2025), rollup=True, rollup_through=2025)
    stc = rolled[(rolled["year"] == 2024) & (rolled["unit_code"] == "LS-STC")]
    assert int(stc["steps_before"].iloc[0]) == int(own["steps_before"].sum())
    assert "LS-SKHDT" not in set(rolled["unit_code"])


def test_a_year_before_the_reorganisation_keeps_its_own_units(demo_db: Path) -> None:
    """2024 on 2023 rolls up nothing of 2025's lineage: all 122 units are compared, none merged."""
    change = next(p for p in summary(gather(Store(demo_db), 2024), "vi") if p.startswith("So với năm 2023"))
    assert "trên 122 đơn vị" in change and "kế thừa" not in change


@pytest.mark.slow
def test_the_2025_briefing_pdf_states_the_reorganisation_and_the_matched_units(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2025, lang="vi", charts=False)
    pages = pypdf.PdfReader(io.BytesIO(build_pdf(briefing))).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    assert "69 đơn vị, năm 2024: 122, sau sắp xếp tổ chức bộ máy" in text
    assert "so sánh với năm 2024 trên 52 đơn vị có số liệu cả hai năm, tính theo đơn vị kế thừa" in text
    assert "dựa trên 52 đơn vị có số liệu" in text
    assert "69/69 đơn vị trong phạm vi đã báo cáo" not in text
    step = next(row for row in briefing.cards.rows if row[0] == "Tỷ lệ giảm bước")
    assert step[4:6] == (52, 52)  # its own n and the units compared


def test_the_2025_workbook_keeps_the_matched_change_as_numbers(demo_db: Path) -> None:
    briefing = build_briefing(Store(demo_db), 2025, lang="en", charts=False)
    sheet = pd.read_excel(io.BytesIO(build_xlsx(briefing)), sheet_name=briefing.cards.sheet, skiprows=HEADER_ROW,
                          engine="calamine").set_index("Metric")
    step = sheet.loc["Step reduction"]
    assert step["Units with figures"] == 52 and step["Units compared (both years)"] == 52
    assert step["Change, as on the Overview"].startswith("−0.1 pp")
    assert "over the 52 units with figures in both years, by successor unit" in step["Change, as on the Overview"]


def test_3_of_69_reports_speak_only_for_themselves(demo_copy: Path) -> None:
    first_reports(demo_copy, 3)
    text = summary(gather(Store(demo_copy), 2026), "vi")
    assert text[0].startswith("Năm 2026 mới có 3/69 đơn vị báo cáo")
    assert text[1].startswith("Trong 3 đơn vị đã báo cáo, 3 đơn vị")
    assert "toàn tỉnh có" not in " ".join(text)
    change = next(p for p in text if "năm 2025" in p)
    assert change == "Chưa so sánh với năm 2025: nhiều nhất chỉ 3 đơn vị có số liệu cả hai năm (cần ít nhất 10)."


def test_a_clear_change_in_a_partly_reported_year_is_told_neutrally(demo_copy: Path) -> None:
    """12 early reports that cut every step: a clear rise on 12 matched units, told without a verdict."""
    first_reports(demo_copy, 12, steps_after=0)
    text = " ".join(summary(gather(Store(demo_copy), 2026), "vi"))
    assert "mới có 12/69 đơn vị báo cáo" in text
    assert "tỷ lệ giảm bước" in text and "100,0% (+" in text
    assert "tăng rõ" not in text and "giảm rõ" not in text
    briefing = build_briefing(Store(demo_copy), 2026, lang="vi", charts=False)
    step = next(view for view in briefing.card_views if view.label == "Tỷ lệ giảm bước")
    assert step.badge is not None and step.badge.arrow == "up" and step.badge.note == ""  # clear
    assert step.badge.tone == "neutral"
