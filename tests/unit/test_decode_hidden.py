"""What a file may not hide: a NUL or other control byte past the first 64 KB, two encodings in one file,
an invisible character making one code look like another."""

from __future__ import annotations

import unicodedata

import pytest

from common.errors import InputError
from ingest.reading.table import read_table

HEAD = "unit_code,unit_name,year\n"
ROWS = "".join(f"U{i:05d},Unit {i},2017\n" for i in range(5000))  # > 64 KB: past the sampled start


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: ơ, ư, â… precomposed, tone marks as combining characters."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            letter, *marks = list(unicodedata.normalize("NFD", ch))
            shape = "".join(m for m in marks if m in "\u0302\u0306\u031b")  # â ă ơ… are letters of their own
            tones = "".join(m for m in marks if m not in shape)
            out.append((unicodedata.normalize("NFC", letter + shape) + tones).encode("cp1258"))
    return b"".join(out)


def _refused(data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(data, "f.csv")
    assert caught.value.message("vi") and caught.value.message("en")
    return caught.value


@pytest.mark.parametrize("encoding", ["utf-8", "cp1258"])
def test_a_nul_byte_after_the_first_64_kb_is_refused_with_its_line(encoding: str) -> None:
    letter = "ộ".encode() if encoding == "utf-8" else cp1258("ộ")
    data = (HEAD + ROWS).encode(encoding) + b"SNV,S\x00 N" + letter + b",2017\n"
    assert len(data) > 65536
    error = _refused(data)
    assert error.key == "ingest.control_char" and error.params["line"] == 5002


def test_a_file_mixing_utf8_and_cp1258_is_refused_not_stored_garbled() -> None:
    data = (HEAD + "SNV,Sở Nội vụ,2017\n").encode("utf-8") + cp1258("STC,Sở Tài chính,2017\n")
    assert _refused(data).key == "ingest.mixed_encoding"


def test_a_whole_cp1258_file_is_still_read() -> None:
    raw = read_table(cp1258(HEAD + "SNV,Sở Nội vụ,2017\n"), "f.csv")
    assert raw.frame["unit_name"][0].as_py() == "Sở Nội vụ"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_codes_differing_only_by_an_invisible_character_are_refused(invisible: str) -> None:
    data = (HEAD + "LS-SNV,Sở Nội vụ,2017\n" + f"LS-{invisible}SNV,Sở Nội vụ,2018\n").encode("utf-8")
    error = _refused(data)
    assert error.key == "ingest.invisible_char" and error.params["line"] == 3


@pytest.mark.parametrize("lookalike", ["\u0421", "\u039d", "\uff33"])  # Cyrillic С, Greek Ν, full-width Ｓ
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_codes_written_with_look_alike_letters_are_refused(lookalike: str, encoding: str) -> None:
    data = (HEAD + "LS-SNV,Sở Nội vụ,2017\n" + f"LS-{lookalike}NV,Sở Nội vụ,2018\n").encode(encoding)
    error = _refused(data)
    assert error.key == "ingest.lookalike_char" and error.params["line"] == 3
