"""The plan as the annex of a plan decision: a table in the reader's language, as CSV, XLSX and PDF.
Spreadsheet files go through the one neutralising rule (common.sheets); the PDF embeds DejaVu."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from common.documents import FONT_DIR, FONTS, GREY, HEAD_FILL
from common.i18n import fmt_date, t
from common.sheets import to_csv, to_xlsx
from common.unit_types import type_label
from plan.model import NOTE_MAX, Plan

FORMATS = (".xlsx", ".pdf", ".csv")
COLUMNS = ("col_no", "col_code", "col_unit", "col_type", "col_reasons", "col_status", "col_note")
# The most of each column a PDF row prints: a row taller than a page cannot be drawn at all (fpdf2 refuses
# it), and at these lengths the tallest cell, the note, takes about twenty lines of the forty a page holds.
# A longer text (a registry's long name, a note saved before notes had a limit) ends in "…" in the PDF only;
# the workbook and the CSV keep it whole.
PDF_CHARS = (6, 40, 200, 60, 1500, 40, NOTE_MAX)


def when(moment: dt.datetime | None, lang: str) -> str:
    """A saving time as 30/06/2021 14:05."""
    return "" if moment is None else fmt_date(moment.date(), lang) + moment.strftime(" %H:%M")


def frame(plan: Plan, lang: str) -> pd.DataFrame:
    """The annex table: the planned units numbered, then those the committee took off, with its note."""
    rows = [(str(i + 1) if u.included else "", u.unit_code, u.unit_name, type_label(u.unit_type, lang) if u.unit_type
             else "", "; ".join(r.text(lang) for r in u.reasons), t(f"plan.{'kept' if u.included else 'taken_off'}",
             lang), u.note or "")
            for i, u in enumerate((*plan.planned, *plan.removed))]
    return pd.DataFrame(rows, columns=[t(f"plan.{c}", lang) for c in COLUMNS])


def lines(plan: Plan, lang: str) -> list[str]:
    """The annex's heading lines: title, basis, who saved it."""
    saved = (t("plan.annex_saved", lang, who=plan.saved_by, when=when(plan.saved_at, lang)) if plan.saved_by
             else t("plan.annex_unsaved", lang))
    basis = t("plan.annex_basis", lang, floor=plan.floor, in_scope=plan.in_scope, planned=len(plan.planned))
    return [t("plan.annex_title", lang, year=plan.year), basis, saved]


def csv_bytes(plan: Plan, lang: str) -> bytes:
    """The annex as CSV (UTF-8 with BOM, formula-like text neutralised)."""
    return to_csv(frame(plan, lang))


def xlsx_bytes(plan: Plan, lang: str) -> bytes:
    """The annex as a one-sheet workbook (text never becomes a formula)."""
    return to_xlsx(frame(plan, lang), sheet=f"{t('plan.title', lang)} {plan.year}")


def pdf_bytes(plan: Plan, lang: str) -> bytes:
    """The annex as an A4 landscape PDF with Vietnamese text."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for (family, style), name in FONTS.items():
        pdf.add_font(family, style, str(FONT_DIR / name))
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_title(t("plan.annex_title", lang, year=plan.year))
    pdf.add_page()
    title, *rest = lines(plan, lang)
    pdf.set_font("dejavu", "B", 12)
    pdf.multi_cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4.5, "\n".join(rest), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    _grid(pdf, frame(plan, lang))
    out = BytesIO()
    pdf.output(out)
    return out.getvalue()


def _grid(pdf: FPDF, table: pd.DataFrame) -> None:
    pdf.set_font("dejavu-c", "", 7.5)
    heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(col_widths=(8, 27, 52, 38, 90, 25, 33), headings_style=heading, line_height=3.8, text_align="LEFT",
                   padding=(0.6, 0.8), v_align="TOP", width=pdf.epw, repeat_headings=1) as grid:
        grid.row(list(table.columns))
        for row in table.itertuples(index=False):
            grid.row([cut(str(v), most) for v, most in zip(row, PDF_CHARS, strict=True)])


def cut(text: str, most: int) -> str:
    """The text, or its first `most` characters and "…"; a word longer than a column is broken by the PDF."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def write(plan: Plan, lang: str, suffix: str) -> bytes:
    """The annex in the format a file name's suffix asks for (.xlsx, .pdf, .csv)."""
    makers = {".xlsx": xlsx_bytes, ".pdf": pdf_bytes, ".csv": csv_bytes}
    return makers[suffix.lower()](plan, lang)


def as_json(plan: Plan, lang: str) -> dict[str, object]:
    """{"year", "in_scope", "floor", "saved", "units": [{"unit_code", "unit_name", "reasons"}], "removed"}."""
    def unit(u: object) -> dict[str, object]:
        return {"unit_code": u.unit_code, "unit_name": u.unit_name,  # type: ignore[attr-defined]
                "reasons": [r.text(lang) for r in u.reasons]}  # type: ignore[attr-defined]
    saved = {"by": plan.saved_by, "at": when(plan.saved_at, lang)} if plan.saved_by else None
    return {"year": plan.year, "in_scope": plan.in_scope, "floor": plan.floor, "saved": saved,
            "units": [unit(u) for u in plan.planned],
            "removed": [{**unit(u), "note": u.note} for u in plan.removed]}
