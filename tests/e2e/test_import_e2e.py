"""An analyst uploads a corrected inspection file and the committee sees the overview change. Both journeys
write (an import, an undo): each has a server of its own on its own copy of the database."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.data.make_corpus import _cp1258
from tests.e2e.conftest import Server, settle, shot

# Re-inspection notes: UBND TP Lạng Sơn did improve in round 1 of 2017 (was "không").
CORRECTION = (
    "UBND TỈNH LẠNG SƠN\n"
    "BÁO CÁO KẾT QUẢ KIỂM TRA ISO (ĐÍNH CHÍNH)\n"
    "\n"
    "STT;Mã đơn vị;Năm;Đợt kiểm tra;Ngày kiểm tra;Có cải tiến;Ghi chú\n"
    "1;LS-H-TPLS;2017;1;03/05/2017;có;đính chính sau kiểm tra lại\n"
)


def test_upload_then_the_overview_changes(own_server: Server, page: Page, tmp_path: Path) -> None:
    page.goto(own_server.url + "/?year=2017")
    expect(page.get_by_text("Đợt 1: 15/19 đơn vị", exact=False)).to_be_visible(timeout=60_000)

    page.goto(own_server.url + "/import")
    expect(page.get_by_text("Nhập dữ liệu kiểm tra").first).to_be_visible(timeout=60_000)
    settle(page)
    upload = tmp_path / "dinh_chinh.csv"
    upload.write_bytes(_cp1258(CORRECTION))  # an older tool's Windows-1258 export
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    changed = page.get_by_test_id("stMetric").filter(has_text="Đợt kiểm tra: thay đổi").get_by_test_id("stMetricValue")
    expect(changed).to_have_text("1", timeout=60_000)
    settle(page)
    shot(page, "import_preview_vi")
    page.get_by_role("button", name="Nhập vào cơ sở dữ liệu", exact=False).click()
    expect(page.get_by_text("Đã nhập: lần nhập #21", exact=False)).to_be_visible(timeout=60_000)
    settle(page)

    page.goto(own_server.url + "/?year=2017")
    expect(page.get_by_text("Đợt 1: 16/19 đơn vị", exact=False)).to_be_visible(timeout=60_000)


def test_undo_shows_what_it_will_do_and_asks_first(own_server: Server, page: Page) -> None:
    page.goto(own_server.url + "/import")
    expect(page.get_by_text("Lịch sử nhập").first).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.get_by_role("button", name="Đồng ý hoàn tác", exact=False)).to_have_count(0)  # nothing chosen
    page.get_by_test_id("stSelectbox").filter(has_text="Chọn lần nhập cần hoàn tác").click()
    page.get_by_role("option", name="#20", exact=False).click()
    expect(page.get_by_text("Lần nhập #20: tệp", exact=False)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Hoàn tác sẽ xóa", exact=False)).to_be_visible()
    settle(page)
    shot(page, "e2e_undo_confirm_vi")
    page.get_by_role("button", name="Đồng ý hoàn tác lần nhập #20").click()
    done = page.get_by_text("Đã hoàn tác lần nhập #20", exact=False)
    expect(done).to_be_visible(timeout=60_000)
    settle(page)
    expect(done).to_be_visible()  # still there once the rerun has finished
    expect(page.get_by_role("button", name="Đồng ý hoàn tác", exact=False)).to_have_count(0)
