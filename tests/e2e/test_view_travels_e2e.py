"""Chromium: the view travels with the reader. The year chosen on the overview is the one compare opens on and
comes back to after the profile; "my unit" chosen in the box sticks, goes into the URL at once and stays on
compare, profile and plan; a change of language relabels the sidebar's widgets and keeps their values."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Server, settle


def _nav(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    expect(page.get_by_role("heading", name=label).first).to_be_visible(timeout=60_000)
    settle(page)


def _box(page: Page, label: str) -> Locator:
    return page.get_by_role("combobox", name=label).first


def test_year_and_my_unit_travel_across_pages(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 1440, "height": 1600})
    page.goto(f"{server.url}/?lang=en")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)
    _box(page, "Year").click()
    page.get_by_role("option", name="2017", exact=True).click()
    settle(page)
    _nav(page, "Compare units")
    expect(page).to_have_url(re.compile(r"year=2017"))
    expect(_box(page, "Year")).to_have_value("2017")
    mine = _box(page, "My unit")
    mine.click()
    page.keyboard.type("Sở Tư pháp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"me=LS-STP"), timeout=60_000)  # the rerun may not have begun yet
    settle(page)
    expect(mine).to_have_value("Sở Tư pháp (LS-STP)")
    for label in ("Unit profile", "Inspection plan", "Compare units"):
        _nav(page, label)
        expect(page).to_have_url(re.compile(r"me=LS-STP"), timeout=60_000)
        expect(_box(page, "My unit")).to_have_value("Sở Tư pháp (LS-STP)")
    expect(page).to_have_url(re.compile(r"year=2017"))
    expect(_box(page, "Year")).to_have_value("2017")


def test_a_change_of_language_relabels_the_widgets_and_keeps_their_values(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 1440, "height": 1600})
    page.goto(f"{server.url}/compare?lang=vi&year=2016&types=cqcm_tinh,ubnd_huyen")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Compare units").first).to_be_visible(timeout=60_000)
    settle(page)
    expect(_box(page, "Year")).to_have_value("2016")
    sidebar, main = page.get_by_test_id("stSidebar"), page.get_by_test_id("stMain")
    expect(sidebar).to_contain_text("Provincial specialised", use_inner_text=True)
    expect(sidebar).not_to_contain_text("Cơ quan chuyên môn", use_inner_text=True)
    expect(main).not_to_contain_text("Tỷ lệ giảm bước", use_inner_text=True)
    expect(page).to_have_url(re.compile(r"types=cqcm_tinh(%2C|,)ubnd_huyen"))
    expect(page).to_have_url(re.compile(r"lang=en"))
