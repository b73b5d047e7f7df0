"""The committee's inspection plan for a year: who to inspect and why (Decision 19/2014: at least a
third of the units on site each year). One read (plan.gather → plan.facts.PlanFacts), then pure composition:
the rules (plan.rules), the saved plan and edits (plan.build), the paged list (plan.listing), the annex
(plan.export). No streamlit, no duckdb."""

from plan.model import Plan, PlanUnit, Reason
from plan.rules import propose

__all__ = ["Plan", "PlanUnit", "Reason", "propose"]
