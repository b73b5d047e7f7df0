"""What a plan is: units with their reasons, in order; reasons are codes with values, put into words
in the reader's language only when shown."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from common.i18n import fmt_pct, t

# The reasons the rules give, in the order they are checked; then the committee's own.
RULE_REASONS = ("not_inspected", "no_improvement", "reorganised", "longest_ago")
COMMITTEE_ADDED = "committee_added"
NOTE_MAX = 500  # characters of a committee note: a page of the annex holds it whole in its narrow column


@dataclass(frozen=True)
class Reason:
    """Why a unit is on the plan: a catalogue code and the values its sentence needs."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The reason as a sentence in `lang`."""
        params = {k: _word(k, v, lang) for k, v in self.params.items()}
        return t(f"plan.reason.{self.code}", lang, **params)

    def as_json(self) -> dict[str, object]:
        """The reason as stored: {"code", "params"}."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Reason:
        """A reason read back from a saved plan."""
        params = raw.get("params")
        return cls(str(raw["code"]), dict(params) if isinstance(params, dict) else {})


def _word(name: str, value: object, lang: str) -> object:
    """Values that are themselves words: the kind of reorganisation, a missing last inspection."""
    if name == "kind":
        return t(f"plan.event.{value}", lang)
    if name == "last" and value is None:
        return t("plan.never", lang)
    if isinstance(value, float) or value is None:  # the recent figures: shares, – when missing
        return fmt_pct(value, lang)
    return value


@dataclass(frozen=True)
class PlanUnit:
    """One unit on (or taken off) the plan."""

    unit_code: str
    unit_name: str
    unit_type: str
    reasons: tuple[Reason, ...]
    included: bool = True
    note: str | None = None  # the committee's reason for adding or removing it

    @property
    def required(self) -> bool:
        """Whether a rule other than "longest ago" puts the unit on the plan."""
        return any(r.code in RULE_REASONS[:3] for r in self.reasons)


@dataclass(frozen=True)
class Plan:
    """The plan for one year: the units in scope, the floor, and the units with reasons."""

    year: int
    in_scope: int
    units: tuple[PlanUnit, ...]
    saved_by: str | None = None
    saved_at: dt.datetime | None = None
    plan_id: int | None = None  # the saved plan this is, or was edited from (None: the rules' proposal)

    @property
    def floor(self) -> int:
        """At least a third of the units in scope, rounded up."""
        return math.ceil(self.in_scope / 3)

    @property
    def planned(self) -> tuple[PlanUnit, ...]:
        """The units on the plan."""
        return tuple(u for u in self.units if u.included)

    @property
    def removed(self) -> tuple[PlanUnit, ...]:
        """The units the committee took off, with its reason."""
        return tuple(u for u in self.units if not u.included)

    def codes(self) -> list[str]:
        """The codes of the units on the plan."""
        return [u.unit_code for u in self.planned]

    def edited(self, units: tuple[PlanUnit, ...]) -> Plan:
        """The same plan with other units (and not yet saved); it remembers the saved plan it started from."""
        return replace(self, units=units, saved_by=None, saved_at=None)

    def based_on(self, other: Plan) -> Plan:
        """This plan's units as an edit of `other` (a plan saved meanwhile, which the person chose to replace)."""
        return replace(other, units=self.units, saved_by=None, saved_at=None)


@dataclass(frozen=True)
class TwoPlans:
    """A plan someone saved meanwhile and one's own, unit by unit: what only one of them plans, and the
    units both take off or add with different notes."""

    only_theirs: tuple[PlanUnit, ...]
    only_mine: tuple[PlanUnit, ...]
    noted_apart: tuple[tuple[PlanUnit, PlanUnit], ...]  # (theirs, mine) of a unit with other notes

    @classmethod
    def of(cls, theirs: Plan, mine: Plan) -> TwoPlans:
        """The differences between two plans of one year."""
        a, b = {u.unit_code: u for u in theirs.planned}, {u.unit_code: u for u in mine.planned}
        both_notes = {u.unit_code: u for u in theirs.units}
        apart = tuple((both_notes[u.unit_code], u) for u in mine.units
                      if u.unit_code in both_notes and (u.note or "") != (both_notes[u.unit_code].note or ""))
        return cls(tuple(u for c, u in a.items() if c not in b), tuple(u for c, u in b.items() if c not in a), apart)

    @property
    def same(self) -> bool:
        """Whether the two plans plan the same units with the same notes."""
        return not (self.only_theirs or self.only_mine or self.noted_apart)
