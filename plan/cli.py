"""`python -m plan`: the inspection plan of a year, printed, as JSON, or written as an annex file.

The one place that turns errors into messages for a person. Exit codes as the other command lines:
0 done, 2 could not run (bad arguments, a year without the data it needs, database missing or busy,
file not writable). Nothing is rejected for its content here, so 1 is not used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from common.cli import Parser, command, four_digit_year
from common.errors import InputError
from common.i18n import t
from store import Store

OK, CANNOT_RUN = 0, 2


class _Parser(Parser):
    """The shared parser, with this command's message for bad arguments."""

    bad_args_key = "plan_cli.bad_args"


def parser(lang: str) -> _Parser:
    """The argument parser, with help in the given language."""
    p = _Parser(prog="python -m plan", description=t("plan_cli.description", lang))
    p.lang = lang
    p.add_argument("--year", metavar="YYYY", help=t("plan_cli.help_year", lang))  # text: our own message
    p.add_argument("--db", help=t("plan_cli.help_db", lang))
    p.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("plan_cli.help_lang", lang))
    p.add_argument("--out", metavar="FILE", help=t("plan_cli.help_out", lang))
    p.add_argument("--json", action="store_true", help=t("plan_cli.help_json", lang))
    p.add_argument("--overwrite", action="store_true", help=t("report_cli.help_overwrite", lang))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    return command(argv, parser, _run, lambda args: "plan_cli.missing_year" if args.year is None else None)


def _run(args: argparse.Namespace, lang: str) -> int:
    from common.documents import check_writable, write_atomic
    from plan import export
    from plan.build import current, plan_years
    from plan.gather import gather

    out = Path(args.out) if args.out else None
    if out is not None:
        if out.suffix.lower() not in export.FORMATS:
            raise InputError("plan_cli.bad_format", path=str(out))
        check_writable(out, args.overwrite)
    store = Store(args.db) if args.db else Store()
    span = store.year_range() if store.exists() else None
    year = four_digit_year(args.year, "plan.bad_year", lambda: plan_years(span) if span else None)
    plan = current(gather(store, year, span))
    if out is not None:
        write_atomic(out, export.write(plan, lang, out.suffix), args.overwrite)
        print(t("plan.written", lang, path=str(out)), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(export.as_json(plan, lang), ensure_ascii=False, indent=1))
    elif out is None:
        _print(plan, lang)
    return OK


def _print(plan: object, lang: str) -> None:
    from plan import export

    print(t("plan_cli.header", lang, year=plan.year, planned=len(plan.planned), floor=plan.floor,  # type: ignore[attr-defined]
            in_scope=plan.in_scope))  # type: ignore[attr-defined]
    for row in export.frame(plan, lang).itertuples(index=False):  # type: ignore[arg-type]
        print(f"{row[0]:>3}  {row[1]:<12} {row[2]} — {row[4]}")
