"""The plan's one trip to the store: gather reads everything once; the proposal, the saved plan, the current
plan and plan vs done are composed from that value alone, even with the database gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.errors import InputError
from plan.build import add, current, proposal, remove, save, saved, vs_done
from plan.gather import gather
from store import Store


def test_the_plan_composes_from_the_facts_alone(demo_copy: Path) -> None:
    store = Store(demo_copy)
    plan = proposal(gather(store, 2018))
    save(store, remove(add(plan, "LS-SNV", "Sở Nội vụ", "cqcm_tinh", "Theo chỉ đạo"), plan.codes()[0], "Vừa kiểm"),
         "lan")
    facts = gather(store, 2018)
    demo_copy.unlink()  # nothing below may read the store again
    assert not store.exists()
    found = saved(facts)
    assert found is not None and found.saved_by == "lan" and found == current(facts)
    assert found.in_scope == facts.in_scope == 122 and "LS-SNV" in found.codes()
    assert proposal(facts) == plan
    done = vs_done(facts, found)
    assert done is not None and set(done.inspected_not_planned) == set(facts.inspected) - set(found.codes())


def test_the_facts_hold_what_the_store_says(demo_db: Path) -> None:
    store = Store(demo_db)
    facts = gather(store, 2018)
    assert facts.units.equals(store.plan_facts(2018))
    assert facts.inspected == tuple(store.inspected_units(2018)) and facts.saved_head is None
    assert set(facts.figures.columns) == {"unit_code", "step_reduction_rate", "procedures_iso_share"}
    assert gather(store, 2026).inspected == ()  # no inspections yet: nothing to hold the plan against


@pytest.mark.parametrize("year", [2007, 2040])
def test_gather_refuses_a_year_that_cannot_be_planned(demo_db: Path, year: int) -> None:
    with pytest.raises(InputError) as caught:
        gather(Store(demo_db), year)
    assert caught.value.key == "plan.bad_year"


def test_gather_on_a_database_without_data_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        gather(Store(tmp_path / "none.duckdb"), 2018)
    assert caught.value.key == "plan.no_data"
