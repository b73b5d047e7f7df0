"""Registered units whose names are close to a name a file gives: equal once diacritics (đ too), case and
spacing are ignored, or similar by rapidfuzz's ratio of the folded names at or above THRESHOLD, within the
unit type when the row gives one.

THRESHOLD, measured on the real unit list (tests/data/units_langson.csv, 35 units): the closest
two *different* units of one type score 90.0 ("Sở Nội vụ" / "Sở Ngoại vụ"), then 89.5 ("UBND huyện Văn Lãng"
/ "… Văn Quan"); one letter wrong in a twelve-letter name scores 91.7 ("Sở Tài chánh" / "Sở Tài chính").
So 91: no registered unit's own name is ever offered for another, and a one-letter slip in any name of
twelve letters or more is caught. Diacritic slips ("Sở Tư Phap", "Đạo tạo") are caught by folding at any
length. Names that differ by a whole word, a letter or a number ("Văn Lãng" / "Văn Quan", "Đơn vị A" /
"Đơn vị B", "Phường 1" / "Phường 2") are different units even above the threshold (is_slip): on the demo
registry such pairs score up to 96. A suggestion is only offered, never taken without the analyst (or
--accept-suggestions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ingest.columns import fold

THRESHOLD = 91.0
_WORD = 60.0  # a word with a slip in it ("chanh" for "chinh": 80) against another word ("lang" / "quan": 50)


@dataclass(frozen=True)
class UnitChoices:
    """What to do with a name close to a registered unit: ask (refuse), accept the suggestion, or create a
    new unit; `names` holds a person's choice per name as written ("accept" or "create")."""

    mode: str = "ask"
    names: dict[str, str] = field(default_factory=dict)

    def for_name(self, name: str) -> str:
        """The choice for one name."""
        return self.names.get(name, self.mode)


class NearNames:
    """The registered units by folded name, for suggestions."""

    def __init__(self, units: list[tuple[str, str, str]]) -> None:
        self.units = units  # (code, name, type)
        # by type ("" for any), once: a national file may name thousands of new units
        self.pools: dict[str, dict[int, str]] = {"": {}}
        for i, (_, name, kind) in enumerate(units):
            self.pools[""][i] = self.pools.setdefault(kind, {})[i] = fold(name)

    def suggest(self, name: str, kind: str) -> tuple[str, str] | None:
        """The (code, name) of the registered unit closest to `name`, of type `kind` when given, or None."""
        pool = self.pools.get(kind, {}) if kind else self.pools[""]
        if not pool:
            return None
        key = fold(name)
        exact = [i for i, f in pool.items() if f == key]
        if len(exact) == 1:
            return self.units[exact[0]][:2]
        found = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=5)
        slips = [i for _, _, i in found if is_slip(key, pool[i])]
        return self.units[slips[0]][:2] if slips else None


def is_slip(a: str, b: str) -> bool:
    """Whether two folded names differ only by slips inside words: each differing word is a longer word
    (three letters or more, not a number) and still like its counterpart. "UBND phường 1" and "… 2",
    "Đơn vị A" and "Đơn vị B", "huyện Văn Lãng" and "huyện Văn Quan" are different units, not slips."""
    left, right = a.split(), b.split()
    if len(left) != len(right):
        return a.replace(" ", "") == b.replace(" ", "") or (not _digits(a) ^ _digits(b) and len(a) > 12)
    pairs = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
    return all(len(x) > 2 and len(y) > 2 and not (x.isdigit() or y.isdigit()) and fuzz.ratio(x, y) >= _WORD
               for x, y in pairs)


def _digits(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split() if w.isdigit())
