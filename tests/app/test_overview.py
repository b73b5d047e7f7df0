"""The overview in both languages, from a URL that sets the year."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ingest.run import import_file
from store import Store


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_2017_in_vietnamese_shows_the_articles_figures(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, year="2017")
    assert not at.exception
    values = _metrics(at)
    assert values["Tỷ lệ áp dụng ISO"] == "100,0%"
    assert values["Tỷ lệ kiểm tra"] == "34,4%"
    text = " ".join(m.value for m in at.markdown)
    assert "Đợt 1: 15/19 đơn vị (78,9%" in text
    assert any("Dữ liệu minh họa" in i.value for i in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert "122/122" in captions


def test_overview_in_english_from_the_url(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, lang="en", year="2017")
    assert not at.exception
    values = _metrics(at)
    assert values["ISO coverage"] == "100.0%"
    assert "Round 1: 15/19 units (78.9%" in " ".join(m.value for m in at.markdown)
    assert at.query_params["lang"] == "en" and at.query_params["year"] == "2017"


def test_changing_the_year_changes_the_figures_and_the_url(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, year="2017")
    before = _metrics(at)
    at.selectbox(key="year").set_value(2010).run()
    assert _metrics(at) != before
    assert at.query_params["year"] == "2010"


def test_a_bad_year_in_the_url_gets_a_message_not_a_traceback(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, year="20x7")
    assert not at.exception
    assert any("20x7" in w.value for w in at.warning)


def test_an_empty_database_says_how_to_get_data(app: Callable[..., AppTest], tmp_path: Path) -> None:
    from store import Store

    Store(tmp_path / "empty.duckdb").units()  # creates the file, with no data
    at = app(tmp_path / "empty.duckdb", lang="en")
    assert not at.exception
    assert any("No figures yet" in w.value for w in at.warning)


def test_an_import_by_another_process_is_seen_at_the_next_rerun(app: Callable[..., AppTest], demo_copy: Path) -> None:
    """The cache is keyed by the database's stamp: a write that does not go through this server
    (the command line; here the store directly, without clearing any cache) shows at the next rerun."""
    at = app(demo_copy, year="2017")
    assert any("15/19" in m.value for m in at.markdown)
    fix = "unit_code,year,inspection_round,improved\nLS-H-TPLS,2017,1,có\n".encode()
    assert import_file(Store(demo_copy), fix, "dinh_chinh.csv", "cli").batch
    at.run()
    assert any("16/19" in m.value for m in at.markdown)


def test_the_table_by_type_fits_at_1440_and_stacks_on_a_phone(app: Callable[..., AppTest], demo_db: Path) -> None:
    """Issue 24: the table had twelve columns and hid six at 1440 px, step reduction among them."""
    from ui.by_type import CHURN, RATES
    from ui.downloads import ROOM_PX

    at = app(demo_db, year="2017")
    element = next(d for d in at.dataframe if "Loại đơn vị" in d.value.columns)
    grid = element.value
    config = json.loads(element.proto.columns)
    widths = [int(config[c]["width"]) for c in grid.columns]
    assert len(widths) == 8 and sum(widths) <= ROOM_PX  # every column has its width; long cells wrap in it
    assert {"Giảm bước", "Cải tiến", "Quy trình bỏ · mới · sửa"} <= set(grid.columns)
    departments = grid.set_index("Loại đơn vị").loc["Cơ quan chuyên môn cấp tỉnh"]
    assert departments["Báo cáo"] == "21/21"
    assert re.fullmatch(r"\d+,\d% \(\d+/21\)", departments["Áp dụng ISO"])  # the rate says its own n
    assert re.fullmatch(r"\d+,\d% \(n=[\d.]+\)", departments["Giảm bước"])
    assert re.fullmatch(r"\d+,\d · \d+,\d · \d+,\d", departments["Quy trình bỏ · mới · sửa"])
    assert len(RATES) + len(CHURN) == 8  # every metric of the table is still there
    phone = next(m.value for m in at.markdown if "**Cơ quan chuyên môn cấp tỉnh**" in m.value)
    assert f"Giảm bước: **{departments['Giảm bước']}**" in phone.replace("\\", "")
