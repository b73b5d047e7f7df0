"""What kind of file came in (by its bytes, not its name) and how its text is encoded."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from common.errors import InputError

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC: dict[bytes, str] = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7z",
    b"MZ": "EXE",
}
_SAMPLE = 65536
_BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark
_BLANK = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
# C0 control characters other than tab, newline, form feed and carriage return: text never has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Characters that show as nothing: two codes differing only by one would look the same and be two units.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
_INVISIBLE_BYTES = re.compile(rb"\xe2\x80[\x8b-\x8f]|\xe2\x81[\xa0-\xa4]|\xef\xbb\xbf|\xc2\xad")
# Letters that look like Latin ones (Greek, Cyrillic, full-width forms): "LS-SNV" with a Cyrillic "С" is another
# code that looks the same. Vietnamese names and codes never need them.
_LOOKALIKE = re.compile("[\u0370-\u03ff\u0400-\u04ff\uff01-\uff5e]")
_LOOKALIKE_BYTES = re.compile(
    rb"\xcd[\xb0-\xbf]|[\xce\xcf\xd0-\xd3][\x80-\xbf]|\xef\xbc[\x81-\xbf]|\xef\xbd[\x80-\x9e]"
)
# The bytes every match of the patterns above begins with: where none stands, the pattern need not run.
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL_BYTES.match(bytes([b])))
_INVISIBLE_LEADS = (b"\xe2", b"\xef", b"\xc2")
_LOOKALIKE_LEADS = (b"\xcd", b"\xce", b"\xcf", b"\xd0", b"\xd1", b"\xd2", b"\xd3", b"\xef")
# Vietnamese letters as UTF-8 (ạ…ỹ, Đ đ, Ơ ơ, Ư ư): in a file that is not UTF-8 as a whole, they mean a
# file pieced together from two encodings, which a single code page would turn into "Sá»Ÿ Ná»™i vá»¥".
_UTF8_VIETNAMESE = re.compile(rb"\xe1[\xba\xbb][\x80-\xbf]|\xc4[\x90\x91]|\xc6[\xa0\xa1\xaf\xb0]")


def file_kind(data: bytes) -> str:
    """`xlsx` or `csv`, judged by content; InputError for other binary formats and empty files."""
    if data.startswith((_ZIP, _EMPTY_ZIP)):
        return "xlsx"
    if data.startswith(_OLE2):
        raise InputError("ingest.old_xls")
    for magic, name in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError("ingest.not_table", kind=name)
    if not data[:4096].strip(_BLANK) and not data.strip(_BLANK):
        raise InputError("ingest.empty_file")
    return "csv"


def decode(data: bytes) -> tuple[str, str]:
    """The file's text, NFC-normalised, and the encoding it was read with."""
    encoding = _encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError("ingest.bad_encoding") from e
    text = text.removeprefix("\ufeff")
    if _CONTROL.search(text[:_SAMPLE]):
        raise InputError("ingest.not_table", kind="binary")
    _refuse_hidden(text)
    if not text.strip():
        raise InputError("ingest.empty_file")
    if not unicodedata.is_normalized("NFC", text):
        # cp1258 writes tone marks as combining characters: "Huế" must equal "Huế".
        text = unicodedata.normalize("NFC", text)
    return text, encoding


@dataclass(frozen=True)
class Head:
    """The start of a file that looks like UTF-8 text: its text (not yet NFC), encoding, and where the text starts."""

    text: str
    encoding: str
    start: int  # bytes of the byte-order mark
    complete: bool  # the text is the whole file


def utf8_head(data: bytes, size: int) -> Head | None:
    """The first `size` bytes as text when the file looks like UTF-8; None for UTF-16 and legacy code pages.
    The caller still looks for hidden characters in the whole file (`refuse_hidden_bytes`).

    Only a sample is decoded: the body of a large UTF-8 file is split into cells without ever being one str."""
    start = _text_start(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data[:4096]):
        return None
    sample = data[start : start + size]
    complete = start + size >= len(data)
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text[:_SAMPLE]):
        raise InputError("ingest.not_table", kind="binary")
    if complete and not text.strip():
        refuse_hidden_bytes(data)  # a hidden character is named even in a file that shows nothing
        raise InputError("ingest.empty_file")
    return Head(text, "utf-8-sig" if start else "utf-8", start, complete)


def _encoding(data: bytes) -> str:
    if data.startswith(_BOM):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    bom_less = _utf16_without_bom(data[:4096])
    if bom_less:
        return bom_less
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if len(_UTF8_VIETNAMESE.findall(data, 0, 1 << 24)) >= 2:
        raise InputError("ingest.mixed_encoding")
    return _legacy_encoding(data)


def _line_of(text: str | bytes, at: int) -> int:
    if isinstance(text, str):
        return text.count("\n", 0, at) + 1
    return text.count(b"\n", 0, at) + 1


def _refuse_hidden(text: str) -> None:
    """InputError for a control character or an invisible one anywhere in the text (not only its start)."""
    for pattern, key in ((_CONTROL, "ingest.control_char"), (_INVISIBLE, "ingest.invisible_char"),
                         (_LOOKALIKE, "ingest.lookalike_char")):
        found = pattern.search(text)
        if found:
            raise InputError(key, line=_line_of(text, found.start()), code=f"U+{ord(found[0]):04X}")


def refuse_hidden_bytes(data: bytes) -> None:
    """InputError for a control character or an invisible one anywhere in a UTF-8 file's bytes, read where they
    are (never one str). The patterns run only from where such a byte could first stand: a regular expression
    over 121 MB took 1.4 s of a 1M-row import, while deleting the ordinary bytes (translate) and finding the rare
    lead bytes (memchr) take 0.05 s."""
    start = _text_start(data)
    checks = ((_CONTROL_BYTES, "ingest.control_char", _first_control(data, start)),
              (_INVISIBLE_BYTES, "ingest.invisible_char", _first_lead(data, start, _INVISIBLE_LEADS)),
              (_LOOKALIKE_BYTES, "ingest.lookalike_char", _first_lead(data, start, _LOOKALIKE_LEADS)))
    for pattern, key, first in checks:
        found = pattern.search(data, first) if first >= 0 else None
        if found:
            code = f"U+{ord(found[0].decode('utf-8')):04X}"
            raise InputError(key, line=_line_of(data, found.start()), code=code)


def _first_control(data: bytes, start: int) -> int:
    """Where to look for a control byte: from `start` when the data hold one, else -1 (none)."""
    return start if data.translate(None, _NOT_CONTROL) else -1


def _first_lead(data: bytes, start: int, leads: tuple[bytes, ...]) -> int:
    """The first place from `start` where one of these lead bytes stands, or -1."""
    found = [at for at in (data.find(lead, start) for lead in leads) if at >= 0]
    return min(found, default=-1)


def _text_start(data: bytes) -> int:
    """Where a UTF-8 file's text starts: after its byte-order mark, if it has one."""
    return len(_BOM) if data.startswith(_BOM) else 0


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as a NUL in every other byte of ASCII text."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _legacy_encoding(data: bytes) -> str:
    """A legacy code page, guessed from a sample; Windows-1258 when it is a candidate (a Vietnamese office)."""
    # A sample of plain ASCII says nothing: the bytes that are not UTF-8 come later.
    import charset_normalizer  # a few tens of ms to import: only for files that are not UTF-8

    candidates = [m.encoding for m in charset_normalizer.from_bytes(data[:_SAMPLE]) if m.encoding != "ascii"]
    if "cp1258" in candidates or not candidates:
        return "cp1258"
    return candidates[0]
