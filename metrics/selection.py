"""Which metrics the committee's summary shows, in which order: the overview page and the
printed briefing read the same lists, so they always show the same figures."""

from __future__ import annotations

CARD_METRICS: tuple[str, ...] = ("coverage", "inspection_coverage", "improvement_rate", "step_reduction_rate",
                                 "procedures_iso_share", "iso2015_rate")
TREND_METRICS: tuple[str, ...] = ("coverage", "improvement_rate", "step_reduction_rate")
TABLE_METRICS: tuple[str, ...] = ("coverage", "inspection_coverage", "improvement_rate",
                                  "processes_removed_per_unit", "processes_new_per_unit",
                                  "processes_amended_per_unit", "step_reduction_rate", "procedures_iso_share")
