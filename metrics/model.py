"""The shape of a metric declaration and the columns a counts frame may carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from common.columns import COUNT_COLUMNS as COUNT_COLUMNS  # declared once, shared with the store
from common.columns import DERIVED_DIFFERENCES
from common.i18n import MISSING, fmt_num, fmt_pct, fmt_signed, norm_lang

Unit = Literal["percent", "per_unit"]
# "neutral": a change in either direction can be good news, so the metric is not ranked.
Better = Literal["higher", "lower", "neutral"]
TargetKind = Literal["floor", "goal"]


# Columns `metrics.compute.with_derived` adds, with the formula it uses.
DERIVED_COLUMNS: dict[str, str] = {name: f"{a} − {b}" for name, (a, b) in DERIVED_DIFFERENCES.items()}

# The columns that may identify a row of a counts frame (its grain).
KEY_COLUMNS: tuple[str, ...] = (
    "year",
    "unit_type",
    "unit_code",
    "admin_level",
    "inspection_round",
)


@dataclass(frozen=True)
class Metric:
    """One metric: what it is called, what it means, how it is computed, what it aims at."""

    key: str
    label_vi: str
    label_en: str
    definition_vi: str
    definition_en: str
    formula: str
    unit: Unit
    better: Better
    numerator: str
    denominator: str
    denominator_label_vi: str
    denominator_label_en: str
    target: float | None = None
    target_kind: TargetKind | None = None
    # The legal text that sets its definition or target, or that it is the dashboard's own: one line, shown by
    # the methodology page and the briefing's definitions (issue 24).
    source_vi: str = ""
    source_en: str = ""
    interval: bool = False
    decimals: int = 1  # the format of its values: a share as 78,9%, a per-unit figure as 3,4
    formula_vi: str = ""  # the formula in words, for people ("số bước giảm ÷ số bước trước")
    formula_en: str = ""

    def formula_text(self, lang: str) -> str:
        """The formula in words in the given language (the code names when none is written)."""
        text = self.formula_en if norm_lang(lang) == "en" else self.formula_vi
        return text or self.formula

    def text(self, value: float | None, lang: str) -> str:
        """A value in the metric's format and the language's separators; – when missing."""
        if value is None or value != value:  # NaN
            return MISSING
        if self.unit == "percent":
            return fmt_pct(value, lang, self.decimals)
        return fmt_num(value, lang, self.decimals)

    def flagged_text(self, value: float | None, den: float | None, small: bool, lang: str) -> str:
        """The value, and when it rests on few cases a ⚠ with its n: "0,0% ⚠ n=1"."""
        text = self.text(value, lang)
        return f"{text} ⚠ n={fmt_num(den, lang)}" if small else text

    def change_text(self, change: float | None, lang: str) -> str:
        """A change of the metric with its sign: +2,4 điểm % for a share, +0,3 for a per-unit figure."""
        return fmt_signed(change, lang, self.decimals, pct=self.unit == "percent")

    @property
    def cell_kind(self) -> Literal["pct", "num1"]:
        """How a download keeps the value: a share formatted as a percentage, or a number with one decimal."""
        return "pct" if self.unit == "percent" else "num1"

    @property
    def d3_format(self) -> str:
        """The same format for Plotly's hover texts (d3-format)."""
        return f".{self.decimals}%" if self.unit == "percent" else f".{self.decimals}f"

    @property
    def tick_format(self) -> str:
        """Plotly's axis tick format: whole percentages for a share, Plotly's own otherwise."""
        return ".0%" if self.unit == "percent" else ""

    def label(self, lang: str) -> str:
        """The label in the given language."""
        return self.label_en if norm_lang(lang) == "en" else self.label_vi

    def definition(self, lang: str) -> str:
        """The plain-language definition in the given language."""
        return self.definition_en if norm_lang(lang) == "en" else self.definition_vi

    def source(self, lang: str) -> str:
        """The legal source of its definition or target, or that the dashboard defines it, in the given language."""
        return self.source_en if norm_lang(lang) == "en" else self.source_vi

    def target_note(self, lang: str) -> str:
        """Where the target comes from, in the given language ("" when there is none)."""
        return "" if self.target is None else self.source(lang)

    def denominator_label(self, lang: str) -> str:
        """What the denominator counts, in the given language."""
        return (
            self.denominator_label_en
            if norm_lang(lang) == "en"
            else self.denominator_label_vi
        )
