"""Chromium journeys over the view pages: a leader compares two departments and shares the link;
the committee downloads the trends table; every view page in both languages, for a screenshot."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, settle, shot

PAGES = {
    "trends": ("Xu hướng áp dụng", "Adoption trends"),
    "compare": ("So sánh đơn vị", "Compare units"),
    "profile": ("Hồ sơ đơn vị", "Unit profile"),
    "completeness": ("Độ đầy đủ số liệu", "Data completeness"),
    "methodology": ("Phương pháp tính", "Methodology"),
}


def _home(page: Page, server: Server, lang: str = "vi") -> None:
    """Open the dashboard at its front door, as people do (tall, so a screenshot shows a whole view)."""
    page.set_viewport_size({"width": 1400, "height": 4400})
    page.goto(f"{server.url}/?lang={lang}")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)


def _nav(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    expect(page.get_by_role("heading", name=label).first).to_be_visible(timeout=60_000)
    settle(page)


def _pick(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def _chips(page: Page) -> list[str]:
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Đơn vị cần so sánh")
    return sorted(str(t.get_attribute("aria-label")) for t in box.locator("[data-tag]").all())


def test_a_leader_compares_two_departments_and_shares_the_link(server: Server, page: Page) -> None:
    _home(page, server)
    _nav(page, "So sánh đơn vị")
    _pick(page, "Chỉ số", "Tỷ lệ TTHC áp dụng ISO")
    _pick(page, "Năm", "2017")
    expect(page.get_by_text("Tỷ lệ TTHC áp dụng ISO, năm 2017: xếp hạng")).to_be_visible()
    units = page.get_by_test_id("stMultiSelect").filter(has_text="Đơn vị cần so sánh")
    units.get_by_role("button", name=re.compile("Xóa hết|Clear", re.I)).first.click()  # Streamlit's own, in Vietnamese
    settle(page)
    for name in ("Sở Nội vụ", "Sở Tài chính"):
        box = units.get_by_role("combobox")
        box.click()
        box.press_sequentially(name)
        page.get_by_role("option", name=name, exact=True).click()
        page.keyboard.press("Escape")
        settle(page)
    expect(page).to_have_url(re.compile(r"units=LS-SNV%2CLS-STC|units=LS-SNV,LS-STC"))
    page.wait_for_selector(".js-plotly-plot .legendtext >> text=Sở Tài chính")
    settle(page)
    shot(page, "views_compare_vi_two_units")
    expect(page).to_have_url(re.compile(r"metric=procedures_iso_share"))
    expect(page).to_have_url(re.compile(r"year=2017"))
    link = page.url

    other = page.context.new_page()
    other.goto(link)
    expect(other.get_by_text("Tỷ lệ TTHC áp dụng ISO, năm 2017: xếp hạng")).to_be_visible(timeout=60_000)
    other.wait_for_selector(".js-plotly-plot .legendtext >> text=Sở Nội vụ", timeout=60_000)
    settle(other)
    expect(other.get_by_test_id("stMultiSelect").filter(has_text="Đơn vị cần so sánh").locator("[data-tag]")
           ).to_have_count(2)
    assert _chips(other) == ["Sở Nội vụ", "Sở Tài chính"]
    expect(other.get_by_role("combobox", name="Năm")).to_have_value("2017")
    expect(other.get_by_role("combobox", name="Chỉ số")).to_have_value("Tỷ lệ TTHC áp dụng ISO")
    expect(other).to_have_url(link)
    shot(other, "views_compare_vi_shared_link")


def test_the_committee_downloads_the_trends_table(server: Server, page: Page) -> None:
    _home(page, server)
    _nav(page, "Xu hướng áp dụng")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.get_by_test_id("stPopoverButton").first.click()  # the table's one download menu
    with page.expect_download() as shown:
        page.get_by_test_id("stDownloadButton").filter(has_text="Bảng (XLSX)").first.click()
    table = pd.read_excel(shown.value.path(), engine="calamine")
    assert shown.value.suggested_filename.endswith(".xlsx")
    assert table.columns[0] == "Năm" and "Tỷ lệ áp dụng ISO" in table.columns
    assert "2017" in table["Năm"].astype(str).tolist()
    page.keyboard.press("Escape")
    page.get_by_test_id("stPopoverButton").first.click()
    with page.expect_download() as full:
        page.get_by_test_id("stDownloadButton").filter(has_text="Dữ liệu đầy đủ (CSV)").first.click()
    data = pd.read_csv(full.value.path(), encoding="utf-8-sig")
    row = data[data["year"] == 2017].iloc[0]
    assert (row["units_in_scope"], row["units_applying"]) == (122, 122)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_page_in_both_languages(server: Server, page: Page, lang: str) -> None:
    _home(page, server, lang)
    for path, titles in PAGES.items():
        title = titles[0 if lang == "vi" else 1]
        page.goto(f"{server.url}/{path}?lang={lang}")
        expect(page.get_by_role("heading", name=title).first).to_be_visible(timeout=60_000)
        if path != "methodology":
            page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
        if path in ("trends", "compare", "profile"):
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        settle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible()  # run through the entry script
        shot(page, f"views_{path}_{lang}")


def test_the_briefing_answers_at_its_name_and_its_old_address(server: Server, page: Page) -> None:
    """/briefing is the page's address; /report (its name before) and /overview still open their pages."""
    page.set_viewport_size({"width": 1400, "height": 1200})
    for path, heading in (("briefing", "Briefing for the steering committee meeting"),
                          ("report", "Briefing for the steering committee meeting"),
                          ("overview", "ISO 9001")):
        page.goto(f"{server.url}/{path}?lang=en")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)
        settle(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNav").get_by_text("Briefing", exact=True)).to_have_count(1)
    page.goto(f"{server.url}/?lang=en&year=2017")
    link = page.get_by_test_id("stPageLink-NavLink").filter(has_text="2017")
    expect(link).to_have_attribute("href", re.compile(r"^briefing\?"), timeout=60_000)


def test_the_full_list_of_breaks_downloads_every_break_not_only_those_shown(tmp_path_factory: pytest.TempPathFactory,
                                                                            page: Page) -> None:
    from contextlib import contextmanager

    from bench.scale_data import build
    from store import Store
    from tests.e2e.conftest import start_server

    folder = tmp_path_factory.mktemp("messy")
    db = build(folder / "messy.duckdb", 2000, messy=True)
    every = Store(db).continuity_breaks((2006, 2025))
    with contextmanager(start_server)(db, folder / "streamlit.log") as server:
        page.goto(server.url + "/completeness?lang=en")
        expect(page.get_by_text(f"{len(every):,} continuity breaks", exact=False)).to_be_visible(timeout=60_000)
        settle(page)
        # the gaps table's download menu, then the breaks' (Streamlit draws each menu's button twice, one hidden)
        page.locator('[data-testid="stPopoverButton"] >> visible=true').nth(1).click()
        with page.expect_download() as full:
            buttons = page.locator('[data-testid="stDownloadButton"] >> visible=true')
            buttons.filter(has_text="Full data (CSV)").first.click()
        data = pd.read_csv(full.value.path(), encoding="utf-8-sig")
        assert len(data) == len(every) > 200
        assert data["unit_code"].tolist() == every["unit_code"].tolist()
