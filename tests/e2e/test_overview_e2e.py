"""The committee's journey: open the overview, switch language, change the year, see the figures change."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, settle, shot


def _card(page: Page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label).first
    return card.get_by_test_id("stMetricValue").inner_text()


def test_overview_language_and_year(server: Server, page: Page) -> None:
    page.goto(server.url + "/?year=2017")
    expect(page.get_by_text("Tổng quan áp dụng ISO 9001", exact=False).first).to_be_visible(timeout=60_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)
    assert _card(page, "Tỷ lệ áp dụng ISO") == "100,0%"
    expect(page.get_by_text("Đợt 1: 15/19 đơn vị", exact=False)).to_be_visible()
    shot(page, "overview_vi_2017")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_text("ISO 9001 in Lạng Sơn's state administration", exact=False)).to_be_visible()
    settle(page)
    assert _card(page, "ISO coverage") == "100.0%"
    assert re.search(r"lang=en", page.url)

    page.get_by_test_id("stSelectbox").filter(has_text="Year").click()
    page.get_by_role("option", name="2012", exact=True).click()
    expect(page).to_have_url(re.compile(r"year=2012"))
    settle(page)
    expect(page.get_by_text("Round 1: 15/19", exact=False)).to_have_count(0)
    assert _card(page, "ISO coverage") != "100.0%"
    page.wait_for_selector(".js-plotly-plot .main-svg")
    shot(page, "overview_en_2012")
