"""The inspection plan on the demo database: the rules against the inspections themselves, saving
(who, when, a second save kept apart), plan vs done, and `python -m plan` with its exit codes."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from plan import export
from plan.build import add, current, proposal, remove, save, vs_done
from plan.gather import gather
from store import Store

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plan", *args], cwd=ROOT, capture_output=True, text=True)


def _must(store: Store, year: int) -> set[str]:
    """Every unit the rules require, worked out here from the raw tables, not by the plan's query."""
    units = store.units()
    end = pd.Timestamp(year=year, month=12, day=31)
    scope = units[(units["valid_from"].isna() | (pd.to_datetime(units["valid_from"]) <= end))
                  & (units["valid_to"].isna() | (pd.to_datetime(units["valid_to"]) >= end))]
    insp = store.inspections()
    insp = insp[insp["year"] < year].sort_values(["year", "inspection_round"])
    last = insp.groupby("unit_code").tail(1).set_index("unit_code")
    must = set()
    for code in scope["unit_code"]:
        if code not in last.index or last.loc[code, "year"] < year - 3 or not bool(last.loc[code, "improved"]):
            must.add(code)
    lin = store.lineage()
    moved = lin[(pd.to_datetime(lin["event_date"]).dt.year == year - 1) & lin["successor_code"].notna()
                & lin["kind"].isin(["merge", "split", "rename"])]
    return must | (set(moved["successor_code"]) & set(scope["unit_code"]))


@pytest.mark.parametrize("year", [2018, 2026])
def test_the_plan_holds_a_third_and_every_unit_the_rules_require(demo_db: Path, year: int) -> None:
    store = Store(demo_db)
    plan = proposal(gather(store, year))
    assert len(plan.planned) >= math.ceil(plan.in_scope / 3)
    assert _must(store, year) <= set(plan.codes())
    assert all(u.reasons for u in plan.planned)


def test_2026_lists_the_units_reorganised_in_2025(demo_db: Path) -> None:
    plan = proposal(gather(Store(demo_db), 2026))
    reorganised = {u.unit_code for u in plan.units for r in u.reasons if r.code == "reorganised"}
    assert {"LS-SNNMT", "LS-STC", "LS-SDTTG", "LS-XA-LVT"} <= reorganised
    assert plan.in_scope == 69


def test_a_saved_plan_keeps_who_when_and_the_committees_reasons(demo_copy: Path) -> None:
    store = Store(demo_copy)
    plan = proposal(gather(store, 2018))
    first, extra = plan.codes()[0], "LS-SNV" if "LS-SNV" not in plan.codes() else "LS-STP"
    edited = remove(add(plan, extra, "Sở", "cqcm_tinh", "Theo chỉ đạo của UBND tỉnh"), first, "=1+1 vừa kiểm tra")
    done = save(store, edited, "lan")
    again = current(gather(store, 2018))
    assert again == done and again.saved_by == "lan" and again.saved_at is not None
    assert extra in again.codes() and first not in again.codes()
    assert [u.note for u in again.removed] == ["=1+1 vừa kiểm tra"]
    replaced = proposal(gather(store, 2018)).based_on(again)
    assert save(store, replaced, "minh").saved_by == "minh"  # a second save is a new plan
    assert current(gather(store, 2018)).codes() == proposal(gather(store, 2018)).codes()


def test_plan_vs_done_in_a_year_with_inspections(demo_db: Path) -> None:
    store = Store(demo_db)
    plan = proposal(gather(store, 2018))
    found = vs_done(gather(store, plan.year), plan)
    inspected = set(store.inspected_units(2018))
    assert found is not None
    assert set(found.planned_not_inspected) == set(plan.codes()) - inspected
    assert set(found.inspected_not_planned) == inspected - set(plan.codes())
    assert vs_done(gather(store, 2026), proposal(gather(store, 2026))) is None


@pytest.mark.slow
def test_cli_json_lists_the_plan(demo_db: Path) -> None:
    done = _cli("--year", "2018", "--db", str(demo_db), "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["year"] == 2018 and found["in_scope"] == 122
    assert len(found["units"]) >= math.ceil(122 / 3)
    assert _must(Store(demo_db), 2018) <= {u["unit_code"] for u in found["units"]}
    assert all(u["reasons"] and u["unit_name"] for u in found["units"])
    assert found["units"][0]["reasons"][0].startswith(("Not inspected", "Its last inspection", "Unit "))


@pytest.mark.slow
def test_cli_writes_the_annex_files(demo_copy: Path, tmp_path: Path) -> None:
    store = Store(demo_copy)
    plan = proposal(gather(store, 2018))
    save(store, remove(plan, plan.codes()[0], "=HYPERLINK(\"x\")"), "lan")
    for suffix in ("xlsx", "pdf", "csv"):
        out = tmp_path / f"plan.{suffix}"
        done = _cli("--year", "2018", "--db", str(demo_copy), "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 500
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    csv = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv
    sheet = pd.read_excel(tmp_path / "plan.xlsx", engine="calamine")
    assert next(iter(sheet.columns)) == "STT" and len(sheet) == len(plan.units)


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "20x8"], "Năm kế hoạch 20x8 không dùng được"),
    (["--year", "2040"], f"chọn một năm từ 2008 đến {max(2026, dt.date.today().year + 1)}"),
    (["--year", "2018", "--out", "plan.doc"], "chỉ nhận tệp .xlsx, .pdf hoặc .csv"),
    ([], "thiếu --year"),
])
@pytest.mark.slow
def test_cli_bad_input_exits_2_with_a_message(demo_db: Path, args: list[str], message: str) -> None:
    done = _cli(*args, "--db", str(demo_db))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_cli_on_an_empty_database_says_so(tmp_path: Path) -> None:
    done = _cli("--year", "2018", "--db", str(tmp_path / "none.duckdb"), "--lang", "en")
    assert done.returncode == 2 and "holds no figures yet" in done.stderr


def test_export_frame_in_english(demo_db: Path) -> None:
    frame = export.frame(proposal(gather(Store(demo_db), 2018)), "en")
    assert list(frame.columns)[:3] == ["No.", "Unit code", "Unit"]
