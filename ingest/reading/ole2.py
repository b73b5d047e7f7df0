"""An OLE2 compound file (the container of .xls, .doc, .ppt, .msg and encrypted Office files), read only
as far as telling what it holds and refusing one whose sectors or streams claim more than the file has:
before python-calamine opens it, so nothing large is allocated from a size a file merely declares."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from common.errors import InputError

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_DIFAT_IN_HEADER = 109
_MINI_CUTOFF = 4096
# The stream that names what a compound file is, and how the message names it.
_KINDS = (
    ("EncryptedPackage", "encrypted"),
    ("Workbook", "xls"),
    ("Book", "xls"),
    ("WordDocument", "doc"),
    ("PowerPoint Document", "ppt"),
    ("__properties_version1.0", "msg"),
)


@dataclass(frozen=True)
class Stream:
    """A directory entry: its name, first sector and size."""

    name: str
    start: int
    size: int


class Compound:
    """The sectors, allocation table and directory of a compound file, checked against its length."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise InputError("ingest.bad_ole2")
        self.data = data
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise InputError("ingest.bad_ole2")
        self.size = 1 << shift
        self.count = (len(data) - 512) // self.size  # the sectors the file really has
        self.fat = self._fat()
        self.streams = self._directory(struct.unpack_from("<I", data, 0x30)[0])

    def _sector(self, index: int) -> bytes:
        if index >= self.count:
            raise InputError("ingest.bad_ole2")
        at = 512 + index * self.size
        return self.data[at : at + self.size]

    def _fat(self) -> list[int]:
        """The allocation table, from the sectors the header and the DIFAT chain list."""
        fat_sectors, difat_start, difat_count = struct.unpack_from("<I", self.data, 0x2C)[0], *struct.unpack_from(
            "<II", self.data, 0x44)
        if fat_sectors > self.count or difat_count > self.count:
            raise InputError("ingest.bad_ole2")
        listed = list(struct.unpack_from(f"<{_DIFAT_IN_HEADER}I", self.data, 0x4C))
        per = self.size // 4 - 1
        for _ in range(difat_count):
            if difat_start in (_FREE, _END):
                break
            words = struct.unpack(f"<{per + 1}I", self._sector(difat_start))
            listed += words[:per]
            difat_start = words[per]
        table: list[int] = []
        for index in [s for s in listed if s not in (_FREE, _END)][:fat_sectors]:
            table += struct.unpack(f"<{self.size // 4}I", self._sector(index))
        return table

    def chain(self, start: int) -> list[int]:
        """The sectors of a chain, refusing a loop or a sector past the end of the file."""
        out: list[int] = []
        while start not in (_END, _FREE):
            if start >= len(self.fat) or len(out) > self.count:
                raise InputError("ingest.bad_ole2")
            out.append(start)
            start = self.fat[start]
        return out

    def _directory(self, start: int) -> list[Stream]:
        raw = b"".join(self._sector(s) for s in self.chain(start))
        found = []
        for at in range(0, len(raw) - 127, 128):
            length, kind = struct.unpack_from("<HB", raw, at + 0x40)
            if kind not in (1, 2, 5) or not 2 <= length <= 64:
                continue
            name = raw[at : at + length - 2].decode("utf-16-le", "replace")
            sector, size = struct.unpack_from("<IQ", raw, at + 0x74)
            if self.size == 512:
                size &= 0xFFFFFFFF  # version 3 files keep only the low half
            if kind == 2 and size > len(self.data):
                raise InputError("ingest.bad_ole2")  # a stream cannot hold more than the whole file
            found.append(Stream(name, sector, size))
        return found

    def read(self, name: str) -> bytes | None:
        """A stream's bytes, or None when there is no such stream."""
        stream = next((s for s in self.streams if s.name == name), None)
        if stream is None:
            return None
        if stream.size < _MINI_CUTOFF:
            return self._mini(stream)
        return b"".join(self._sector(s) for s in self.chain(stream.start))[: stream.size]

    def _mini(self, stream: Stream) -> bytes:
        """A small stream, kept in 64-byte pieces inside the root entry's stream."""
        root = self.streams[0]
        container = b"".join(self._sector(s) for s in self.chain(root.start))
        start, count = struct.unpack_from("<II", self.data, 0x3C)
        if count > self.count:
            raise InputError("ingest.bad_ole2")
        minifat = b"".join(self._sector(s) for s in self.chain(start)) if count else b""
        table = struct.unpack(f"<{len(minifat) // 4}I", minifat)
        pieces: list[bytes] = []
        at = stream.start
        while at not in (_END, _FREE) and len(pieces) * 64 < stream.size:
            if at >= len(table) or (at + 1) * 64 > len(container):
                raise InputError("ingest.bad_ole2")
            pieces.append(container[at * 64 : (at + 1) * 64])
            at = table[at]
        return b"".join(pieces)[: stream.size]

    def kind(self) -> str:
        """What the container holds: xls, doc, ppt, msg, encrypted, or other."""
        names = {s.name for s in self.streams}
        return next((kind for name, kind in _KINDS if name in names), "other")
