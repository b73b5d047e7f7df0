"""The command line's remembered column mappings: `--mappings` lists them (key, who, when, headings, choices),
`--forget-mapping KEY` clears one (by the start of its key, as listed), `--remembered apply|ignore` answers
for a file whose remembered mapping changes a recognised column."""

from __future__ import annotations

import argparse
import json

from common.errors import InputError
from common.i18n import t
from ingest.remembered import USES
from store import RememberedMapping, Store

KEY_SHOWN = 12  # the start of a key that names a mapping on the command line


def add_arguments(p: argparse.ArgumentParser, lang: str) -> None:
    """The three options, with help in the given language."""
    p.add_argument("--mappings", action="store_true", help=t("ingest_cli.help_mappings", lang))
    p.add_argument("--forget-mapping", metavar="KEY", help=t("ingest_cli.help_forget_mapping", lang))
    p.add_argument("--remembered", choices=USES[1:], help=t("ingest_cli.help_remembered", lang))


def actions(args: argparse.Namespace) -> list[bool]:
    """Which of this module's actions the arguments ask for."""
    return [args.mappings, args.forget_mapping is not None]


def run(store: Store, args: argparse.Namespace, lang: str) -> int | None:
    """List or forget, and the exit code; None when the arguments ask for neither."""
    if args.mappings:
        found = store.remembered_mappings()
        print(json.dumps([as_json(m) for m in found], ensure_ascii=False) if args.json else describe(found, lang))
        return 0
    if args.forget_mapping is not None:
        entry = _one(store, args.forget_mapping)
        store.forget_mapping(entry.key)
        print(t("ingest_cli.mapping_forgotten", lang, id=entry.key[:KEY_SHOWN], who=entry.saved_by))
        return 0
    return None


def _one(store: Store, start: str) -> RememberedMapping:
    """The one remembered mapping whose key starts so; InputError for none or several."""
    found = [m for m in store.remembered_mappings() if start.strip() and m.key.startswith(start.strip().lower())]
    if len(found) != 1:
        raise InputError("ingest_cli.mapping_not_found", id=start, count=len(found))
    return found[0]


def as_json(m: RememberedMapping) -> dict[str, object]:
    """A remembered mapping as `--mappings --json` prints it."""
    return {"key": m.key[:KEY_SHOWN], "saved_by": m.saved_by, "saved_at": m.saved_at.isoformat(timespec="minutes"),
            "headings": m.headings, "choices": m.choices}


def describe(found: list[RememberedMapping], lang: str) -> str:
    """The remembered mappings as lines for a person."""
    if not found:
        return t("ingest_cli.no_mappings", lang)
    lines = []
    for m in found:
        choices = "; ".join(f"“{h}” → {f or '-'}" for h, f in m.choices.items())
        lines.append(t("ingest_cli.mapping_line", lang, id=m.key[:KEY_SHOWN], who=m.saved_by,
                       when=m.saved_at.strftime("%d/%m/%Y %H:%M"), count=len(m.headings), choices=choices))
    return "\n".join(lines)
