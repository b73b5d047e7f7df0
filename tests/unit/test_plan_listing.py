"""The plan's list as a person pages through it (issue 26): every unit in scope once, the annex's numbers,
filters by status, type and reason, a search without diacritics, pages of 50."""

from __future__ import annotations

import pandas as pd

from plan import listing
from plan.build import add, remove
from plan.model import Plan, PlanUnit, Reason

NAMES = {"A": "Sở Tài chính", "B": "Sở Nội vụ", "C": "UBND xã Đồng Đăng", "D": "Phòng Tư pháp", "E": "Sở Y tế"}
TYPES = {"A": "cqcm_tinh", "B": "cqcm_tinh", "C": "ubnd_xa", "D": "phong_huyen", "E": "cqcm_tinh"}


def _plan() -> Plan:
    units = (PlanUnit("C", NAMES["C"], "ubnd_xa", (Reason("not_inspected", {}), Reason("reorganised", {}))),
             PlanUnit("A", NAMES["A"], "cqcm_tinh", (Reason("longest_ago", {}),)),
             PlanUnit("D", NAMES["D"], "phong_huyen", (Reason("no_improvement", {}),)))
    plan = Plan(2026, 5, units)
    return remove(add(plan, "E", NAMES["E"], "cqcm_tinh", "Theo chỉ đạo"), "A", "Vừa kiểm tra")


def _scope() -> pd.DataFrame:
    return pd.DataFrame({"unit_code": list(NAMES), "unit_name": list(NAMES.values()),
                         "unit_type": list(TYPES.values())})


def test_every_unit_in_scope_once_the_plan_numbered_as_the_annex() -> None:
    rows = listing.rows(_plan(), _scope())
    assert list(rows["unit_code"]) == ["C", "D", "E", "A", "B"]
    assert list(rows["number"].astype("object").where(rows["number"].notna(), None)) == [1, 2, 3, None, None]
    assert list(rows["status"]) == ["planned", "planned", "planned", "taken_off", "not_planned"]
    assert listing.by_status(rows) == {"planned": 3, "taken_off": 1, "not_planned": 1, "all": 5}


def test_filters_and_the_search_keep_only_what_matches() -> None:
    rows = listing.rows(_plan(), _scope())

    def codes(**asked: str) -> list[str]:
        return list(listing.matching(rows, listing.Query(**asked))["unit_code"])

    assert codes() == ["C", "D", "E"]  # the plan, by default
    assert codes(status="all", unit_type="cqcm_tinh") == ["E", "A", "B"]
    assert codes(status="all", reason="reorganised") == ["C"] and codes(reason="committee_added") == ["E"]
    assert codes(status="all", reason="not") == []  # a reason is a whole code, not part of one
    assert codes(status="all", text="dong dang") == ["C"]  # without diacritics, đ as d
    assert codes(status="all", text="SỞ  tài") == ["A"] and codes(status="all", text="ls-") == []
    assert codes(status="all", text="noi vu b") == ["B"]  # every word, in the name or the code
    assert codes(status="taken_off") == ["A"] and codes(status="not_planned", text="xyz") == []


def test_pages_of_fifty() -> None:
    codes = [f"U{i:05d}" for i in range(123)]
    plan = Plan(2026, 123, tuple(PlanUnit(c, c, "ubnd_xa", (Reason("longest_ago", {}),)) for c in codes))
    scope = pd.DataFrame({"unit_code": codes, "unit_name": codes, "unit_type": "ubnd_xa"})
    found = listing.matching(listing.rows(plan, scope), listing.Query())
    assert listing.pages(len(found)) == 3 and listing.pages(0) == 1
    assert list(listing.page(found, 3)["number"]) == list(range(101, 124))
    assert len(listing.page(found, 1)) == 50 and listing.page(found, 4).empty
