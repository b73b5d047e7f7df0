"""What a file format is to the reader: how its bytes are told, the fast checks before it is opened, how it is
read into a grid of text cells, and the file name endings an upload may have. `formats.FORMATS` lists them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.reading.xlsx import Grid


@dataclass(frozen=True)
class Format:
    """One format, in the style of harlequin's adapters: the reader and the uploader read the same declaration.

    `sniff` looks at the first bytes only (it is also what names the format in a message when the child process
    reading it dies); `guard` refuses a hostile file before it is opened; `read` gives its grid. Both run in the
    child process (ingest.reading.child)."""

    name: str
    label: str  # how a message names the format: ".xlsx", "CSV"
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    guard: Callable[[bytes], None]
    read: Callable[[bytes], Grid]
    workbook: bool = True  # a grid read whole, its header found by the parent (CSV finds its own: it needs it)
