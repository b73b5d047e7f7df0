"""A leader's own view through AppTest: `me=` marks the unit in the compare ranking (chart and table),
the series and the type × year table; a bad code gets a message; the profile opens on it with its rank
within its type over the years; a colleague's URL reproduces the view."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from metrics import REGISTRY, evaluate, rank
from metrics.ranking import rank_text, rank_year
from store import Store
from ui.mine import MARK


def _open(app: Callable[..., AppTest], db: Path, page: str, **params: str) -> AppTest:
    at = app(db, **params)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(f"pages/{page}.py").run()


def _param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[-1] if isinstance(value, list) else str(value)


def test_me_is_marked_in_the_ranking_chart_table_and_series(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, "compare", lang="en", year="2017", me="LS-STP")
    assert not at.exception, at.exception
    ranking = at.dataframe[0].value
    marked = [n for n in ranking["Unit"] if n.startswith(MARK)]
    assert marked == [f"{MARK}Sở Tư pháp"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["meta"]["my_unit"] == "LS-STP"
    widths = spec["data"][0]["marker"]["line"]["width"]
    assert widths.count(3) == 1 and widths.index(3) == spec["layout"]["meta"]["my_bar"]
    assert any("★ My unit" in a.get("text", "") for a in spec["layout"]["annotations"])
    assert "LS-STP" in _param(at, "units")  # my unit among the units side by side by default
    assert _param(at, "me") == "LS-STP"


def test_the_type_by_year_table_has_years_as_columns_and_units_on_demand(app: Callable[..., AppTest],
                                                                          demo_db: Path) -> None:
    at = _open(app, demo_db, "compare", lang="vi", year="2017", me="LS-STP", types="cqcm_tinh")
    grid = at.dataframe[-1].value
    assert list(grid.columns)[:3] == ["Loại đơn vị", "2007", "2008"] and len(grid) == 1
    at.toggle(key="compare_grid_units").set_value(True).run()
    grid = at.dataframe[-1].value
    assert "2017" in grid.columns and f"{MARK}Sở Tư pháp" in list(grid["Đơn vị"])
    assert _param(at, "grid_units") == "1"


def test_a_bad_me_gets_a_message_in_the_users_language(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, "compare", lang="vi", year="2017", me="KHONG-CO")
    assert not at.exception
    assert any("KHONG\\-CO" in w.value or "KHONG-CO" in w.value for w in at.warning)
    assert not [n for n in at.dataframe[0].value["Đơn vị"] if str(n).startswith(MARK)]


def test_the_profile_opens_on_my_unit_with_its_rank_over_the_years(app: Callable[..., AppTest],
                                                                   demo_db: Path) -> None:
    at = _open(app, demo_db, "profile", lang="en", me="LS-STP", metric="step_reduction_rate")
    assert not at.exception, at.exception
    assert at.selectbox(key="profile_unit").value == "LS-STP"
    assert "Rank within its unit type (Provincial specialised agency) over the years" in [s.value for s in at.subheader]
    column = "Rank (95% interval) / units"
    ranks = next(d.value for d in at.dataframe if column in d.value.columns)
    row = ranks[ranks["Year"] == "2017"].iloc[0]
    assert row[column] == _expected_rank(demo_db, "LS-STP", 2017)
    assert row["Difference from the overall rate"] in {"above", "no clear difference", "below"}


def _expected_rank(db: Path, code: str, year: int) -> str:
    """The unit's rank, with its interval, among the provincial agencies on step reduction, from the store."""
    counts = Store(db).counts(["year", "unit_code"], (year, year), unit_types=["cqcm_tinh"])
    metric = REGISTRY["step_reduction_rate"]
    ranked = rank(evaluate(counts, metric.key), metric.better)
    found = ranked.set_index("unit_code")["rank"]
    interval = rank_year(evaluate(counts, metric.key), metric).set_index("unit_code")
    assert interval.loc[code, "rank"] == found[code]  # the interval sits around the plain rank
    assert interval.loc[code, "rank_lo"] <= found[code] <= interval.loc[code, "rank_hi"]
    text = rank_text(found[code], interval.loc[code, "rank_lo"], interval.loc[code, "rank_hi"], "en")
    return f"{text}/{int(found.notna().sum())}"


def test_a_colleague_with_the_url_sees_the_same(app: Callable[..., AppTest], demo_db: Path) -> None:
    first = _open(app, demo_db, "compare", lang="en", year="2017", me="LS-STP")
    url = {k: _param(first, k) for k in first.query_params}
    again = _open(app, demo_db, "compare", **url)  # a new session: nothing but the URL
    assert again.dataframe[0].value.equals(first.dataframe[0].value)
    assert isinstance(again.dataframe[0].value, pd.DataFrame)


def test_my_unit_is_marked_in_the_completeness_table_and_the_plan(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, "completeness", lang="vi", year="2017", me="LS-STP", gaps="0")
    assert not at.exception, at.exception
    assert f"{MARK}Sở Tư pháp" in list(at.dataframe[0].value["Đơn vị"])
    at = _open(app, demo_db, "inspection_plan", lang="vi", plan_year="2018", me="LS-STP")
    assert any(f"**{MARK}Sở Tư pháp**" in m.value for m in at.markdown)  # the plan is a list, not a table
