"""Funnel limits, overdispersion, rank intervals, rank moves and a changed group (metrics.funnel, metrics.ranking),
on hand-computed figures and simulated provinces."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from metrics import get
from metrics.funnel import class_label, classify, dispersion, is_better, limits, z_scores
from metrics.ranking import group_change, history, move, move_text, rank_intervals, rank_text, rank_year, ranking

STEPS = get("step_reduction_rate")
PER_UNIT = get("processes_removed_per_unit")


def _binom_cdf(r: int, n: int, p: float) -> float:
    return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(r + 1))


def _interpolated(r: int, prob: float, cdf: Callable[[int], float]) -> float:
    """Spiegelhalter's interpolation between the counts r − 1 and r (2005, appendix)."""
    return r - (cdf(r) - prob) / (cdf(r) - cdf(r - 1))


def test_binomial_limits_are_the_papers_interpolated_exact_limits() -> None:
    cdf = lambda r: _binom_cdf(r, 100, 0.5)  # noqa: E731
    lo, hi = limits(0.5, 100, "95", "binomial")
    # P(R ≤ 39) < 0.025 ≤ P(R ≤ 40): the lower limit lies between 39 and 40 steps of 100.
    assert lo == pytest.approx(_interpolated(40, 0.025, cdf) / 100, abs=1e-9)
    assert hi == pytest.approx(_interpolated(60, 0.975, cdf) / 100, abs=1e-9)
    assert lo == pytest.approx(0.3968, abs=1e-4) and hi == pytest.approx(0.5932, abs=1e-4)
    lo3, hi3 = limits(0.5, 100, "998", "binomial")
    assert lo3 < lo and hi3 > hi  # 99.8% limits lie outside the 95% ones


def test_limits_narrow_with_n_and_meet_the_normal_ones_for_large_n() -> None:
    widths = [limits(0.3, n)[1] - limits(0.3, n)[0] for n in (10, 40, 160, 640)]
    assert widths == sorted(widths, reverse=True)
    lo, hi = limits(0.3, 5000)
    half = 1.959964 * math.sqrt(0.3 * 0.7 / 5000)
    assert (lo, hi) == pytest.approx((0.3 - half, 0.3 + half), abs=1e-6)


def test_poisson_limits_for_a_count_per_unit() -> None:
    cdf = lambda r: sum(math.exp(-3) * 3**k / math.factorial(k) for k in range(r + 1))  # noqa: E731
    lo, hi = limits(3.0, 1, "95", "poisson")
    assert hi == pytest.approx(_interpolated(7, 0.975, cdf), abs=1e-9)  # ≈ 6.39 processes
    assert lo == 0.0  # P(R = 0) = 0.05 > 0.025: no count is too low for one unit


def test_a_single_case_is_never_outside_the_limits() -> None:
    # 0 of 1 at a group rate of 95% happens one time in twenty: no evidence of a difference.
    lo, hi = limits(0.95, 1)
    assert lo == 0.0 and hi == pytest.approx(0.974, abs=1e-3)


def test_no_dispersion_on_plain_binomial_noise_but_some_when_units_truly_differ() -> None:
    rng = np.random.default_rng(7)
    n = np.full(30, 200)
    plain = pd.Series(rng.binomial(n, 0.5) / n)
    assert dispersion(z_scores(plain, pd.Series(n), 0.5, "binomial")) == 1.0
    spread = pd.Series(rng.binomial(n, rng.uniform(0.2, 0.8, 30)) / n)
    p0 = float(spread.mean())
    phi = dispersion(z_scores(spread, pd.Series(n), p0, "binomial"))
    assert phi > 4
    assert limits(p0, 200, phi=phi)[0] < limits(p0, 200)[0] - 0.05  # the limits widen by √φ


def _province(rng: np.random.Generator, rates: list[float], steps: list[int], year: int = 2024) -> pd.DataFrame:
    k = rng.binomial(steps, rates)
    return pd.DataFrame({"year": year, "unit_code": [f"S{i:02d}" for i in range(len(rates))], "numerator": k,
                         "denominator": steps, "value": k / np.array(steps), "small": False})


def test_equal_units_are_seldom_classed_apart() -> None:
    rng = np.random.default_rng(11)
    flagged = [int((classify(_province(rng, [0.5] * 16, [40] * 16), STEPS)["class"] != "within").sum())
               for _ in range(200)]
    assert np.mean(flagged) / 16 < 0.08  # about 5% by chance at 95% limits
    assert np.mean([f <= 2 for f in flagged]) > 0.9


def test_a_unit_thirty_points_below_on_eighty_steps_is_classed_below() -> None:
    rng = np.random.default_rng(12)
    for _ in range(50):
        classed = classify(_province(rng, [0.2] + [0.5] * 15, [80] + [40] * 15), STEPS)
        assert classed["class"].iloc[0] == "below"


def test_class_words_and_direction() -> None:
    assert [class_label(c, "vi") for c in ("above", "within", "below", None)] == [
        "cao hơn", "chưa rõ khác biệt", "thấp hơn", "–"]
    assert [class_label(c, "en") for c in ("above", "within", "below")] == ["above", "no clear difference", "below"]
    assert is_better("above", STEPS) is True and is_better("below", STEPS) is False
    assert is_better("within", STEPS) is None


def test_rank_intervals_are_deterministic_and_hold_the_rank() -> None:
    frame = _province(np.random.default_rng(3), [0.95] + [0.5] * 9, [100] * 10)
    first, again = rank_intervals(frame, STEPS), rank_intervals(frame, STEPS)
    assert first.equals(again)
    ranked = rank_year(frame, STEPS)
    assert (ranked["rank_lo"] <= ranked["rank"]).all() and (ranked["rank"] <= ranked["rank_hi"]).all()
    best = ranked.set_index("unit_code").loc["S00"]
    assert (best["rank"], best["rank_lo"], best["rank_hi"]) == (1, 1, 1)
    assert (ranked["rank_hi"] - ranked["rank_lo"]).iloc[1:].max() >= 4  # 30 steps each: ranks are loose
    assert rank_intervals(frame, STEPS, seed=99)["rank_lo"].notna().all()


def test_rank_and_move_texts() -> None:
    assert rank_text(3, 1, 9, "vi") == "3 (1–9)" and rank_text(1, 1, 1, "en") == "1"
    assert rank_text(pd.NA, pd.NA, pd.NA, "en") == "–"
    assert [move_text(m, "vi") for m in ("up", "down", "same", None)] == ["▲ tăng", "▼ giảm", "≈", "–"]


def test_a_move_counts_only_when_the_intervals_do_not_overlap() -> None:
    assert move(8, 12, 1, 4) == "up"
    assert move(1, 4, 8, 12) == "down"
    assert move(3, 9, 1, 5) == "same"
    assert move(pd.NA, pd.NA, 1, 5) is None


def test_group_change_compares_the_sets_of_units() -> None:
    before = pd.DataFrame({"year": 2024, "unit_code": [f"U{i}" for i in range(21)]})
    after = pd.DataFrame({"year": 2025, "unit_code": [f"U{i}" for i in range(14)]})
    assert group_change(pd.concat([before, after]), 2025) == (21, 14)
    same = pd.DataFrame({"year": 2025, "unit_code": [f"U{i}" for i in range(21)]})
    assert group_change(pd.concat([before, same]), 2025) is None
    assert group_change(after, 2025) is None  # no year before: nothing to compare
    renamed = same.assign(unit_code=[f"U{i}" for i in range(20)] + ["NEW"])
    assert group_change(pd.concat([before, renamed]), 2025) == (21, 21)  # same size, other units


def test_ranking_draws_no_moves_when_the_group_changed() -> None:
    rng = np.random.default_rng(5)
    values = pd.concat([_province(rng, [0.5] * 12, [40] * 12, 2024), _province(rng, [0.5] * 10, [40] * 10, 2025)])
    out = ranking(values, STEPS, 2025)
    assert out["move"].isna().all() and (out["group_before"] == 12).all()
    steady = pd.concat([_province(rng, [0.5] * 12, [40] * 12, 2024), _province(rng, [0.5] * 12, [40] * 12, 2025)])
    moves = ranking(steady, STEPS, 2025)["move"]
    assert set(moves) <= {"same", "up", "down"} and moves.notna().all()


def test_counts_per_unit_use_poisson_limits() -> None:
    frame = pd.DataFrame({"year": 2024, "unit_code": list("ABCDEF"), "numerator": [3, 4, 2, 3, 30, 3],
                          "denominator": 1, "small": False})
    frame["value"] = frame["numerator"] / frame["denominator"]
    classed = classify(frame, PER_UNIT)
    assert classed.loc[classed["unit_code"] == "E", "class"].item() == "above"
    assert set(classed.loc[classed["unit_code"] != "E", "class"]) == {"within"}


def _by_unit(rates: list[float], steps: list[int], seed: int = 4) -> pd.DataFrame:
    """The briefing's by-unit counts for one type: steps before and after each department's cuts."""
    cut = np.random.default_rng(seed).binomial(steps, rates)
    codes = [f"S{i:02d}" for i in range(len(rates))]
    return pd.DataFrame({"unit_code": codes, "unit_name": [f"Sở {c}" for c in codes], "unit_type": "cqcm_tinh",
                         "steps_before": steps, "steps_after": np.array(steps) - cut})


def test_the_year_in_words_names_no_leaders_among_equals() -> None:
    from report.summary import leaders

    text = leaders(_by_unit([0.5] * 16, [40] * 16), "en")
    assert text is not None and "no unit is clearly above or below" in text
    assert "Sở S" not in text  # no top three of point estimates


def test_the_year_in_words_names_a_unit_clearly_below() -> None:
    from report.summary import leaders

    text = leaders(_by_unit([0.2] + [0.5] * 15, [80] + [40] * 15), "vi")
    assert text is not None
    assert text.split("thấp hơn rõ:")[1].lstrip().startswith("Sở S00")


def test_a_units_rank_history_matches_the_full_ranking_of_each_year() -> None:
    rng = np.random.default_rng(8)
    values = pd.concat([_province(rng, [0.5] * 12, list(rng.integers(5, 60, 12)), year) for year in (2022, 2023, 2024)])
    mine = history(values, STEPS, "S03").set_index("year")
    for year, part in values.groupby("year"):
        full = rank_year(part, STEPS).set_index("unit_code").loc["S03"]
        assert (mine.loc[year, "rank"], mine.loc[year, "rank_lo"], mine.loc[year, "rank_hi"]) == (
            full["rank"], full["rank_lo"], full["rank_hi"])
        assert mine.loc[year, "ranked"] == 12
