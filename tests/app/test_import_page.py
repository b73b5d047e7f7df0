"""Upload → preview → commit → undo on the import page, and a bad file's messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from store import Store

GOOD = (
    "Mã đơn vị,Năm,Đợt kiểm tra,Ngày kiểm tra,Phiên bản ISO,Số quy trình,Số quy trình loại bỏ,"
    "Số quy trình viết mới,Số quy trình sửa đổi,Số bước trước cải tiến,Số bước sau cải tiến,Số TTHC,"
    "Số TTHC áp dụng ISO,Có cải tiến\n"
    "LS-SNV,2017,1,18/04/2017,2008,47,9,12,23,40,21,62,62,có\n"
).encode()


def _open_import(app: Callable[..., AppTest], db: Path, **params: str) -> AppTest:
    at = app(db, **params)
    at.switch_page("pages/import_data.py")
    return at.run()


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload").set_value((name, content, "text/csv"))
    return at.run()


def test_preview_then_commit_then_undo(app: Callable[..., AppTest], demo_copy: Path) -> None:
    at = _upload(_open_import(app, demo_copy), "snv.csv", GOOD)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Số liệu năm của đơn vị: thay đổi"] == "1" and metrics["Số liệu năm của đơn vị: mới"] == "0"
    changes = next(d.value for d in at.dataframe if "Cũ → mới" in d.value.columns)
    assert "46 → 47" in changes["Cũ → mới"].tolist()
    assert int(Store(demo_copy).unit_years(["LS-SNV"], [2017])["processes_total"].iloc[0]) == 46

    at.button(key="commit").click().run()
    assert any("lần nhập #21" in s.value for s in at.success)
    assert int(Store(demo_copy).unit_years(["LS-SNV"], [2017])["processes_total"].iloc[0]) == 47

    at.run()  # a rerun with the same upload must not import again
    assert len(Store(demo_copy).batches()) == 21

    assert at.selectbox(key="undo_batch").value is None  # nothing preselected
    at.selectbox(key="undo_batch").set_value(21).run()
    assert any("snv.csv" in m.value and "2017" in m.value for m in at.markdown)  # what undo will do
    assert int(Store(demo_copy).unit_years(["LS-SNV"], [2017])["processes_total"].iloc[0]) == 47
    at.button(key="undo").click().run()
    assert int(Store(demo_copy).unit_years(["LS-SNV"], [2017])["processes_total"].iloc[0]) == 46
    at.run()
    assert any("#21" in s.value for s in at.success)  # the result stays after a rerun
    assert at.selectbox(key="undo_batch").value is None


def test_a_bad_file_lists_every_error_in_english(app: Callable[..., AppTest], demo_copy: Path) -> None:
    bad = b"unit_code,year,processes_total,procedures_total,procedures_under_iso\nLS-SNV,2017,-3,10,12\nLS-STP,,4,1,1\n"
    at = _upload(_open_import(app, demo_copy, lang="en"), "bad.csv", bad)
    assert not at.exception
    assert any("File rejected" in e.value for e in at.error)
    table = next(d.value for d in at.dataframe if "Row" in d.value.columns)
    assert len(table) >= 3
    assert set(table["Row"]) >= {"2", "3"}  # text, so that a finding of no row reads – (not "None")
    assert len(Store(demo_copy).batches()) == 20


def test_a_picture_named_csv_gets_a_message(app: Callable[..., AppTest], demo_copy: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    at = _upload(_open_import(app, demo_copy), "anh.csv", png)
    assert not at.exception
    assert at.error and "Traceback" not in at.error[0].value


def test_after_an_undo_elsewhere_the_same_file_is_imported_again(app: Callable[..., AppTest], demo_copy: Path) -> None:
    at = _upload(_open_import(app, demo_copy), "snv.csv", GOOD)
    at.button(key="commit").click().run()
    assert any("lần nhập #21" in s.value for s in at.success)
    Store(demo_copy).undo(21, "someone else")  # the command line or another session
    at = _upload(at, "snv.csv", GOOD)
    assert {m.label: m.value for m in at.metric}["Số liệu năm của đơn vị: thay đổi"] == "1"
    at.button(key="commit").click().run()
    assert any("lần nhập #22" in s.value for s in at.success), [s.value for s in at.success]
    written = Store(demo_copy).batch_written(22)
    assert written is not None and written["unit_years"] == {"new": 0, "changed": 1, "unchanged": 0}
    assert int(Store(demo_copy).unit_years(["LS-SNV"], [2017])["processes_total"].iloc[0]) == 47


def test_an_undone_batch_is_greyed_and_says_when_and_by_whom(app: Callable[..., AppTest], demo_copy: Path) -> None:
    """Issue 24: undone batches looked live, and their undo time and author sat past the right edge at 1440 px."""
    from ingest.run import import_file
    from ui.import_history import UNDONE_CSS

    assert import_file(Store(demo_copy), GOOD, "snv.csv", "lan").batch == 21
    Store(demo_copy).undo(21, "quan.tri")
    at = _open_import(app, demo_copy, lang="en")
    assert not at.exception
    grid = next(d for d in at.dataframe if "Undone by" in d.value.columns)
    assert list(grid.value.columns[:4]) == ["Import", "Status", "Undone at", "Undone by"]  # first, in sight
    undone = grid.value.index[grid.value["Import"] == 21][0]
    assert grid.value.loc[undone, "Status"] == "⊘ UNDONE" and grid.value.loc[undone, "Undone by"] == "quan.tri"
    styles = grid.proto.arrow_data.styler.styles
    grey = UNDONE_CSS.split(";")[0].split(":")[1].strip()
    greyed_rows = {int(r) for block in styles.split("}") if grey in block for r in re.findall(r"row(\d+)_col", block)}
    assert greyed_rows == {undone}  # the undone batch's row, and no batch in force
