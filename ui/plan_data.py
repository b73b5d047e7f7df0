"""The plan of a year as the page reads it: gathered once per data stamp (plan.gather), composed once, and handed
to every session as the same frozen values (ui.shared), not read again per session."""

from __future__ import annotations

import pandas as pd

from plan import build, listing
from plan.facts import PlanFacts
from plan.gather import gather
from plan.model import Plan
from ui import data
from ui.shared import shared


def _facts(year: int) -> PlanFacts:
    """What the plan of `year` rests on (plan.gather); InputError when the year cannot be planned."""
    return gather(data.store(), year, data.year_range())  # the span as the pages read it (cached)


facts = shared(_facts)


def _plans(year: int) -> tuple[Plan, Plan | None, pd.DataFrame]:
    found = facts(year)
    proposal, saved = build.proposal(found), build.saved(found)
    return proposal, saved, listing.rows(saved or proposal, found.units)


_composed = shared(_plans)


def proposal(year: int) -> Plan:
    """The plan the rules propose for `year`."""
    return _composed(year)[0]


def saved(year: int) -> Plan | None:
    """The last plan saved for `year`, or None."""
    return _composed(year)[1]


def current(year: int) -> Plan:
    """The plan of `year`: the one saved last, else the rules' proposal."""
    return saved(year) or proposal(year)


def rows(year: int) -> pd.DataFrame:
    """The current plan of `year` as the list the page pages through (plan.listing.rows); do not change it."""
    return _composed(year)[2]
