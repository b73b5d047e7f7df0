"""The demo database, built through the real import code, reproduces every figure of the article."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics import evaluate
from store import Store

ARTICLE_2017 = {"cqcm_tinh": 21, "ubnd_huyen": 11, "dvsn_so": 13, "phong_huyen": 34, "dvsn_qlnn": 25, "ubnd_xa": 18}


def test_122_units_report_for_2017_by_type(demo_db: Path) -> None:
    by_type = Store(demo_db).counts(["unit_type"], (2017, 2017)).set_index("unit_type")
    assert by_type["units_reporting"].to_dict() == ARTICLE_2017
    assert by_type["units_applying"].to_dict() == ARTICLE_2017
    assert by_type["units_applying"].sum() == 122


def test_2017_round_1_inspects_19_of_which_15_improved(demo_db: Path) -> None:
    rounds = Store(demo_db).rounds(["year", "inspection_round"], (2017, 2017))
    first = rounds[rounds["inspection_round"] == 1].iloc[0]
    assert (first["units_inspected"], first["units_improved"]) == (19, 15)
    rate = evaluate(rounds, "improvement_rate").iloc[0]
    assert round(rate["value"], 3) == 0.789


def test_at_least_a_third_inspected_each_year_about_40_once_all_apply(demo_db: Path) -> None:
    years = Store(demo_db).counts(["year"], (2007, 2025)).set_index("year")
    assert (years["units_inspected"] * 3 >= years["units_applying"]).all()
    full = years.loc[2017:2024]
    assert full["units_applying"].between(121, 122).all()
    assert full["units_inspected"].between(41, 43).all()


def test_about_80_percent_improve(demo_db: Path) -> None:
    years = Store(demo_db).counts(["year"], (2007, 2025))
    rates = evaluate(years, "improvement_rate")["value"]
    assert rates.between(0.72, 0.88).all()
    assert abs(rates.mean() - 0.80) < 0.03


def test_churn_and_step_cuts_per_unit_year(demo_db: Path) -> None:
    figures = Store(demo_db).unit_years().dropna(subset=["processes_removed"])
    assert figures["processes_removed"].between(4, 10).all()
    assert figures["processes_new"].between(10, 20).all()
    assert abs(figures["processes_amended"].mean() - 25) < 1.5
    simplified = figures.dropna(subset=["steps_before"])
    # each simplified process goes from 7–10 steps to 3–5: the totals keep those bounds per process
    ratio = simplified["steps_after"] / simplified["steps_before"]
    assert ratio.between(3 / 10, 5 / 7).all()


def test_so_noi_vu_2017(demo_db: Path) -> None:
    row = Store(demo_db).unit_years(unit_codes=["LS-SNV"], years=[2017]).iloc[0]
    assert (row["processes_total"], row["procedures_total"]) == (46, 62)
    assert row["procedures_under_iso"] / row["procedures_total"] > 0.95
    assert row["iso_version"] == 2008


def test_iso_versions_move_2000_2008_2015(demo_db: Path) -> None:
    uy = Store(demo_db).unit_years().dropna(subset=["iso_version"])
    versions = uy.groupby("year")["iso_version"].agg(["min", "max"])
    assert versions.loc[2008].tolist() == [2000, 2000]
    assert versions.loc[2010:2017, "max"].eq(2008).all() and versions.loc[2010:2017, "min"].eq(2008).all()
    assert versions.loc[2018, "max"] == 2015 and versions.loc[2018, "min"] == 2008
    assert versions.loc[2021:, "min"].eq(2015).all()


def test_the_2025_reorganisation_is_lineage(demo_db: Path) -> None:
    store = Store(demo_db)
    lineage = store.lineage()
    merges = lineage[lineage["event_date"] == pd.Timestamp("2025-03-01")]
    assert set(merges["predecessor_code"]) >= {"LS-SKHDT", "LS-SGTVT", "LS-STNMT", "LS-SNNPTNT", "LS-STTTT",
                                                "LS-SLDTBXH", "LS-BDT"}
    abolished = lineage[(lineage["kind"] == "abolish") & (lineage["event_date"] == pd.Timestamp("2025-07-01"))]
    units = store.units().set_index("unit_code")
    assert set(units.loc[abolished["predecessor_code"], "unit_type"]) == {"ubnd_huyen", "phong_huyen"}
    assert len(abolished) == 45


def test_rolled_up_the_merged_departments_count_in_their_successors(demo_db: Path) -> None:
    store = Store(demo_db)
    plain = store.counts(["unit_code"], (2017, 2017), unit_types=["cqcm_tinh"])
    rolled = store.counts(["unit_code"], (2017, 2017), unit_types=["cqcm_tinh"], rollup=True)
    assert "LS-SKHDT" in set(plain["unit_code"]) and "LS-SKHDT" not in set(rolled["unit_code"])
    stc = rolled.set_index("unit_code").loc["LS-STC"]
    parts = plain.set_index("unit_code").loc[["LS-STC", "LS-SKHDT"], "processes_total"].sum()
    assert stc["processes_total"] == parts


def test_every_demo_batch_is_marked_illustrative(demo_db: Path) -> None:
    store = Store(demo_db)
    batches = store.batches()
    assert len(batches) == 20 and batches["is_demo"].all()
    assert store.has_demo_data()
