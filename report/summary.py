"""The year in words: a short written summary of a year, as the newspaper article writes it, in the
reader's language. Every number comes from the metric registry (`metrics.evaluate`) over the gathered
counts (`report.facts.Facts`); every sentence from the catalogue (`summary.*`). Nothing is typed in."""

from __future__ import annotations

import pandas as pd

from common import settings
from common.i18n import fmt_num, fmt_pct, t
from common.unit_types import UNIT_TYPE_CODES
from metrics import MIN_RELIABLE_N, evaluate, get
from metrics.funnel import is_better
from metrics.like import MIN_MATCHED, Matched, matched_change, reorganisation
from metrics.ranking import rank_year
from metrics.shown import reorganisation_text
from metrics.years import year_status
from report.facts import Facts

CHANGE_METRICS = ("coverage", "inspection_coverage", "improvement_rate", "step_reduction_rate")
LEAD_METRIC = "step_reduction_rate"  # the ranking's metric: the share of steps cut
LEADERS = 3


def _label(key: str, lang: str) -> str:
    """A metric's label inside a sentence: first letter small unless it starts an acronym (ISO)."""
    label = get(key).label(lang)
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _one(counts: pd.DataFrame, key: str, year: int) -> pd.Series:
    """One metric's row (value, numerator, denominator, small) for a year of a by-year counts frame."""
    values = evaluate(counts, key).set_index("year")
    return values.loc[year] if year in values.index else pd.Series(dtype="float64")


def _n(value: object, lang: str) -> str:
    return fmt_num(None if value is None or pd.isna(value) else float(value), lang)  # type: ignore[arg-type]


def adoption(by_year: pd.DataFrame, by_type: pd.DataFrame, year: int, lang: str, partial: bool = False) -> str:
    """How many units apply ISO 9001, of how many in scope (of how many reported, in a partly reported
    year, which never speaks for the province), and by type."""
    cov = _one(by_year, "coverage", year)
    per_type = evaluate(by_type, "coverage").set_index("unit_type")["numerator"]
    # An int, not formatted text: English chooses agency/agencies by it (a type has under a thousand units).
    parts = [t(f"summary.type.{c}", lang, count=int(per_type[c]))
             for c in UNIT_TYPE_CODES if c in per_type.index and per_type[c] > 0]
    figures = dict(applying=_n(cov.get("numerator"), lang), share=fmt_pct(cov.get("value"), lang),
                   types=", ".join(parts))
    if partial:
        return t("fair.adoption_partial", lang, reporting=_n(cov.get("denominator"), lang), **figures)
    return t("summary.adoption", lang, year=year, in_scope=_n(cov.get("denominator"), lang), **figures)


def opening(by_year: pd.DataFrame, lineage: pd.DataFrame | None, year: int, lang: str) -> list[str]:
    """What to know before the figures: how few units a partly reported year rests on, a reorganisation."""
    out: list[str] = []
    status = year_status(by_year, settings.complete_share()).get(year)
    if status is not None and not status.complete:
        out.append(t("fair.partial", lang, year=year, reporting=_n(status.reporting, lang),
                     in_scope=_n(status.in_scope, lang)))
    said = "" if lineage is None else reorganisation_text(reorganisation(by_year, lineage, year), lang)
    if said:
        out.append(t("fair.reorganised_words", lang, year=year, text=said))
    return out


def _partial(by_year: pd.DataFrame, year: int) -> bool:
    status = year_status(by_year, settings.complete_share()).get(year)
    return status is not None and not status.complete


def inspections(by_year: pd.DataFrame, rounds: pd.DataFrame, year: int, lang: str) -> str:
    """The units inspected, against the one-third floor, how many improved, and each round."""
    done = _one(by_year, "inspection_coverage", year)
    if not done.get("numerator"):
        return t("summary.no_inspections", lang, year=year)
    better = _one(by_year, "improvement_rate", year)
    per_round = evaluate(rounds, "improvement_rate") if not rounds.empty else rounds
    lines = [t("summary.round", lang, round=int(r["inspection_round"]), k=_n(r["numerator"], lang),
               n=_n(r["denominator"], lang), rate=fmt_pct(r["value"], lang)) for _, r in per_round.iterrows()]
    return t("summary.inspections", lang, inspected=_n(done["numerator"], lang), share=fmt_pct(done["value"], lang),
             improved=_n(better.get("numerator"), lang), rate=fmt_pct(better.get("value"), lang),
             rounds="; ".join(lines))


def processes(by_year: pd.DataFrame, year: int, lang: str) -> str:
    """Processes removed, new and amended (totals and per unit), and the steps cut."""
    values = {k: _one(by_year, f"processes_{k}_per_unit", year) for k in ("removed", "new", "amended")}
    steps = _one(by_year, "step_reduction_rate", year)
    words = {f"{k}": _n(v.get("numerator"), lang) for k, v in values.items()}
    per = {f"{k}_per_unit": fmt_num(v.get("value"), lang, 1) for k, v in values.items()}
    return t("summary.processes", lang, **words, **per, units=_n(values["new"].get("denominator"), lang),
             saved=_n(steps.get("numerator"), lang), before=_n(steps.get("denominator"), lang),
             step_rate=fmt_pct(steps.get("value"), lang))


def change(facts: Facts, lang: str) -> str:
    """What changed since last year, metric by metric, over the units with figures in both years (rolled up
    through the lineage, metrics.like); neutral in a partly reported year (no rise or fall is concluded)."""
    year, by_year = facts.year, facts.last_two_years()
    if facts.rolled is None or year - 1 not in set(by_year["year"]):
        return t("summary.no_change", lang, prev=year - 1)
    partial = _partial(by_year, year)
    matched = [matched_change(facts.rolled, key, year) for key in CHANGE_METRICS]
    if not any(m.enough for m in matched):  # one sentence, not one "not compared" per metric
        return t("fair.none_compared", lang, prev=year - 1, n=_n(max(m.units for m in matched), lang), min=MIN_MATCHED)
    items = [_change_item(m, key, partial, lang) for m, key in zip(matched, CHANGE_METRICS, strict=True)]
    if partial:
        return t("fair.change_partial", lang, prev=year - 1, items="; ".join(items))
    lineage = facts.lineage if facts.lineage is not None else pd.DataFrame({"event_date": []})
    how = "fair.how_lineage" if reorganisation(by_year, lineage, year).reorganised else "fair.how_plain"
    return t("fair.change", lang, prev=year - 1, how=t(how, lang), items="; ".join(items))


def _change_item(m: Matched, key: str, neutral: bool, lang: str) -> str:
    """One metric's change over its matched units, or why it is not compared."""
    if not m.enough:
        return t("fair.change_too_few", lang, metric=_label(key, lang), n=_n(m.units, lang), min=MIN_MATCHED)
    verdict = m.change.verdict
    said = "" if verdict == "none" or (neutral and m.change.clear) else t(f"fair.verdict_{verdict}", lang)
    return t("fair.change_item", lang, metric=_label(key, lang), before=fmt_pct(m.before[0] / m.before[1], lang),
             now=fmt_pct(m.now[0] / m.now[1], lang), delta=get(key).change_text(m.change.change, lang),
             n=_n(m.units, lang), verdict=said)


def leaders(by_unit: pd.DataFrame, lang: str) -> str | None:
    """The units clearly above and clearly below their type's overall rate on the ranking's metric (funnel
    class, metrics.ranking), at most LEADERS each; None when too few units have figures to compare."""
    metric = get(LEAD_METRIC)
    values = evaluate(by_unit, LEAD_METRIC).assign(unit_name=by_unit["unit_name"].to_numpy())
    values = values[values["denominator"] > 0].dropna(subset=["value"])
    if len(values) < 2 * LEADERS:
        return None
    classed = pd.concat([rank_year(part, metric) for _, part in values.groupby("unit_type", sort=True)])
    ordered = classed.sort_values(["value", "unit_name"], ascending=[False, True])
    better = ordered[[is_better(c, metric) is True for c in ordered["class"]]]
    worse = ordered[[is_better(c, metric) is False for c in ordered["class"]]]

    def names(rows: pd.DataFrame) -> str:
        found = ", ".join(f"{r.unit_name} ({fmt_pct(r.value, lang)})" for r in rows.itertuples())
        return found or t("fair.leaders_none", lang)

    if better.empty and worse.empty:
        return t("fair.leaders_no_difference", lang, metric=_label(LEAD_METRIC, lang), count=_n(len(values), lang))
    return t("fair.leaders", lang, metric=_label(LEAD_METRIC, lang), top=names(better.head(LEADERS)),
             bottom=names(worse.tail(LEADERS).iloc[::-1]), count=_n(len(values), lang))


def caveats(by_year: pd.DataFrame, rounds: pd.DataFrame, year: int, lang: str) -> list[str]:
    """What to read with care: a year not all units reported yet, rates resting on few units."""
    out: list[str] = []
    row = by_year.set_index("year").loc[year]
    # Complete or not by the one rule the pages use (metrics.years, setting CCHC_COMPLETE_SHARE); a partly
    # reported year has said how few reported first thing (opening); here it is read as a caveat to close.
    if _partial(by_year, year):
        out.append(t("summary.incomplete", lang, year=year, reporting=_n(row["units_reporting"], lang),
                     in_scope=_n(row["units_in_scope"], lang)))
    elif row["units_with_figures"] < row["units_reporting"]:  # complete, but not every report has processes
        out.append(t("summary.partial_figures", lang, figures=_n(row["units_with_figures"], lang),
                     reporting=_n(row["units_reporting"], lang)))
    if not rounds.empty:
        small = evaluate(rounds, "improvement_rate")
        small = small[small["small"] & (small["denominator"] > 0)]
        if not small.empty:
            out.append(t("summary.small", lang, rounds=", ".join(str(int(r)) for r in small["inspection_round"]),
                         min=MIN_RELIABLE_N))
    return out


def summary(facts: Facts, lang: str) -> list[str]:
    """The year in words: paragraphs in `lang`, every number from the metric registry."""
    year, by_year, rounds = facts.year, facts.last_two_years(), facts.rounds
    paragraphs = [*opening(by_year, facts.lineage, year, lang),
                  adoption(by_year, facts.by_type, year, lang, _partial(by_year, year)),
                  inspections(by_year, rounds, year, lang), processes(by_year, year, lang), change(facts, lang),
                  leaders(facts.by_unit, lang), *caveats(by_year, rounds, year, lang)]
    return [p for p in paragraphs if p]


# The characters that make Markdown or HTML of a unit's name; the sentences' own (.,:;()%-) need none.
_MARKUP = set("\\`*_[]<>#|~")


def _plain(text: str) -> str:
    return "".join(f"\\{c}" if c in _MARKUP else c for c in text)


def markdown(facts: Facts, lang: str) -> str:
    """The summary alone as a Markdown document: a heading and its paragraphs (data text kept plain)."""
    body = "\n\n".join(_plain(p) for p in summary(facts, lang))
    return f"# {t('summary.title', lang, year=facts.year)}\n\n{body}\n"
