"""The Báo cáo page: the view from the URL, the build button, the download buttons, both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest


def _open(app: Callable[..., AppTest], db: Path, **params: str) -> AppTest:
    """Start on the overview with these URL parameters, then go to the report page with them
    (as the overview's link does: switching pages drops the URL's parameters)."""
    at = app(db, **params)
    at.switch_page("pages/briefing.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _downloads(at: AppTest) -> list[object]:
    return [el for el in at.get("download_button")]


def test_the_report_page_builds_both_documents_in_vietnamese(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, year="2017", types="ubnd_huyen,ubnd_xa")
    assert not at.exception
    assert at.title[0].value == "Báo cáo cho cuộc họp Ban Chỉ đạo"
    assert at.selectbox(key="report_year").value == 2017
    assert at.multiselect(key="report_types").value == ["ubnd_huyen", "ubnd_xa"]
    assert _downloads(at) == []
    at.toggle(key="with_charts").set_value(False)
    at.button(key="build").click().run()
    assert not at.exception
    assert len(_downloads(at)) == 2
    assert at.status[0].label.startswith("Đã lập báo cáo năm 2017")
    assert [b.proto.label for b in at.get("download_button")] == ["Tải PDF", "Tải Excel"]
    assert at.query_params["year"] == "2017" and at.query_params["types"] == "ubnd_huyen,ubnd_xa"


def test_the_report_page_in_english(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, lang="en", year="2016")
    assert not at.exception
    assert at.title[0].value == "Briefing for the steering committee meeting"
    at.toggle(key="with_charts").set_value(False)
    at.button(key="build").click().run()
    assert not at.exception and len(_downloads(at)) == 2
    at.selectbox(key="report_year").set_value(2015).run()
    assert any("earlier choice" in i.value for i in at.info)


def test_bad_types_in_the_url_get_a_message(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, types="xa_phuong")
    assert not at.exception
    assert any("xa\\_phuong" in w.value for w in at.warning)  # shown as typed: Markdown escaped
