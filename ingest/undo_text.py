"""What undoing a batch will do, as lines a person reads: the command line prints them, the page shows them."""

from __future__ import annotations

from common.i18n import fmt_num, t
from store import UndoSummary


def undo_lines(s: UndoSummary, lang: str) -> list[str]:
    """The batch (file, who, when, rows), what undoing it removes and restores, its years and units."""
    when = s.imported_at.strftime("%d/%m/%Y %H:%M")
    lines = [t("undo.summary_head", lang, batch=s.batch_id, file=s.file_name, who=s.imported_by, when=when,
               rows=fmt_num(s.rows_read, lang))]
    removes = {k: fmt_num(v, lang) for k, v in s.removes.items()}
    restores = {k: fmt_num(v, lang) for k, v in s.restores.items()}
    lines.append(t("undo.summary_removes", lang, figures=removes.get("unit_years", "0"),
                   rounds=removes.get("inspections", "0"), units=removes.get("units", "0")))
    lines.append(t("undo.summary_restores", lang, figures=restores.get("unit_years", "0"),
                   rounds=restores.get("inspections", "0")))
    years = ", ".join(str(y) for y in s.years) or "–"
    lines.append(t("undo.summary_scope", lang, years=years, units=fmt_num(s.units, lang)))
    if s.units_created:
        shown = ", ".join(s.units_created[:10]) + (" …" if len(s.units_created) > 10 else "")
        lines.append(t("undo.summary_created", lang, names=shown))
    if s.blockers:
        lines.append(t("undo.blocked", lang, batch=s.batch_id, later=", ".join(f"#{b}" for b in s.blockers)))
    return lines
