"""The committee's inspection plan for a year: who to inspect and why (Decision 19/2014: at least a
third of the units on site each year). Pure logic over named store reads; no streamlit, no duckdb."""

from plan.model import Plan, PlanUnit, Reason
from plan.rules import propose

__all__ = ["Plan", "PlanUnit", "Reason", "propose"]
