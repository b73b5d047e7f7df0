"""The committee's journey: open the overview, switch language, change the year, see the figures change."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Server, settle, shot


def _card(page: Page, label: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has_text=label).first
    return card.get_by_test_id("stMetricValue")


def test_overview_language_and_year(server: Server, page: Page) -> None:
    page.goto(server.url + "/?year=2017")
    expect(page.get_by_text("Tổng quan áp dụng ISO 9001", exact=False).first).to_be_visible(timeout=60_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)
    expect(_card(page, "Tỷ lệ áp dụng ISO")).to_have_text("100,0%")
    expect(page.get_by_text("Đợt 1: 15/19 đơn vị", exact=False)).to_be_visible()
    shot(page, "overview_vi_2017")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_text("ISO 9001 in Lạng Sơn's state administration", exact=False)).to_be_visible()
    settle(page)
    expect(_card(page, "ISO coverage")).to_have_text("100.0%")
    expect(page).to_have_url(re.compile(r"lang=en"))

    page.get_by_test_id("stSelectbox").filter(has_text="Year").click()
    page.get_by_role("option", name="2012", exact=True).click()
    expect(page).to_have_url(re.compile(r"year=2012"))
    settle(page)
    expect(page.get_by_text("Round 1: 15/19", exact=False)).to_have_count(0)
    expect(_card(page, "ISO coverage")).not_to_have_text("100.0%")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    shot(page, "overview_en_2012")
