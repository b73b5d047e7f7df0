"""Issue 22's done-when, on databases built here with the store's writer: 16 provincial departments with the
same true step reduction are not told apart by compare (classes, rank moves), one truly 30 points below is;
a group that changed between two years is said to have changed; compare and profile in both languages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from store import BatchMeta, Store
from tests.app.test_views import open_page

DEPARTMENTS = 16
STEPS = 40
CLASS = {"vi": "Khác biệt so với mức chung", "en": "Difference from the overall rate"}
MOVE = {"vi": "Thay đổi hạng", "en": "Rank movement"}
WORDS = {"vi": {"cao hơn", "chưa rõ khác biệt", "thấp hơn"}, "en": {"above", "no clear difference", "below"}}


def _units(gone: int = 0) -> pd.DataFrame:
    """The departments; the last `gone` of them dissolved on 1/3/2025."""
    codes = [f"D{i:02d}" for i in range(DEPARTMENTS)]
    ends = [None] * (DEPARTMENTS - gone) + [dt.date(2025, 3, 1)] * gone
    return pd.DataFrame({"unit_code": codes, "unit_name": [f"Sở {c}" for c in codes], "short_name": None,
                         "unit_type": "cqcm_tinh", "admin_level": "tinh", "parent_code": None, "valid_from": None,
                         "valid_to": ends, "source_row": range(2, DEPARTMENTS + 2)})


def _figures(rng: np.random.Generator, year: int, rates: list[float], steps: list[int],
             codes: list[str]) -> list[dict[str, object]]:
    cut = rng.binomial(steps, rates)
    return [{"unit_code": c, "year": year, "iso_version": 2015, "processes_total": 50, "processes_removed": 2,
             "processes_new": 3, "processes_amended": 5, "steps_before": n, "steps_after": n - int(k),
             "procedures_total": 60, "procedures_under_iso": 55, "source_row": 2 + i}
            for i, (c, n, k) in enumerate(zip(codes, steps, cut, strict=True))]


def _build(path: Path, years: dict[int, tuple[list[float], list[int]]], gone: int = 0, seed: int = 2024) -> Path:
    """A database of the departments with, each year, plain binomial noise around each one's true rate."""
    rng = np.random.default_rng(seed)
    units = _units(gone)
    rows = [r for year, (rates, steps) in years.items()
            for r in _figures(rng, year, rates, steps, list(units["unit_code"][:len(rates)]))]
    store = Store(path)
    store.commit({"units": units, "unit_years": pd.DataFrame(rows)}, BatchMeta("fair.csv", "sha-fair", "tester", 1))
    return store.path


@pytest.fixture
def equal_db(tmp_path: Path) -> Path:
    """Every department cuts half its steps, in truth, in 2023 and 2024; 40 steps each."""
    same = ([0.5] * DEPARTMENTS, [STEPS] * DEPARTMENTS)
    return _build(tmp_path / "equal.duckdb", {2023: same, 2024: same})


def _ranking(app: Callable[..., AppTest], db: Path, lang: str, year: int,
             **params: str) -> tuple[AppTest, pd.DataFrame]:
    at = open_page(app, db, "compare", lang=lang, year=str(year), types="cqcm_tinh", metric="step_reduction_rate",
                   **params)
    assert not at.exception, at.exception
    return at, at.dataframe[0].value


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_equal_departments_are_not_told_apart(app: Callable[..., AppTest], equal_db: Path, lang: str) -> None:
    _, ranking = _ranking(app, equal_db, lang, 2024)
    assert len(ranking) == DEPARTMENTS
    assert set(ranking[CLASS[lang]]) <= WORDS[lang]
    apart = ranking[CLASS[lang]].isin({"cao hơn", "thấp hơn", "above", "below"})
    assert apart.sum() <= 2
    assert set(ranking[MOVE[lang]]) == {"≈"}  # no rise or fall drawn between two years of the same truth


def test_a_department_thirty_points_below_on_eighty_steps_is_classed_below(app: Callable[..., AppTest],
                                                                         tmp_path: Path) -> None:
    rates, steps = [0.2] + [0.5] * (DEPARTMENTS - 1), [80] + [STEPS] * (DEPARTMENTS - 1)
    db = _build(tmp_path / "laggard.duckdb", {2024: (rates, steps)})
    _, ranking = _ranking(app, db, "en", 2024)
    row = ranking[ranking["Unit"] == "Sở D00"].iloc[0]
    assert row["Difference from the overall rate"] == "below"
    others = ranking[ranking["Unit"] != "Sở D00"]
    assert (others["Difference from the overall rate"] != "no clear difference").sum() <= 2


@pytest.mark.parametrize(("lang", "said"), [("vi", "nhóm thay đổi: 16 → 14 đơn vị"),
                                             ("en", "group changed: 16 → 14 units")])
def test_a_changed_group_is_said_and_its_ranks_not_compared(app: Callable[..., AppTest], tmp_path: Path,
                                                           lang: str, said: str) -> None:
    all_, fewer = ([0.5] * DEPARTMENTS, [STEPS] * DEPARTMENTS), ([0.5] * 14, [STEPS] * 14)
    db = _build(tmp_path / "changed.duckdb", {2024: all_, 2025: fewer}, gone=2)
    at, ranking = _ranking(app, db, lang, 2025)
    assert len(ranking) == 14
    assert any(said in i.value for i in at.info)
    assert set(ranking[MOVE[lang]]) == {"–"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compare_shows_the_funnel_and_downloads_the_class(app: Callable[..., AppTest], equal_db: Path,
                                                          lang: str) -> None:
    at, ranking = _ranking(app, equal_db, lang, 2024)
    funnels = [c for c in at.get("plotly_chart") if "p0" in c.proto.spec]
    assert funnels, "the funnel plot is drawn"
    ranks = ranking.iloc[:, 0]
    assert ranks.str.fullmatch(r"\d+( \(\d+–\d+\))?").all()  # "3 (1–9)"
    assert ranks.str.contains("–").sum() >= DEPARTMENTS - 2  # 40 steps each: most ranks are loose
    # The ranking's bars say the same in their hover: each bar's class and the ranks its figures allow.
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = next(f for f in specs if f["data"] and f["data"][0].get("orientation") == "h")
    hovers = [extra for _, extra in bars["data"][0]["customdata"]]
    said = {"vi": "hạng có thể từ", "en": "rank could be"}[lang]
    assert all(any(w in h for w in WORDS[lang]) and said in h for h in hovers)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_profile_shows_each_years_rank_with_its_interval(app: Callable[..., AppTest], equal_db: Path,
                                                             lang: str) -> None:
    at = open_page(app, equal_db, "profile", lang=lang, unit="D03", metric="step_reduction_rate")
    assert not at.exception, at.exception
    column = {"vi": "Hạng (khoảng 95%) / số đơn vị", "en": "Rank (95% interval) / units"}[lang]
    ranks = next(d.value for d in at.dataframe if column in d.value.columns)
    assert list(ranks.iloc[:, 0]) == ["2023", "2024"]
    assert ranks[column].str.fullmatch(r"\d+ \(\d+–\d+\)/16").all()
    assert set(ranks[CLASS[lang]]) <= WORDS[lang]
    # The rank history: the group's size each year as a step line, each rank with its interval.
    history = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"hv"' in c.proto.spec]
    assert len(history) == 1
    group, ranked = history[0]["data"][:2]
    assert group["name"] == {"vi": "Số đơn vị trong nhóm", "en": "Units in the group"}[lang]
    assert ranked["error_y"]["type"] == "data"


@pytest.mark.parametrize(("lang", "said"), [("vi", "trong 40 bước"), ("en", "of 40 steps")])
def test_the_methodology_works_an_example_from_the_data(app: Callable[..., AppTest], equal_db: Path,
                                                        lang: str, said: str) -> None:
    at = open_page(app, equal_db, "methodology", lang=lang)
    assert not at.exception, at.exception
    example = [m.value for m in at.markdown if said in m.value]
    assert len(example) == 1
    assert "2024" in example[0] and "16" in example[0]  # the latest year, the group's 16 departments
    assert any(f"**{word}**" in example[0] for word in WORDS[lang])
