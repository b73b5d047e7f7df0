"""`python -m auth`: manage the local user list — list, add, remove, role, reset.

Passwords are typed twice at a hidden prompt, or given on standard input with --password-stdin
(one line), never as an argument. Exit codes: 0 done, 2 could not (bad arguments, unknown user,
a password too short, the last admin). Whoever can run this can read the user file: it is the
administrator's recovery path, and it is not rate-limited.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from auth.configured import remember
from auth.roles import ROLES
from auth.users import UserFile
from common.cli import CANNOT_RUN, Parser, command
from common.errors import CchcError, InputError
from common.i18n import t


class _Parser(Parser):
    bad_args_key = "auth_cli.bad_args"


def parser(lang: str) -> argparse.ArgumentParser:
    """The argument parser, with help in the given language."""
    p = _Parser(prog="python -m auth", description=t("auth_cli.description", lang))
    p.lang = lang
    p.add_argument("--file", help=t("auth_cli.help_file", lang))
    p.add_argument("--lang", choices=["vi", "en"], default=lang, help=t("auth_cli.help_lang", lang))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help=t("auth_cli.help_list", lang))
    for name in ("add", "remove", "role", "reset"):
        s = sub.add_parser(name, help=t(f"auth_cli.help_{name}", lang))
        s.lang = lang
        s.add_argument("name", help=t("auth_cli.help_name", lang))
        if name in ("add", "role"):
            s.add_argument("--role", required=True, choices=ROLES, help=t("auth_cli.help_role_value", lang))
        if name in ("add", "reset"):
            s.add_argument("--password-stdin", action="store_true", help=t("auth_cli.help_stdin", lang))
        if name == "add":
            s.add_argument("--identity-provider", action="store_true", help=t("auth_cli.help_idp", lang))
    return p


def _password(args: argparse.Namespace, lang: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("auth_cli.prompt", lang))
    if getpass.getpass(t("auth_cli.prompt_again", lang)) != first:
        raise InputError("auth.mismatch")
    return first


def _run(users: UserFile, args: argparse.Namespace, lang: str) -> str:
    if args.command == "list":
        rows = sorted(users.load().values(), key=lambda u: u.name.casefold())
        kinds = {True: t("auth_cli.kind_local", lang), False: t("auth_cli.kind_idp", lang)}
        lines = [f"{u.name}\t{u.role}\t{kinds[u.local]}" for u in rows]
        return "\n".join(lines) or t("auth_cli.none", lang, file=str(users.path))
    if args.command == "add":
        password = None if args.identity_provider else _password(args, lang)
        user = users.add(args.name, args.role, password)
        return t("auth_cli.added", lang, name=user.name, role=user.role, file=str(users.path))
    if args.command == "role":
        user = users.set_role(args.name, args.role)
        return t("auth_cli.role_set", lang, name=user.name, role=user.role)
    if args.command == "reset":
        user = users.reset(args.name, _password(args, lang))
        return t("auth_cli.reset_done", lang, name=user.name)
    users.remove(args.name)
    return t("auth_cli.removed", lang, name=args.name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    return command(argv, parser, _work)


def _work(args: argparse.Namespace, lang: str) -> int:
    users = UserFile(args.file)
    try:
        print(_run(users, args, lang))
        remember(users)
    except CchcError as exc:
        sys.stderr.write(exc.message(lang) + "\n")
        return CANNOT_RUN
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write(t("auth_cli.cancelled", lang) + "\n")
        return CANNOT_RUN
    return 0
