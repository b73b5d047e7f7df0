"""Text from the data (unit names, notes, file and user names) is shown as plain text: never as
Markdown, HTML, or Plotly's HTML-like labels. Apply these where such text meets a renderer."""

from __future__ import annotations

_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~$:")
_CHART = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md(text: object) -> str:
    """For Markdown: every Markdown/HTML character escaped, so the text reads exactly as written."""
    return "".join(f"\\{c}" if c in _MARKDOWN else c for c in str(text))


def chart_text(text: object) -> str:
    """For Plotly labels, legends and hovers, which read <b>, <a href> and the like as markup:
    the markup characters as entities, which Plotly shows as the characters themselves."""
    return "".join(_CHART.get(c, c) for c in str(text))
