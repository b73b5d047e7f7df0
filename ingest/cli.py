"""`python -m ingest`: import files, build the demo database, undo a batch, list the history.

The one place that turns errors into messages for a person. Exit codes: 0 accepted, 1 a file
rejected for its content, 2 could not run (bad arguments, unreadable file, database unavailable).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from common.cli import Parser, command
from common.errors import CchcError, InputError
from common.i18n import t
from ingest import cli_mappings
from ingest.checking.near import UnitChoices
from ingest.mapping import parse_maps
from ingest.problems import error
from ingest.run import Decisions, ImportReport, import_file, require_bytes
from ingest.undo_text import undo_lines
from store import Store

if TYPE_CHECKING:
    import pandas as pd

OK, REJECTED, CANNOT_RUN = 0, 1, 2


class _Parser(Parser):
    """The shared parser, with this command's message for bad arguments."""

    bad_args_key = "ingest_cli.bad_args"



def parser(lang: str) -> argparse.ArgumentParser:
    """The argument parser, with help in the given language."""
    p = _Parser(prog="python -m ingest", description=t("ingest_cli.description", lang))
    p.lang = lang
    p.add_argument("files", nargs="*", metavar="FILE", help=t("ingest_cli.help_files", lang))
    p.add_argument("--db", help=t("ingest_cli.help_db", lang))
    p.add_argument("--dry-run", action="store_true", help=t("ingest_cli.help_dry_run", lang))
    p.add_argument("--json", action="store_true", help=t("ingest_cli.help_json", lang))
    p.add_argument("--demo", action="store_true", help=t("ingest_cli.help_demo", lang))
    p.add_argument("--undo", type=int, metavar="BATCH", help=t("ingest_cli.help_undo", lang))
    p.add_argument("--history", action="store_true", help=t("ingest_cli.help_history", lang))
    p.add_argument("--year", type=int, metavar="YEAR", help=t("ingest_cli.help_year", lang))
    p.add_argument("--round", type=int, metavar="ROUND", help=t("ingest_cli.help_round", lang))
    p.add_argument("--map", action="append", default=[], metavar="HEADING=FIELD", help=t("ingest_cli.help_map", lang))
    names = p.add_mutually_exclusive_group()
    names.add_argument("--accept-suggestions", action="store_true", help=t("ingest_cli.help_accept", lang))
    names.add_argument("--create-units", action="store_true", help=t("ingest_cli.help_create", lang))
    p.add_argument("--who", default=getpass.getuser(), help=t("ingest_cli.help_who", lang))
    p.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("ingest_cli.help_lang", lang))
    cli_mappings.add_arguments(p, lang)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    return command(argv, parser, _run, _one_action)


def _one_action(args: argparse.Namespace) -> str | None:
    actions = [bool(args.files), args.demo, args.undo is not None, args.history, *cli_mappings.actions(args)]
    return None if sum(actions) == 1 else "ingest_cli.one_action"


def _run(args: argparse.Namespace, lang: str) -> int:
    store = Store(args.db) if args.db else Store()
    try:
        if (args.history or args.undo is not None) and not store.exists():
            raise InputError("ingest_cli.no_database", path=str(store.path))  # reading must not create folders
        return _dispatch(store, args, lang)
    except CchcError as exc:
        _say_error(exc, lang, args.json)
        return CANNOT_RUN


def _dispatch(store: Store, args: argparse.Namespace, lang: str) -> int:
    if args.demo:
        return _demo(store, lang, args.json)
    if args.undo is not None:
        if not args.json:
            print("\n".join(undo_lines(store.undo_summary(args.undo), lang)))
        store.undo(args.undo, args.who)
        _say(t("ingest_cli.undone", lang, batch=args.undo), args.json, {"undone": args.undo})
        return OK
    if args.history:
        return _history(store, args.json, lang)
    listed = cli_mappings.run(store, args, lang)
    if listed is not None:
        return listed
    return max(_import_one(store, path, args, lang) for path in args.files)


def _decisions(args: argparse.Namespace) -> Decisions:
    """The column choices (--map) and what to do with near-miss unit names (--accept-suggestions,
    --create-units; by default such a file is refused)."""
    mode = "accept" if args.accept_suggestions else "create" if args.create_units else "ask"
    return Decisions(parse_maps(args.map) or None, UnitChoices(mode), args.year, args.round,
                     args.remembered or "ask")


def _import_one(store: Store, path: str, args: argparse.Namespace, lang: str) -> int:
    try:
        decided = _decisions(args)
        report = import_file(store, require_bytes(path), path, args.who, dry_run=args.dry_run, decided=decided)
    except InputError as exc:
        if args.json:
            print(json.dumps({"file": path, "ok": False, "rows": 0, "errors": [
                {"row": None, "column": None, "value": None, "message": exc.message(lang)}],
                "warnings": [], "batch": None}, ensure_ascii=False))
        else:
            print(f"{path}: {exc.message(lang)}", file=sys.stderr)
        return CANNOT_RUN
    if args.json:
        print(json.dumps(_asked_for_year(report).as_json(lang), ensure_ascii=False))
    else:
        print(describe(report, lang, args.dry_run))
    return OK if report.ok else REJECTED


def _asked_for_year(report: ImportReport) -> ImportReport:
    """The report with a missing year said as this command says it: pass --year."""
    if report.period.needs_year:
        report.errors = [error(None, None, None, "ingest_cli.year_needed", file=report.file)
                         if p.key == "ingest.no_year_column" else p for p in report.errors]
    return report


def describe(report: ImportReport, lang: str, dry_run: bool = False) -> str:
    """A report as lines of text for a person."""
    lines = [_headline(report, lang, dry_run)]
    figures, rounds = report.counts("unit_years"), report.counts("inspections")
    if figures and rounds:
        lines.append(t("ingest_cli.counts_line", lang, fn=figures["new"], fc=figures["changed"],
                       fu=figures["unchanged"], rn=rounds["new"], rc=rounds["changed"], ru=rounds["unchanged"]))
    if report.new_units:
        names = ", ".join(f"{u['name']} ({u['type']})" for u in report.new_units)
        lines.append(t("ingest_cli.new_units_line", lang, names=names))
    for problem in report.errors + report.warnings + report.notes:
        lines.append("  " + where(problem.row, problem.column, problem.value, lang) + problem.message(lang))
    return "\n".join(lines)


def _headline(report: ImportReport, lang: str, dry_run: bool) -> str:
    if report.period.needs_year:
        return t("ingest_cli.year_needed", lang, file=report.file)
    if not report.errors and report.undecided:
        return t("ingest_cli.unmapped", lang, file=report.file, count=len(report.undecided),
                 columns=", ".join(f"“{c}”" for c in report.undecided))
    if not report.ok:
        return t("ingest_cli.rejected", lang, file=report.file, errors=len(report.errors), rows=report.rows)
    key = "ingest_cli.dry_run" if dry_run else ("ingest_cli.committed" if report.batch else "ingest_cli.nothing")
    return t(
        key, lang, file=report.file, rows=report.rows, new=report.new, changed=report.changed,
        unchanged=report.unchanged, units=report.units_created, batch=report.batch,
        warnings=len(report.warnings),
    )


def where(row: int | None, column: str | None, value: str | None, lang: str) -> str:
    """'row 5, column "Năm", value "20x7": ' in the user's language, leaving out what is unknown."""
    parts = []
    if row is not None:
        parts.append(t("ingest_cli.at_row", lang, row=row))
    if column:
        parts.append(t("ingest_cli.at_column", lang, column=column))
    if value not in (None, ""):
        parts.append(t("ingest_cli.at_value", lang, value=value))
    return (", ".join(parts) + ": ") if parts else ""


def _demo(store: Store, lang: str, as_json: bool) -> int:
    def progress(done: int, total: int, name: str) -> None:
        if not as_json and name:
            print(t("ingest_cli.demo_progress", lang, done=done + 1, total=total, file=name), flush=True)

    from ingest.demo import build_demo  # the demo build reads registry files an import never needs

    reports = build_demo(store, progress)
    _say(t("ingest_cli.demo_done", lang, path=str(store.path), files=len(reports) + 1), as_json,
         {"demo": str(store.path), "files": len(reports) + 1})
    return OK


def _history(store: Store, as_json: bool, lang: str) -> int:
    batches = store.batches()
    if as_json:  # for programs: the columns' own names
        print(batches.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        print(_history_text(batches, lang))
    return OK


def _history_text(batches: pd.DataFrame, lang: str) -> str:
    """The history as a plain table, headed in the reader's language as the import page heads it: times to the
    minute, missing values as – (never NaT, NaN or None)."""
    from ingest.history import history_table

    return str(history_table(batches, lang, "–").to_string(index=False))


def _say(text: str, as_json: bool, payload: dict[str, object]) -> None:
    print(json.dumps(payload, ensure_ascii=False) if as_json else text)


def _say_error(exc: CchcError, lang: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"ok": False, "error": exc.message(lang)}, ensure_ascii=False))
    print(f"{exc.title(lang)}: {exc.message(lang)}", file=sys.stderr)
