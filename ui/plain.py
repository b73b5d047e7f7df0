"""Text from the data (unit names, notes, file and user names) is shown as plain text: never as
Markdown or HTML. Use `md` wherever such text goes into a Markdown string."""

from __future__ import annotations

_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~$:")


def md(text: object) -> str:
    """The text with every Markdown/HTML character escaped, so it reads exactly as written."""
    return "".join(f"\\{c}" if c in _MARKDOWN else c for c in str(text))
