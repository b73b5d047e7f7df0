"""A problem found in an uploaded file: where it is (as a person sees the file) and what to do."""

from __future__ import annotations

from dataclasses import dataclass, field

from common.i18n import t

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Problem:
    """One finding: an error rejects the file, a warning does not, a note only informs."""

    row: int | None  # the row as a person sees it (CSV line / spreadsheet row, 1-based)
    column: str | None  # the column as headed in the file
    value: str | None  # the cell as written
    key: str  # catalogue key, `ingest.…`
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str) -> str:
        """The message in the given language."""
        return t(self.key, lang, **self.params)

    def as_json(self, lang: str) -> dict[str, object]:
        """The problem as the CLI's and the page's JSON: row, column, value, message."""
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message(lang)}


def error(row: int | None, column: str | None, value: str | None, key: str, /, **params: object) -> Problem:
    """An error: the file is rejected."""
    return Problem(row, column, value, key, params, "error")


def warning(row: int | None, column: str | None, value: str | None, key: str, /, **params: object) -> Problem:
    """A warning: the file may still be imported."""
    return Problem(row, column, value, key, params, "warning")


def note(row: int | None, column: str | None, value: str | None, key: str, /, **params: object) -> Problem:
    """A note: something was left out or assumed while reading."""
    return Problem(row, column, value, key, params, "note")
