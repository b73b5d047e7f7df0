"""What the command lines share: argparse that speaks the user's language and exits with 2."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from common import settings
from common.errors import CchcError, InputError, UnexpectedError
from common.i18n import norm_lang, t

CANNOT_RUN = 2


class Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments in the user's language (key `bad_args_key`), exit code 2."""

    lang = "vi"
    bad_args_key = "ingest_cli.bad_args"

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(t(self.bad_args_key, self.lang, detail=message) + "\n")
        raise SystemExit(CANNOT_RUN)


def lang_from(argv: Sequence[str]) -> str:
    """The language asked for with --lang, before the parser (which needs it for its help) exists."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return norm_lang(arg.split("=", 1)[1])
        if arg == "--lang" and i + 1 < len(argv):
            return norm_lang(argv[i + 1])
    return settings.default_lang()


def four_digit_year(raw: str, key: str, known: Callable[[], tuple[int, int] | None], ahead: int = 0) -> int:
    """The year given on a command line; InputError(key) when it is not four digits, naming the years there
    are (`ahead` years on: a plan is for the year after the data)."""
    text = raw.strip()
    if text.isdigit() and len(text) == 4:
        return int(text)
    span = known()
    first, last = (span[0] + ahead, span[1] + ahead) if span else ("–", "–")
    raise InputError(key, value=raw, first=first, last=last)


def command(argv: Sequence[str] | None, make: Callable[[str], argparse.ArgumentParser],
            work: Callable[[argparse.Namespace, str], int],
            check: Callable[[argparse.Namespace], str | None] = lambda _: None) -> int:
    """The skeleton every command line shares: the language from --lang (before the parser, whose help speaks it),
    the arguments, `check`'s objection to them (a catalogue key, said as a bad argument with exit code 2), then
    the work, whose faults of ours are said in the user's language (said)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from(args_list)
    parser = make(lang)
    args = parser.parse_args(args_list)
    objection = check(args)
    if objection:
        parser.error(t(objection, lang))
    return said(lambda: work(args, lang), lang)


def said(work: Callable[[], int], lang: str) -> int:
    """Run a command's work; a fault of ours becomes its title and message on stderr and exit code 2."""
    try:
        return work()
    except CchcError as exc:
        print(f"{exc.title(lang)}: {exc.message(lang)}", file=sys.stderr)
        return CANNOT_RUN


def run(main: Callable[[], int], quick_exit: bool = False) -> None:
    """Run a command line's main and exit with its code: the one boundary of the command lines. Any fault
    that reaches it (a bad setting, a busy, read-only, full or damaged database, anything unforeseen) is
    said in the user's language on stderr with exit code 2, never as a traceback (CCHC_DEBUG=1 adds it).
    A reader that stops early (`| head`) ends it quietly.

    `quick_exit`: for a command whose every file and connection is closed when main returns (the import),
    the process ends there, its output flushed, without Python freeing a million rows' objects one by one."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # the boundary: said, not hidden (the traceback on request)
        code = _say_fault(exc)
    if quick_exit:
        _quick_exit(code)
    raise SystemExit(code)


def _quick_exit(code: int) -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        return  # Python's own exit deals with a stream that cannot be flushed
    os._exit(code)


def _say_fault(exc: Exception) -> int:
    lang = lang_from(sys.argv[1:])
    error = exc if isinstance(exc, CchcError) else UnexpectedError(exc)
    sys.stderr.write(f"{error.title(lang)}: {error.message(lang)}\n")
    if settings.CCHC_DEBUG.get():
        traceback.print_exception(exc)
    return CANNOT_RUN
