"""Column names used by more than one layer, declared once: the yearly figures of a unit and
the count columns of a counts frame (what the store aggregates and the metrics divide)."""

from __future__ import annotations

COUNT_FIGURES: tuple[str, ...] = (
    "processes_total", "processes_removed", "processes_new", "processes_amended",
    "steps_before", "steps_after", "procedures_total", "procedures_under_iso",
)
FIGURE_COLUMNS: tuple[str, ...] = ("iso_version", *COUNT_FIGURES)

COUNT_COLUMNS: tuple[str, ...] = (
    "units_in_scope", "units_reporting", "units_applying", "units_iso2015", "units_with_figures",
    *COUNT_FIGURES,
    "units_inspected", "units_improved", "continuity_checked", "continuity_breaks",
)

# Counts derived from two others as a difference: pandas (metrics.compute.with_derived) and the
# store's per-unit medians both compute them from this one declaration.
DERIVED_DIFFERENCES: dict[str, tuple[str, str]] = {
    "processes_net": ("processes_new", "processes_removed"),
    "steps_saved": ("steps_before", "steps_after"),
    "continuity_ok": ("continuity_checked", "continuity_breaks"),
}
