"""Ranks, bands, targets and change on last year, on hand-computed figures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics import get, rank, reference_lines, target_band, type_median, with_change
from metrics.compare import target_bands


def _values(values: list[float]) -> pd.DataFrame:
    codes = [f"u{i}" for i in range(1, len(values) + 1)]
    return pd.DataFrame({"unit_code": codes, "value": values})


def test_rank_with_ties_and_nan() -> None:
    out = rank(_values([0.5, 0.9, math.nan, 0.9, 0.7]), "higher")
    assert out["unit_code"].tolist() == ["u2", "u4", "u5", "u1", "u3"]
    assert out["rank"].tolist()[:4] == [1, 1, 3, 4]
    assert out["rank"].isna().tolist() == [False] * 4 + [True]
    assert out["band"].isna().tolist() == [False] * 4 + [True]


def test_rank_lower_is_better() -> None:
    out = rank(_values([3.0, 1.0, 2.0]), "lower")
    assert out["unit_code"].tolist() == ["u2", "u3", "u1"]
    assert out["rank"].tolist() == [1, 2, 3]


def test_rank_by_another_id_column() -> None:
    frame = pd.DataFrame({"unit_type": ["b", "a"], "value": [0.5, 0.5]})
    out = rank(frame, "higher", id_col="unit_type")
    assert out["unit_type"].tolist() == ["a", "b"]
    assert out["rank"].tolist() == [1, 1]


def test_rank_refuses_a_neutral_metric() -> None:
    with pytest.raises(ValueError, match="neutral"):
        rank(_values([1.0]), get("net_processes_per_unit").better)


def test_quartile_bands_on_eight_values() -> None:
    out = rank(_values([8, 7, 6, 5, 4, 3, 2, 1]), "higher")
    assert out["band"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]


def test_quartile_bands_share_on_ties_and_keep_the_best_in_band_one() -> None:
    tied = rank(_values([8, 7, 7, 5, 4, 3, 2, 1]), "higher")
    assert tied["band"].tolist() == [1, 1, 1, 2, 3, 3, 4, 4]
    three = rank(_values([3, 2, 1]), "higher")
    assert three["band"].tolist() == [1, 2, 3]


def test_target_band_floor() -> None:
    floor = get("inspection_coverage")
    assert target_band(41 / 122, floor) == "met"
    assert target_band(41 / 123, floor) == "met"  # exactly one third
    assert target_band(0.30, floor) == "below"  # a legal floor has no "near"
    assert target_band(0.90, floor) == "met"


def test_target_band_goal() -> None:
    goal = get("coverage")
    assert target_band(1.0, goal) == "met"
    assert target_band(0.95, goal) == "near"
    assert target_band(0.90, goal) == "near"
    assert target_band(0.85, goal) == "below"


def test_target_band_none() -> None:
    assert target_band(0.8, get("improvement_rate")) == "none"
    assert target_band(math.nan, get("coverage")) == "none"
    assert target_band(None, get("coverage")) == "none"
    bands = target_bands(pd.Series([1.0, 0.5, math.nan]), get("iso2015_rate"))
    assert bands.tolist() == ["met", "below", "none"]


def test_with_change_on_previous_year() -> None:
    frame = pd.DataFrame(
        {
            "unit_code": ["a", "a", "b", "b", "c"],
            "year": [2016, 2017, 2016, 2017, 2017],
            "value": [0.5, 0.8, 0.9, 0.7, 0.6],
            "rank": pd.array([2, 1, 1, 2, 3], dtype="Int64"),
        }
    )
    out = with_change(frame, ["unit_code"])
    assert list(out.index) == list(frame.index)
    row_a = out.iloc[1]
    assert row_a["prev_value"] == 0.5
    assert row_a["change"] == pytest.approx(0.3)
    assert row_a["rank_change"] == 1
    assert out.iloc[3]["rank_change"] == -1
    assert math.isnan(out.iloc[0]["change"])  # 2015 is not in the frame
    assert math.isnan(out.iloc[4]["prev_value"])  # c has no 2016
    assert pd.isna(out.iloc[4]["rank_change"])


def test_with_change_without_rank() -> None:
    frame = pd.DataFrame({"year": [2016, 2017], "value": [0.75, 0.8]})
    out = with_change(frame, [])
    assert "rank_change" not in out.columns
    assert out["change"].iloc[1] == pytest.approx(0.05)


def test_reference_lines() -> None:
    values = pd.Series([0.5, 0.9, math.nan, 0.7, 0.6])
    assert reference_lines(values) == {
        "best": 0.9,
        "average": pytest.approx(0.675),
        "median": pytest.approx(0.65),
    }
    assert reference_lines(values, "lower")["best"] == 0.5
    assert math.isnan(reference_lines(values, "neutral")["best"])
    assert math.isnan(reference_lines(pd.Series([math.nan]))["average"])


def test_type_median() -> None:
    frame = pd.DataFrame(
        {
            "year": [2017] * 4,
            "unit_type": ["cqcm_tinh", "cqcm_tinh", "cqcm_tinh", "ubnd_huyen"],
            "unit_code": ["a", "b", "c", "d"],
            "coverage": [1.0, 0.5, 0.8, 0.4],
        }
    )
    out = type_median(frame, ["coverage"])
    assert out.to_dict("records") == [
        {"year": 2017, "unit_type": "cqcm_tinh", "coverage": 0.8},
        {"year": 2017, "unit_type": "ubnd_huyen", "coverage": 0.4},
    ]
