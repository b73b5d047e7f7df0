"""Chromium journeys of issue 16: a leader sets my unit, sees it marked in compare at desk and phone
widths, clicks a bar through to a profile and shares the URL; the committee edits, saves and downloads
next year's inspection plan; the overview opens with the year in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from metrics import REGISTRY, evaluate, rank
from plan.build import current
from plan.gather import gather
from store import Store
from tests.e2e.conftest import Server, settle, shot


def _all_of(*parts: str) -> re.Pattern[str]:
    """A URL holding every one of `parts`, in any order."""
    return re.compile("".join(f"(?=.*{re.escape(part)})" for part in parts))


def _open(page: Page, url: str, width: int = 1440, height: int = 3200) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    settle(page)


@pytest.mark.parametrize(("width", "lang"), [(1440, "vi"), (390, "en")])
def test_my_unit_is_marked_in_compare_at_desk_and_phone_widths(server: Server, page: Page, width: int,
                                                               lang: str) -> None:
    _open(page, f"{server.url}/compare?me=LS-STP&year=2017&lang={lang}", width)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    mark = "★ Đơn vị của tôi" if lang == "vi" else "★ My unit"
    expect(page.locator(".js-plotly-plot").first.get_by_text(mark)).to_be_visible()
    mine = "Đơn vị của tôi" if lang == "vi" else "My unit"
    if width > 600:  # on a phone the sidebar is folded away; the mark in the chart is what shows
        expect(page.get_by_role("combobox", name=mine, exact=True)).to_have_value("Sở Tư pháp (LS-STP)")
    shot(page, f"compare-me-{lang}-{width}")


def test_a_bar_opens_that_units_profile_and_the_url_reproduces_it(server: Server, page: Page) -> None:
    _open(page, f"{server.url}/compare?me=LS-STP&year=2017&lang=vi")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    bars = page.locator(".js-plotly-plot").first.locator("g.trace.bars g.point path")
    expect(bars.first).to_be_visible()
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    best = min((b for b in boxes if b), key=lambda b: b["y"])  # the best unit, drawn at the top
    page.mouse.move(best["x"] + best["width"] / 2, best["y"] + best["height"] / 2)
    page.mouse.click(best["x"] + best["width"] / 2, best["y"] + best["height"] / 2)
    page.wait_for_url("**/profile?**", timeout=60_000)
    settle(page)
    code, name = _best_provincial_agency(server.db, 2017)
    expect(page).to_have_url(_all_of("me=LS-STP", f"unit={code}", "year=2017"))
    expect(page.get_by_role("combobox", name="Đơn vị", exact=True)).to_have_value(f"{name} ({code})")
    expect(page.get_by_text("Hạng trong loại đơn vị (Cơ quan chuyên môn cấp tỉnh) qua các năm")).to_be_visible()
    shot(page, "profile-from-click-vi-1440")
    colleague = page.context.browser.new_page()  # type: ignore[union-attr]  # a new session: only the URL
    _open(colleague, page.url)
    expect(colleague.get_by_role("combobox", name="Đơn vị", exact=True)).to_have_value(f"{name} ({code})")
    expect(colleague.get_by_role("combobox", name="Đơn vị của tôi", exact=True)).to_have_value("Sở Tư pháp (LS-STP)")
    colleague.close()


def test_a_row_of_the_ranking_table_opens_that_units_profile(server: Server, page: Page) -> None:
    _open(page, f"{server.url}/compare?me=LS-STP&year=2017&lang=en")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first.bounding_box()
    assert grid is not None
    row = 35  # Streamlit's row height: the heading, then the rows; the selection box is the first column
    page.mouse.click(grid["x"] + 16, grid["y"] + row + 2 * row + row / 2)  # the third unit: Văn phòng UBND tỉnh
    page.wait_for_url("**/profile?**", timeout=60_000)
    settle(page)
    expect(page).to_have_url(_all_of("unit=LS-VPUBND", "me=LS-STP"))


def test_the_committee_edits_saves_and_downloads_the_plan(own_server: Server, page: Page, tmp_path: Path) -> None:
    """Saving writes the plan: this journey has a server of its own (the others share the file's)."""
    _open(page, f"{own_server.url}/plan?plan_year=2018&lang=vi")
    expect(page.get_by_text("Đề xuất theo quy tắc, chưa lưu.")).to_be_visible()
    remove = page.get_by_test_id("stForm").filter(has_text="Bớt đơn vị")
    remove.get_by_label("Lý do").fill("Vừa kiểm tra đột xuất tháng 12")
    remove.get_by_role("button", name="Đưa ra khỏi kế hoạch").click()
    expect(page.get_by_text("Có thay đổi chưa lưu.")).to_be_visible(timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_text("Kế hoạch đã lưu:")).to_be_visible(timeout=60_000)
    settle(page)
    saved = current(gather(Store(own_server.db), 2018))
    assert saved.saved_by and [u.note for u in saved.removed] == ["Vừa kiểm tra đột xuất tháng 12"]
    shot(page, "plan-saved-vi-1440")
    with page.expect_download() as got:
        page.get_by_role("button", name="PDF").click()
    assert got.value.suggested_filename == "ke-hoach-kiem-tra-2018.pdf"  # the reader's language (en: inspection-plan)
    target = tmp_path / "plan.pdf"
    got.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_overview_opens_with_the_year_in_words(server: Server, page: Page) -> None:
    _open(page, f"{server.url}/?year=2017&lang=en")
    expect(page.get_by_text("2017 in a few lines")).to_be_visible()
    expect(page.get_by_text("round 1, 15 of 19 units (78.9%)", exact=False)).to_be_visible()


def _best_provincial_agency(db: Path, year: int) -> tuple[str, str]:
    """The unit at the top of compare's default ranking (step reduction, provincial agencies), from the store."""
    store = Store(db)
    metric = REGISTRY["step_reduction_rate"]
    ranked = rank(evaluate(store.counts(["year", "unit_code"], (year, year), unit_types=["cqcm_tinh"]), metric.key),
                  metric.better)
    code = str(ranked["unit_code"].iloc[0])
    return code, str(store.units_by_code([code])["unit_name"].iloc[0])
