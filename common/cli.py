"""What the command lines share: argparse that speaks the user's language and exits with 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from common import settings
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


def run(main: Callable[[], int]) -> None:
    """Run a command line's main and exit with its code; a reader that stops early (`| head`) ends it
    quietly instead of with a traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    raise SystemExit(code)
