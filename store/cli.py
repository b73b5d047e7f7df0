"""`python -m store`: back the database up into one file, and put a backup back.

    python -m store backup FILE [--db DB]          FILE: a .tar (or .tar.gz) bundle, or a folder for a dated one
    python -m store restore FILE --db DB [--overwrite]

The backup holds the database as one moment left it (under the writers' lock, while no other process has
the file open), the user list (CCHC_USERS_FILE) and the sign-in record beside the database; it is opened
and checked before the command says it is done. Exit codes: 0 done, 2 could not (nothing half-written)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from common import settings
from common.cli import Parser, command
from common.errors import InputError
from common.i18n import fmt_num, t
from store.backup import Contents
from store.bundle import Bundle

OK = 0


class _Parser(Parser):
    """The shared parser, with this command's message for bad arguments."""

    bad_args_key = "store_cli.bad_args"


def parser(lang: str) -> _Parser:
    """The argument parser, with help in the given language."""
    p = _Parser(prog="python -m store", description=t("store_cli.description", lang))
    p.lang = lang
    p.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("store_cli.help_lang", lang))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in ("backup", "restore"):
        s = sub.add_parser(name, help=t(f"store_cli.help_{name}", lang))
        s.lang = lang
        s.add_argument("file", metavar="FILE", help=t(f"store_cli.help_{name}_file", lang))
        s.add_argument("--db", required=name == "restore", help=t("store_cli.help_db", lang))
        s.add_argument("--users", metavar="FILE", help=t("store_cli.help_users", lang))
        s.add_argument("--overwrite", action="store_true", help=t(f"store_cli.help_{name}_overwrite", lang))
        s.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("store_cli.help_lang", lang))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    return command(argv, parser, _run)


def _run(args: argparse.Namespace, lang: str) -> int:
    from store import bundle
    from store.connection import Database

    db = Database(Path(args.db) if args.db else settings.db_path(), settings.CCHC_LOCK_TIMEOUT.number())
    users = Path(args.users or settings.CCHC_USERS_FILE.get())
    # The sign-in record (auth.configured) lies beside the database and beside the user list.
    companions = {"users.json": users, "sign-in": Path(f"{db.path}.sign-in"),
                  "users.json.sign-in": Path(f"{users}.sign-in")}
    if args.command == "backup":
        done = bundle.write(db, _target(Path(args.file), args.overwrite), companions)
        print(t("store_cli.backed_up", lang, db=str(db.path), file=str(done.path), size=_size(done.path, lang),
                **_said(done, lang)))
    else:
        done = bundle.restore(Path(args.file), db, companions, args.overwrite)
        print(t("store_cli.restored", lang, db=str(db.path), file=str(done.path), created=done.created_at,
                **_said(done, lang)))
    return OK


def _target(path: Path, overwrite: bool) -> Path:
    """The bundle to write: a dated one inside a folder, or the file named, never an existing one unless asked."""
    if path.is_dir():
        path = path / time.strftime("cchc-%Y%m%d-%H%M%S.tar")
    if path.exists() and not overwrite:
        raise InputError("backup.out_exists", path=str(path))
    return path


def _size(path: Path, lang: str) -> str:
    return f"{fmt_num(path.stat().st_size / 1e6, lang, 1)} MB"


def _said(done: Bundle, lang: str) -> dict[str, str]:
    """The counts of a backup, formatted for a sentence in the user's language."""
    found: Contents = done.contents
    years = "–" if found.first_year is None else f"{found.first_year}–{found.last_year}"
    said = {"users.json": "store_cli.companion_users", "sign-in": "store_cli.companion_sign_in",
            "users.json.sign-in": "store_cli.companion_sign_in"}
    with_it = list(dict.fromkeys(t(said[name], lang) for name in done.companions))
    return {"batches": fmt_num(found.batches, lang), "undone": fmt_num(found.batches_undone, lang),
            "years": years, "year_count": fmt_num(found.years, lang), "units": fmt_num(found.units, lang),
            "unit_years": fmt_num(found.rows["unit_years"], lang),
            "inspections": fmt_num(found.rows["inspections"], lang), "schema": str(found.schema_version),
            "with_it": ", ".join(with_it) or t("store_cli.companion_none", lang)}
