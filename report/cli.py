"""`python -m report`: the committee's briefing as PDF or Excel, for a scheduled job (cron).

The one place that turns errors into messages for a person. Exit codes, as in `python -m ingest`:
0 written, 2 could not run (bad arguments, unknown year or unit type, database missing or
busy, file not writable). Nothing is rejected for its content here, so 1 is not used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from common.cli import Parser, command, four_digit_year
from common.i18n import fmt_num, t
from common.unit_types import UNIT_TYPE_CODES
from store import Store

OK, CANNOT_RUN = 0, 2


class _Parser(Parser):
    """The shared parser, with this command's message for bad arguments."""

    bad_args_key = "report_cli.bad_args"



def parser(lang: str) -> _Parser:
    """The argument parser, with help in the given language."""
    p = _Parser(prog="python -m report", description=t("report_cli.description", lang))
    p.lang = lang
    # Year as text: "20x7" then gets our own message, not argparse's English one.
    p.add_argument("--year", metavar="YYYY", help=t("report_cli.help_year", lang))
    p.add_argument("--unit-type", action="append", default=[], metavar="CODE", dest="unit_types",
                   help=t("report_cli.help_unit_type", lang, types=", ".join(UNIT_TYPE_CODES)))
    p.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("report_cli.help_lang", lang))
    p.add_argument("--out", metavar="FILE", help=t("report_cli.help_out", lang))
    p.add_argument("--db", help=t("report_cli.help_db", lang))
    p.add_argument("--no-charts", action="store_true", help=t("report_cli.help_no_charts", lang))
    p.add_argument("--overwrite", action="store_true", help=t("report_cli.help_overwrite", lang))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    return command(argv, parser, _run, _missing)


def _missing(args: argparse.Namespace) -> str | None:
    if args.year is None:
        return "report_cli.missing_year"
    return "report_cli.missing_out" if args.out is None else None


def _run(args: argparse.Namespace, lang: str) -> int:
    from common.documents import check_writable, write_atomic
    from report.build import make
    from report.output import out_format

    started = time.monotonic()
    out = Path(args.out)
    fmt = out_format(out)
    check_writable(out, args.overwrite)  # before the work, so a cron job fails in a second, not after the charts
    store = Store(args.db) if args.db else Store()
    year = four_digit_year(args.year, "report.bad_year", lambda: store.year_range() if store.exists() else None)
    if fmt == "md":
        return _summary_only(store, year, args.unit_types, lang, out, started)
    docs = make(store, year, args.unit_types, lang, formats=(fmt,), charts=not args.no_charts)
    data = docs.pdf if fmt == "pdf" else docs.xlsx
    assert data is not None
    write_atomic(out, data, args.overwrite)
    if docs.chart_problem:
        print(t("report_cli.charts_warning", lang, problem=docs.chart_problem), file=sys.stderr)
    seconds = fmt_num(time.monotonic() - started, lang, 1)
    print(t("report_cli.written", lang, path=str(out), size=fmt_num(len(data) / 1024, lang), seconds=seconds))
    return OK


def _summary_only(store: Store, year: int, unit_types: Sequence[str], lang: str, out: Path, started: float) -> int:
    """`--out FILE.md`: the year in words alone (issue 16), checked as the briefing is."""
    from common.documents import write_atomic
    from report.build import facts
    from report.summary import markdown

    data = markdown(facts(store, year, unit_types), lang).encode("utf-8")
    write_atomic(out, data)
    seconds = fmt_num(time.monotonic() - started, lang, 1)
    print(t("report_cli.written", lang, path=str(out), size=fmt_num(len(data) / 1024, lang), seconds=seconds))
    return OK
