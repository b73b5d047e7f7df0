"""The briefing as an A4 PDF: fpdf2 with the DejaVu fonts embedded, so Vietnamese prints right."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from fpdf import FPDF
from fpdf.fonts import FontFace

from common.documents import AMBER, BLUE, FONT_DIR, FONTS, GREY, HEAD_FILL
from common.errors import InputError
from common.i18n import fmt_date, fmt_num, fmt_pct, t
from metrics import MIN_RELIABLE_N, get
from metrics.shown import Card
from report.cells import fmt_cell
from report.images import Rendered
from report.model import SECTIONS, Briefing, Column, Section, Table
from report.ranking import RANK_METRIC

_TONES = {"good": (0, 120, 60), "bad": (180, 30, 30), "neutral": GREY}  # a card's change, as the overview's badge


class BriefingPdf(FPDF):
    """A4 portrait with a running head from page 2 and a footer on every page."""

    def __init__(self, briefing: Briefing) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.briefing = briefing
        for (family, style), name in FONTS.items():
            path = FONT_DIR / name
            if not path.exists():
                raise InputError("report.no_font", path=str(path))
            self.add_font(family, style, str(path))
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)
        self.set_title(briefing.heading[2])
        self.set_author(briefing.heading[1])
        self.set_lang(briefing.lang)

    def header(self) -> None:
        """From page 2: province, committee and year in small grey type."""
        if self.page_no() == 1:
            return
        b = self.briefing
        self.set_font("dejavu", "", 7.5)
        self.set_text_color(*GREY)
        head = f"{b.heading[0]} — {b.heading[1]} — {b.year}"
        if self.get_string_width(head) > self.epw:  # the English committee name is long
            head = f"{b.heading[0]} — {b.year}"
        self.cell(0, 4, head, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        """The illustrative-data label when it applies, the date made and the page number."""
        b, lang = self.briefing, self.briefing.lang
        self.set_y(-11)
        self.set_font("dejavu", "", 7.5)
        label = t("report.demo_label", lang) if b.demo else ""
        label_w = self.get_string_width(label) + 4 if label else 0
        if label:
            self.set_text_color(*AMBER)
            self.cell(label_w, 4, label)
        self.set_text_color(*GREY)
        made = t("report.footer", lang, title=t("nav.report", lang), year=b.year, date=fmt_date(b.made_on, lang))
        self.cell(self.epw - label_w - 25, 4, made)
        self.cell(25, 4, t("report.page", lang, page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- building blocks ---------------------------------------------------------------------
    def section(self, title: str, space: float = 30) -> None:
        """A section title, on a new page when less than `space` mm is left."""
        if self.get_y() + space > self.page_break_trigger:
            self.add_page()
        self.ln(3)
        self.set_font("dejavu", "B", 11.5)
        self.set_text_color(*BLUE)
        self.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def para(self, text: str, size: float = 9, style: str = "", color: tuple[int, int, int] = (0, 0, 0)) -> None:
        """A paragraph of running text."""
        self.set_font("dejavu", style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def _longest_word(self, texts: Sequence[str], style: str, size: float) -> float:
        self.set_font("dejavu-c", style, size)
        return max((self.get_string_width(w) for text in texts for w in text.split()), default=0.0)

    def fit_widths(self, columns: tuple[Column, ...], texts: list[list[str]], size: float) -> tuple[float, ...]:
        """Column widths in mm, widened where a heading's or a cell's longest word would not fit (so that
        fpdf never breaks a word, as in "Inspecte / d"), the others narrowed in proportion to make room."""
        # A word longer than half the page (a pasted name without spaces) is broken by fpdf, not given room:
        # room for it would squeeze the other columns below one character.
        need = [min(self.epw / 2, max(self._longest_word([c.header], "B", size - 0.8),
                                      self._longest_word(col, "", size)) + 2.2)
                for c, col in zip(columns, texts, strict=True)]
        widths = [self.epw * c.width / sum(c.width for c in columns) for c in columns]
        for _ in range(4):
            short = [i for i, (w, n) in enumerate(zip(widths, need, strict=True)) if w < n]
            if not short:
                break
            extra = sum(need[i] - widths[i] for i in short)
            spare = sum(w - n for w, n in zip(widths, need, strict=True) if w > n)
            if spare <= 0:
                break
            widths = [need[i] if i in short else w - (w - need[i]) * min(1.0, extra / spare)
                      for i, w in enumerate(widths)]
        return tuple(widths)

    def grid(self, table: Table, size: float = 7, skip: int = 0, limit: int | None = None) -> None:
        """A table with repeated headings; numbers right-aligned; `skip` leading columns left out; cells cut at
        `limit` characters (CELL_CHARS unless told: the definitions, our own texts, are printed whole)."""
        limit = CELL_CHARS if limit is None else limit
        columns = table.columns[skip:]
        if not table.rows:
            self.para(table.note, 8.5, "I", GREY)
            return
        aligns = tuple("LEFT" if c.kind == "text" else "RIGHT" for c in columns)
        texts = [[clip(fmt_cell(v, c.kind, self.briefing.lang), limit) for v in col]
                 for c, col in zip(columns, zip(*(r[skip:] for r in table.rows), strict=True), strict=True)]
        widths = self.fit_widths(columns, texts, size)
        self.set_font("dejavu-c", "", size)
        heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, size_pt=size - 0.8)
        with self.table(col_widths=widths, text_align=aligns, headings_style=heading,
                        line_height=size * 0.5, padding=(0.6, 0.8), v_align="TOP", width=self.epw) as grid:
            head = grid.row()
            for c in columns:
                head.cell(c.header, align="CENTER")
            for row in table.rows:
                line = grid.row()
                for value, column in zip(row[skip:], columns, strict=True):
                    line.cell(clip(fmt_cell(value, column.kind, self.briefing.lang), limit))
        self.ln(2)


CELL_CHARS = 160  # a table cell's text in the PDF; a 2,000-character unit name made a row taller than a page
DEFINITION_CHARS = 2000  # the registry's own definitions and formulas, whole (the longest is ~400 characters)


def clip(text: str, limit: int = CELL_CHARS) -> str:
    """The text, cut to `limit` characters with an ellipsis (the workbook keeps it whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_pdf(briefing: Briefing, rendered: Rendered | None = None) -> bytes:
    """The PDF as bytes; charts from `rendered` (or the reason they are missing)."""
    pdf = BriefingPdf(briefing)
    pdf.add_page()
    _title(pdf, briefing)
    for section in SECTIONS:
        _section(pdf, briefing, section, rendered or Rendered())
    return bytes(pdf.output())


def _section(pdf: BriefingPdf, briefing: Briefing, section: Section, rendered: Rendered) -> None:
    """One part of the briefing, in the order model.SECTIONS declares for both documents."""
    match section:
        case "summary":
            _summary(pdf, briefing)
        case "cards":
            _cards(pdf, briefing)
        case "rounds":
            _rounds(pdf, briefing)
        case "by_type":
            _table(pdf, briefing.by_type, 6.8)
        case "charts":
            if briefing.charts:
                _charts(pdf, briefing, rendered)
        case "rankings":
            _rankings(pdf, briefing)
        case "not_reported":
            _table(pdf, briefing.not_reported, 8)
        case "definitions":
            _table(pdf, briefing.definitions, 7, limit=DEFINITION_CHARS)


def _table(pdf: BriefingPdf, table: Table, size: float, **grid: int) -> None:
    """A section that is one table: its title, then the table at this font size."""
    pdf.section(table.title)
    pdf.grid(table, size, **grid)


def _title(pdf: BriefingPdf, b: Briefing) -> None:
    province, committee, title = b.heading
    pdf.set_font("dejavu", "B", 10)
    pdf.cell(0, 5, province, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", "", 10)
    pdf.cell(0, 5, committee, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("dejavu", "B", 14)
    pdf.multi_cell(0, 7, f"{title}\n{t('report.fact_year', b.lang)} {b.year}", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in b.facts[1:]:  # the year is in the title
        demo_line = b.demo and label == t("report.fact_source", b.lang)
        pdf.set_font("dejavu", "B", 8.5)
        pdf.cell(38, 4.6, label)
        pdf.set_font("dejavu", "", 8.5)
        pdf.set_text_color(*(AMBER if demo_line else (0, 0, 0)))
        pdf.multi_cell(0, 4.6, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    pdf.para(t("report.contents", b.lang), 8, "I", GREY)


def _summary(pdf: BriefingPdf, b: Briefing) -> None:
    """The year in words (report.summary), first thing after the title."""
    if not b.summary:
        return
    pdf.section(t("summary.heading", b.lang, year=b.year), 40)
    for paragraph in b.summary:
        pdf.para(paragraph, 9)
        pdf.ln(1.2)


def _cards(pdf: BriefingPdf, b: Briefing) -> None:
    """The key figures as the overview's cards (metrics.shown): value, change on last year, what it rests on."""
    pdf.section(b.cards.title, 70)
    gap = 3.0
    width, height = (pdf.epw - 2 * gap) / 3, 40.0
    top = pdf.get_y()
    for i, view in enumerate(b.card_views):
        x, y = pdf.l_margin + (i % 3) * (width + gap), top + (i // 3) * (height + gap)
        _card(pdf, view, (x, y, width, height))
    pdf.set_xy(pdf.l_margin, top + ((len(b.card_views) + 2) // 3) * (height + gap))


def _card(pdf: BriefingPdf, view: Card, box: tuple[float, float, float, float]) -> None:
    x, y, w, h = box
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(x, y, w, h)
    pdf.set_xy(x + 2, y + 1.5)
    pdf.set_font("dejavu", "", 8)
    pdf.cell(w - 4, 4, view.label)
    pdf.set_xy(x + 2, y + 6)
    pdf.set_font("dejavu", "B", 16)
    pdf.cell(w - 4, 8, view.value)
    pdf.set_xy(x + 2, y + 15)
    pdf.set_font("dejavu", "B", 7.5)
    pdf.set_text_color(*_TONES[view.badge.tone] if view.badge else GREY)
    if view.badge_line:  # the order of the overview's card: the badge, what it rests on, the comparison
        pdf.multi_cell(w - 4, 3.4, align="L", text=view.badge_line, new_x="LEFT", new_y="NEXT")
    pdf.set_font("dejavu", "", 7)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(w - 4, 3.2, align="L", text=f"{view.basis}\n{view.detail}", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _rounds(pdf: BriefingPdf, b: Briefing) -> None:
    """One line per round, worded as on the overview (the article's 15/19 lives here)."""
    pdf.section(b.rounds.title, 20)
    if not b.rounds.rows:
        pdf.para(b.rounds.note, 9, "I", GREY)
        return
    lang = b.lang
    for rnd, k, n, rate, lo, hi in b.rounds.rows:
        pdf.para("• " + t("overview.round_line", lang, round=rnd, k=fmt_num(k, lang),  # type: ignore[arg-type]
                           n=fmt_num(n, lang), rate=fmt_pct(rate, lang),  # type: ignore[arg-type]
                           lo=fmt_pct(lo, lang), hi=fmt_pct(hi, lang)), 9)  # type: ignore[arg-type]


def _charts(pdf: BriefingPdf, b: Briefing, rendered: Rendered) -> None:
    pdf.section(t("report.section_charts", b.lang), 80)
    if rendered.problem or not rendered.images:
        pdf.para(rendered.problem or t("report.charts_failed", b.lang, detail="–"), 9, "I", AMBER)
        return
    for chart in b.charts:
        png = rendered.images.get(chart.name)
        if png is None:
            continue
        ratio = (chart.figure.layout.height or 400) / 1000
        height = pdf.epw * ratio
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(BytesIO(png), x=pdf.l_margin, w=pdf.epw, h=height)
        pdf.ln(3)
    pdf.para(t("report_legend.hollow", b.lang, n=MIN_RELIABLE_N), 8.5, "I", GREY)


def _rankings(pdf: BriefingPdf, b: Briefing) -> None:
    pdf.section(t("report.section_rankings", b.lang), 60)
    pdf.para(t("report.ranking_note", b.lang, metric=get(RANK_METRIC).label(b.lang)), 8, "I", GREY)
    pdf.para(t("fair.report.note", b.lang), 8, "I", GREY)
    if not b.rankings:
        pdf.para(t("report.no_ranking", b.lang), 9, "I", GREY)
    for table in b.rankings:
        pdf.section(table.title, 45)
        pdf.grid(table, 6.8)
