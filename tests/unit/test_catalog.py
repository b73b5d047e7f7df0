"""Both languages say the same things, and the formats follow each language."""

from __future__ import annotations

import datetime as dt
import re
import string

from common.i18n import catalog, fmt_date, fmt_num, fmt_pct, fmt_signed, plotly_separators, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys() -> None:
    assert set(catalog("vi")) == set(catalog("en"))


def test_placeholders_agree_between_languages() -> None:
    vi, en = catalog("vi"), catalog("en")
    assert {k for k in vi if _fields(vi[k]) != _fields(en[k])} == set()


def test_vietnamese_numbers_use_decimal_comma_and_dot_thousands() -> None:
    assert fmt_pct(15 / 19, "vi") == "78,9%"
    assert fmt_pct(0.79, "vi") == "79,0%"
    assert fmt_num(1234567, "vi") == "1.234.567"
    assert fmt_num(1234.5, "vi", 1) == "1.234,5"


def test_english_numbers() -> None:
    assert fmt_pct(0.79, "en") == "79.0%"
    assert fmt_num(1234.5, "en", 1) == "1,234.5"


def test_missing_values_show_as_a_dash_never_zero() -> None:
    assert fmt_pct(float("nan"), "vi") == "–"
    assert fmt_num(None, "en") == "–"


def test_signed_changes_and_dates() -> None:
    assert fmt_signed(0.021, "vi", pct=True) == "+2,1 điểm %"
    assert fmt_signed(-0.5, "en") == "−0.5"
    assert fmt_date(dt.date(2021, 6, 30), "vi") == "30/06/2021"
    assert plotly_separators("vi") == ",."


def test_unknown_language_falls_back_to_vietnamese() -> None:
    assert t("nav.overview", "fr") == t("nav.overview", "vi")


def test_english_chooses_singular_or_plural_by_the_number() -> None:
    assert t("import.warnings", "en", count=1).startswith("1 warning —")
    assert t("import.warnings", "en", count=2).startswith("2 warnings —")
    assert t("import.rejected", "en", errors=1, rows=3).startswith("File rejected: 1 error in 3 data rows.")
    assert t("import.warnings", "vi", count=1).startswith("1 cảnh báo")


def test_every_plural_choice_is_well_formed_and_chooses_by_a_parameter_the_text_is_given() -> None:
    vi = catalog("vi")
    for key, text in catalog("en").items():
        for name in re.findall(r"\[\[(\w+)\|", text):
            assert name in _fields(vi[key]), (key, name)  # callers pass the same parameters to both languages
        assert "[[" not in re.sub(r"\[\[\w+\|[^|\]]*\|[^\]]*\]\]", "", text), key
