"""The text catalogue (one per language, split into files by area) and number/date formats.

Each language is a folder `common/catalog/<lang>/` of TOML files; their keys are merged and
must not repeat. Both languages must have the same keys (a test checks it).

A text may choose a word by a number: `[[count|warning|warnings]]` is "warning" when the parameter
`count` is 1 and "warnings" otherwise (English needs it; Vietnamese nouns do not change).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("vi", "en")
_CATALOG_DIR = Path(__file__).resolve().parent / "catalog"


# How a missing value reads everywhere (pages, PDF, workbook): never 0, never blank.
MISSING = "–"


def norm_lang(lang: str | None) -> str:
    """`en` for English, `vi` for anything else."""
    return "en" if (lang or "").lower().startswith("en") else "vi"


@cache
def catalog(lang: str) -> dict[str, str]:
    """All texts of one language, merged from its files."""
    merged: dict[str, str] = {}
    for path in sorted((_CATALOG_DIR / norm_lang(lang)).glob("*.toml")):
        for key, text in _flatten(tomllib.loads(path.read_text(encoding="utf-8"))).items():
            if key in merged:
                raise ValueError(f"catalogue key {key!r} repeats in {path.name}")
            merged[key] = text
    return merged


def _flatten(tree: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


_PLURAL = re.compile(r"\[\[(\w+)\|([^|\]]*)\|([^\]]*)\]\]")


def t(key: str, lang: str, **params: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled in and `[[name|one|other]]` chosen."""
    text = catalog(norm_lang(lang)).get(key)
    if text is None:
        raise KeyError(f"no text for {key!r} in the {lang} catalogue")
    if "[[" in text:
        text = _PLURAL.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], text)
    return text.format(**params) if params else text


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def fmt_num(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """A number in the language's format: 1.234,5 in Vietnamese, 1,234.5 in English; – when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    thousands, point = (".", ",") if norm_lang(lang) == "vi" else (",", ".")
    sign = "−" if value < 0 and float(text) != 0 else ""
    return sign + _group(whole, thousands) + (point + frac if frac else "")


def fmt_count(value: object, lang: str, decimals: int = 0) -> str:
    """A count from a frame as text; None, pandas' NA and NaN become – (missing), never 0."""
    try:
        number = float(value)  # type: ignore[arg-type]  # any number numpy or pandas holds; NA refuses
    except TypeError:
        return MISSING
    return fmt_num(number, lang, decimals)


def fmt_pct(value: float | None, lang: str, decimals: int = 1) -> str:
    """A share (0.79) as a percentage: 79,0% in Vietnamese, 79.0% in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return fmt_num(value * 100, lang, decimals) + "%"


def fmt_signed(value: float | None, lang: str, decimals: int = 1, pct: bool = False) -> str:
    """A change with its sign (+2,1 or −0,5); in percentage points when `pct`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    body = fmt_num(abs(value) * (100 if pct else 1), lang, decimals)
    unit = (" điểm %" if norm_lang(lang) == "vi" else " pp") if pct else ""
    if not body.strip("0,."):  # rounds to zero: no sign, so it reads as no change, not a gain
        return body + unit
    return ("+" if value >= 0 else "−") + body + unit


def fmt_date(value: dt.date | None, lang: str) -> str:
    """A date as 30/06/2021 (both languages use day first; English spells nothing out)."""
    if value is None:
        return MISSING
    return value.strftime("%d/%m/%Y")


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` layout value: decimal mark then thousands mark."""
    return ",." if norm_lang(lang) == "vi" else ".,"
