"""The plan's rules on small hand-made frames: each rule alone, the one-third floor, the tie-break."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from plan import propose
from plan.model import Reason


def _facts(rows: Sequence[tuple[str, float | None, object, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"unit_code": c, "unit_name": f"Đơn vị {c}", "unit_type": "cqcm_tinh", "last_year": y,
          "last_improved": imp, "event_kind": kind, "event_date": pd.Timestamp("2025-03-01") if kind else pd.NaT}
         for c, y, imp, kind in rows])


NO_FIGURES = pd.DataFrame(columns=["unit_code", "step_reduction_rate", "procedures_iso_share"])


def test_each_rule_puts_its_unit_on_the_plan_with_its_reason() -> None:
    facts = _facts([("A", 2022.0, True, None), ("B", None, None, None), ("C", 2025.0, False, None),
                    ("D", 2025.0, True, "merge"), ("E", 2025.0, True, None), ("F", 2024.0, True, None)])
    plan = propose(facts, NO_FIGURES, 2026)
    reasons = {u.unit_code: [r.code for r in u.reasons] for u in plan.units}
    assert reasons["A"] == ["not_inspected"] and reasons["B"] == ["not_inspected"]
    assert reasons["C"] == ["no_improvement"] and reasons["D"] == ["reorganised"]
    assert "E" not in reasons and "F" not in reasons  # four required already exceed ⌈6 / 3⌉ = 2


def test_the_floor_is_filled_longest_ago_first_then_weakest_figures() -> None:
    facts = _facts([(c, 2025.0, True, None) for c in "PQRS"] + [("T", 2023.0, True, None), ("U", 2024.0, True, None)]
                   + [(c, 2025.0, True, None) for c in "VWXYZ"] + [("K", 2024.0, True, None)])
    figures = pd.DataFrame({"unit_code": ["U", "K"], "step_reduction_rate": [0.6, 0.2],
                            "procedures_iso_share": [0.9, 0.9]})
    plan = propose(facts, figures, 2026)
    assert plan.in_scope == 12 and plan.floor == math.ceil(12 / 3) == 4
    assert plan.codes() == ["T", "K", "U", "P"]  # 2023, then the two 2024 units weakest first, then by code
    assert all(r.code == "longest_ago" for u in plan.units for r in u.reasons)


def test_reasons_read_in_both_languages() -> None:
    reason = Reason("not_inspected", {"first": 2023, "until": 2025, "last": None})
    assert reason.text("vi") == "Không được kiểm tra trong 3 năm 2023–2025 (lần gần nhất: chưa từng)"
    assert reason.text("en") == "Not inspected in the three years 2023–2025 (last: never)"
    tie = Reason("longest_ago", {"last": 2024, "year": 2025, "step_reduction_rate": 0.5, "procedures_iso_share": None})
    assert "giảm bước 50,0%" in tie.text("vi") and "procedures under ISO –" in tie.text("en")
    merged = Reason("reorganised", {"kind": "merge", "date": "01/03/2025"})
    assert merged.text("vi") == "Đơn vị hợp nhất ngày 01/03/2025"
