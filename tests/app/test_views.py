"""The view pages (trends, compare, profile, completeness, methodology) through AppTest: both
languages, URLs with filters already set, bad parameters, and a database with only a few rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from store import BatchMeta, Store

PAGES = ("trends", "compare", "profile", "completeness", "methodology")
TITLES = {
    "vi": {"trends": "Xu hướng áp dụng", "compare": "So sánh đơn vị", "profile": "Hồ sơ đơn vị",
           "completeness": "Độ đầy đủ số liệu", "methodology": "Phương pháp tính"},
    "en": {"trends": "Adoption trends", "compare": "Compare units", "profile": "Unit profile",
           "completeness": "Data completeness", "methodology": "Methodology"},
}


def open_page(app: Callable[..., AppTest], db: Path, page: str, **params: str) -> AppTest:
    """Run the dashboard with the URL's parameters, then go to one page (as a link to it would)."""
    at = app(db, **params)
    for key, value in params.items():  # the overview may have rewritten the URL: a link carries its own
        at.query_params[key] = value
    return at.switch_page(f"pages/{page}.py").run()


def _param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[-1] if isinstance(value, list) else str(value)


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "warning", "info", "success")
             for e in getattr(at, kind)]
    return " ".join(str(p) for p in parts)


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(app: Callable[..., AppTest], demo_db: Path, page: str,
                                              lang: str) -> None:
    at = open_page(app, demo_db, page, lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value.startswith(TITLES[lang][page])  # the profile adds its unit's name
    assert not at.warning
    if page != "methodology":
        assert _frames(at), "every view has at least one table"


def test_compare_from_a_link_with_filters_set(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "compare", lang="en", year="2017", types="cqcm_tinh",
                   metric="procedures_iso_share", units="LS-SNV,LS-STC")
    assert not at.exception
    assert at.selectbox(key="compare_metric").value == "procedures_iso_share"
    assert at.selectbox(key="compare_year").value == 2017
    assert at.multiselect(key="compare_units").value == ["LS-SNV", "LS-STC"]
    ranking = _frames(at)[0]
    assert list(ranking.columns[:3]) == ["Rank (95% interval)", "Unit", "Share of procedures under ISO"]
    assert ranking["Rank (95% interval)"].iloc[0].split(" ")[0] == "1"
    assert "98.4%" in ranking.loc[ranking["Unit"] == "Sở Nội vụ", "Share of procedures under ISO"].tolist()
    # The class against the group's rate (funnel), not a quartile band (issue 22).
    assert {"Change on previous year", "Rank movement", "Difference from the overall rate"} <= set(ranking.columns)
    assert not ranking["Band"].str.startswith("Quartile").any()  # only the target's bands remain
    assert set(ranking["Difference from the overall rate"]) <= {"above", "no clear difference", "below", "–"}
    series = _frames(at)[1]
    assert set(series.columns) == {"Year", "Sở Nội vụ", "Sở Tài chính"}
    assert _param(at, "units") == "LS-SNV,LS-STC" and _param(at, "types") == "cqcm_tinh"


def test_compare_in_vietnamese_uses_vietnamese_numbers_and_links_to_the_definition(
        app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "compare", lang="vi", year="2017", metric="procedures_iso_share")
    ranking = _frames(at)[0]
    assert "98,4%" in ranking["Tỷ lệ TTHC áp dụng ISO"].tolist()
    assert any(v.endswith("điểm %") for v in ranking["So với năm trước"])
    assert re.search(r"\(methodology\?[^)]*lang=vi[^)]*#procedures_iso_share\)", _texts(at))  # with the view


def test_changing_the_metric_changes_the_ranking_and_the_url(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "compare", lang="en", year="2017")
    before = _frames(at)[0]
    from ui.filters import RANKED_METRICS

    assert _param(at, "metric") == "step_reduction_rate"  # the default; another one must change the ranking
    at.selectbox(key="compare_metric").select_index(RANKED_METRICS.index("procedures_iso_share")).run()
    assert _param(at, "metric") == "procedures_iso_share"
    assert not _frames(at)[0].equals(before)


def test_the_ranking_chart_marks_best_and_average(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "compare", lang="vi", year="2017", metric="step_reduction_rate")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = " ".join(trace.get("name", "") for trace in spec["data"] if trace.get("showlegend") is not False)
    assert "tốt nhất" in legend and "trung bình" in legend  # in the legend, never over the ticks
    names = [a.get("text", "") for a in spec["layout"]["annotations"]]
    assert any(n.startswith("1. ") for n in names)  # unit names above their bars, not in a column beside them
    assert spec["layout"]["yaxis"]["showticklabels"] is False
    assert spec["layout"]["separators"] == ",."


def test_a_bad_parameter_gets_a_message_and_the_default(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "compare", lang="en", metric="nonsense", types="cqcm_tinh,bogus")
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert "nonsense" in warned and "bogus" in warned
    assert at.selectbox(key="compare_metric").value == "step_reduction_rate"


def test_trends_from_a_link_with_a_year_range_and_types(app: Callable[..., AppTest], demo_db: Path) -> None:
    # Vietnamese: AppTest formats option labels outside the script run, where the language is the default.
    at = open_page(app, demo_db, "trends", lang="vi", years="2010-2017", types="ubnd_huyen,cqcm_tinh", rollup="0")
    assert not at.exception
    assert at.slider(key="trends_years").value == (2010, 2017)
    yearly = _frames(at)[-1]
    assert yearly["Năm"].tolist() == [str(y) for y in range(2010, 2018)]
    assert yearly.loc[yearly["Năm"] == "2017", "Đơn vị trong phạm vi"].item() == "32"  # 21 sở + 11 huyện
    assert "Đợt 1" in json.dumps(json.loads(at.get("plotly_chart")[3].proto.spec), ensure_ascii=False)
    at.toggle(key="trends_rollup").set_value(True).run()
    assert _param(at, "rollup") == "1" and _param(at, "types") == "ubnd_huyen,cqcm_tinh"
    rolled = _frames(at)[-1]  # merged departments now count once, under today's successor
    assert int(rolled.loc[rolled["Năm"] == "2017", "Đơn vị trong phạm vi"].item()) < 32


def test_trends_marks_the_2021_deadline_and_the_2025_change(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "trends", lang="vi")
    specs = " ".join(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart"))
    assert "30/06/2021" in specs and "2025: sáp nhập" in specs
    assert "1/7/2025" in _texts(at)


def test_profile_shows_lineage_history_and_the_rollup(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = open_page(app, demo_db, "profile", lang="vi", unit="LS-SNV", metric="procedures_iso_share")
    assert not at.exception
    frames = _frames(at)
    lineage = next(f for f in frames if "Đơn vị tiền thân" in f.columns)
    assert "Sở Lao động - Thương binh và Xã hội" in lineage["Đơn vị tiền thân"].tolist()
    figures = next(f for f in frames if "Số quy trình" in f.columns)
    row = figures[figures["Năm"] == "2017"].iloc[0]
    assert (row["Số quy trình"], row["Số TTHC"], row["TTHC áp dụng ISO"]) == ("46", "62", "61")
    assert "Gộp vào đơn vị kế thừa hiện nay: Sở Nội vụ" in _texts(at)


def test_completeness_lists_a_unit_that_did_not_report_as_missing(app: Callable[..., AppTest],
                                                                  demo_db: Path) -> None:
    at = open_page(app, demo_db, "completeness", lang="vi", year="2019")
    assert not at.exception
    gaps = _frames(at)[0]
    row = gaps[gaps["Báo cáo năm"] == "thiếu"]
    assert len(row) == 1  # LS-TTDGTS has no report for 2019 in the demo files
    assert "0" not in row.iloc[0].tolist()
    breaks = _frames(at)[1]
    assert {"2012", "2015", "2021"} <= set(breaks["Năm"])


def test_methodology_lists_every_metric_and_the_legal_sources(app: Callable[..., AppTest], demo_db: Path) -> None:
    from metrics import REGISTRY

    at = open_page(app, demo_db, "methodology", lang="en")
    headings = [h.value for h in at.subheader]
    assert [m.label_en for m in REGISTRY.values()] == headings
    text = _texts(at)
    for source in ("QĐ 19/2014/QĐ-TTg", "TT 26/2014/TT-BKHCN", "CV 419/BKHCN-TĐC", "Illustrative"):
        assert source in text


# A database with only a few imported rows: one unit type, a gap year, one unit that never reported.
UNITS = pd.DataFrame({
    "unit_code": ["A", "B", "C"], "unit_name": ["Sở A", "Sở B", "Sở =C"], "short_name": [None] * 3,
    "unit_type": ["cqcm_tinh"] * 3, "admin_level": ["tinh"] * 3, "parent_code": [None] * 3,
    "valid_from": [None] * 3, "valid_to": [None] * 3, "source_row": [2, 3, 4],
})


def _figures(code: str, year: int, total: int) -> dict[str, object]:
    return {"unit_code": code, "year": year, "iso_version": 2008, "processes_total": total,
            "processes_removed": 4, "processes_new": 10, "processes_amended": 20, "steps_before": 30,
            "steps_after": 15, "procedures_total": 40, "procedures_under_iso": 38, "source_row": 2}


@pytest.fixture
def tiny_db(tmp_path: Path) -> Path:
    """Two years (2015, 2017) with 2016 empty; unit C never reports."""
    store = Store(tmp_path / "tiny.duckdb")
    figures = pd.DataFrame([_figures("A", 2015, 40), _figures("B", 2015, 30), _figures("A", 2017, 52)])
    inspections = pd.DataFrame({"unit_code": ["A"], "year": [2017], "inspection_round": [1],
                                "inspected_on": [dt.date(2017, 6, 15)], "improved": [True], "note": [None],
                                "source_row": [2]})
    store.commit({"units": UNITS, "unit_years": figures, "inspections": inspections},
                 BatchMeta("tiny.csv", "sha-tiny", "tester", 1))
    return store.path


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_a_tiny_database(app: Callable[..., AppTest], tiny_db: Path, page: str,
                                             lang: str) -> None:
    at = open_page(app, tiny_db, page, lang=lang, unit="A")
    assert not at.exception, at.exception
    assert at.title[0].value.startswith(TITLES[lang][page])  # the profile adds its unit's name


def test_tiny_database_missing_is_missing_not_zero(app: Callable[..., AppTest], tiny_db: Path) -> None:
    at = open_page(app, tiny_db, "completeness", lang="en", year="2016")
    gaps = _frames(at)[0]
    assert sorted(gaps["Unit"]) == ["Sở =C", "Sở A", "Sở B"]
    assert set(gaps["Yearly report"]) == {"missing"}
    at = open_page(app, tiny_db, "compare", lang="en", year="2017", metric="procedures_iso_share")
    ranking = _frames(at)[0]
    assert ranking["Share of procedures under ISO"].tolist() == ["95.0%", "–", "–"]
    assert ranking["Rank (95% interval)"].tolist() == ["1", "–", "–"]  # alone in its group: no interval to show


def test_tiny_database_with_a_type_that_has_no_units(app: Callable[..., AppTest], tiny_db: Path) -> None:
    at = open_page(app, tiny_db, "compare", lang="en", types="ubnd_xa")
    assert not at.exception
    assert any("No unit of the chosen types" in w.value for w in at.warning)


def test_completeness_lists_the_first_breaks_and_says_how_many_there_are(app: Callable[..., AppTest],
                                                                         tmp_path: Path) -> None:
    from bench.scale_data import build

    db = build(tmp_path / "messy.duckdb", 2000, messy=True)
    every = Store(db).continuity_breaks((2006, 2025))
    for lang, said in (("vi", f"{len(every):,}".replace(",", ".") + " trường hợp"),
                       ("en", f"{len(every):,} continuity breaks; the table lists the first 200")):
        at = open_page(app, db, "completeness", lang=lang)
        assert not at.exception
        assert said in _texts(at)
        breaks = _frames(at)[1]
        assert len(breaks) == 200
        assert breaks.iloc[:, 0].tolist() == every["year"].astype(str).head(200).tolist()
