"""Column mappings remembered between analysts, never applied in silence: what one analyst chose for files
with some headings is shown to the next as theirs (who, when, each column it reads otherwise than the plain
reading), and one that changes a recognised column (two figure columns swapped, a known column left out) is
not applied until the analyst confirms it ("apply") or sets it aside ("ignore")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.columns import canonical, fold, is_stt
from ingest.mapping import Choices, by_heading, headings_key
from ingest.problems import Problem
from store import RememberedMapping, Store

USES = ("ask", "apply", "ignore")  # what to do with a remembered mapping that changes a recognised column


@dataclass(frozen=True)
class Change:
    """One column a remembered mapping reads otherwise than the plain reading: its heading, the field the
    heading itself says (None: not recognised) and the field remembered ("" left out)."""

    heading: str
    plain: str | None
    remembered: str

    def text(self) -> str:
        """`“Heading”: plain → remembered` with field names ("–" for none, "-" for left out)."""
        return f"“{self.heading}”: {self.plain or '–'} → {self.remembered or '-'}"


@dataclass(frozen=True)
class Remembered:
    """A remembered mapping as it bears on one file."""

    entry: RememberedMapping
    changes: tuple[Change, ...]
    applied: bool
    set_aside: bool = False  # the analyst chose to read the headings instead

    @property
    def needs_confirming(self) -> bool:
        """Whether it changes a column the plain reading recognises."""
        return any(c.plain is not None for c in self.changes)

    def as_json(self) -> dict[str, object]:
        """Whose mapping, when, what it changes and whether it was applied, as `--json` prints it."""
        return {"key": self.entry.key[:12], "saved_by": self.entry.saved_by, "applied": self.applied,
                "saved_at": self.entry.saved_at.isoformat(timespec="minutes"),
                "changes": [{"heading": c.heading, "plain": c.plain, "remembered": c.remembered} for c in self.changes]}

    def problem(self) -> Problem:
        """An error while it waits for the analyst's word; once applied, a warning that says whose it is."""
        when = self.entry.saved_at.strftime("%d/%m/%Y %H:%M")
        params: dict[str, object] = {"who": self.entry.saved_by, "when": when, "id": self.entry.key[:12],
                                     "changes": "; ".join(c.text() for c in self.changes)}
        if self.applied:
            return Problem(None, None, None, "ingest.remembered_applied", params, "warning")
        if self.set_aside:
            return Problem(None, None, None, "ingest.remembered_set_aside", params, "note")
        return Problem(None, None, None, "ingest.remembered_confirm", params, "error")


def plain_field(heading: str) -> str | None:
    """The field a heading stands for by itself (None: none, or a row-number column)."""
    return None if not heading or is_stt(heading) else canonical(heading)


def changes(headings: Sequence[str], choices: Choices) -> tuple[Change, ...]:
    """The columns these choices read otherwise than the headings say (every unrecognised heading they name)."""
    out = []
    for heading in headings:
        chosen = choices.get(fold(heading))
        plain = plain_field(heading)
        if chosen is not None and (plain is None or chosen != plain):
            out.append(Change(heading, plain, chosen))
    return tuple(out)


class RememberingChooser:
    """The column choices for a file: the person's own, over those remembered for its headings when the
    remembered ones may be applied (`use`: ask, apply, ignore); what was found is kept in `found`."""

    def __init__(self, store: Store, choices: Choices | None, use: str = "ask") -> None:
        self.store, self.own, self.use = store, by_heading(choices or {}), use
        self.found: Remembered | None = None

    def __call__(self, headings: Sequence[str]) -> Choices:
        """The choices for a file with these headings."""
        entry = self.store.remembered_mapping(headings_key(headings))
        if entry is None:
            return self.own
        left = {h: f for h, f in entry.choices.items() if h not in self.own}
        found = changes(headings, left)
        if not found:
            return self.own
        applied = self.use == "apply" or (self.use == "ask" and not any(c.plain is not None for c in found))
        self.found = Remembered(entry, found, applied, self.use == "ignore")
        return {**left, **self.own} if applied else self.own


def to_save(found: Remembered | None, own: Choices) -> dict[str, str]:
    """What to remember after an import with a person's own choices: theirs, over the remembered ones applied."""
    kept = found.entry.choices if found and found.applied else {}
    return {**kept, **by_heading(own)}
