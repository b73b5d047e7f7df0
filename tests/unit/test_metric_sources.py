"""Every metric names its legal source in both languages, or says it is the dashboard's own (issue 24): the
methodology page and the briefing's definitions read that one line. No reference may be invented: each one
cited is among the texts the domain notes have read (QĐ 19/2014, TT 26/2014, CV 419/2018)."""

from __future__ import annotations

import re

import pytest

from metrics import REGISTRY
from report.content import definitions

READ = {"QĐ 19/2014/QĐ-TTg", "TT 26/2014/TT-BKHCN", "CV 419/BKHCN-TĐC"}  # /work/shared/domain/DOMAIN.md, [V] or [S]
REFERENCE = re.compile(r"\b(?:QĐ|TT|CV|NĐ|NQ)\s*\d+[/\w\-Đ]*")
OWN = {"vi": "Chỉ số riêng của bảng theo dõi", "en": "The dashboard's own metric"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_metric_has_a_source_line(key: str, lang: str) -> None:
    source = REGISTRY[key].source(lang)
    cited = set(REFERENCE.findall(source))
    assert source.endswith(".") and "\n" not in source
    assert cited <= READ, cited - READ
    assert bool(cited) != source.startswith(OWN[lang])  # a legal text, or the dashboard's own: never neither


def test_both_languages_cite_the_same_texts() -> None:
    for metric in REGISTRY.values():
        assert set(REFERENCE.findall(metric.source("vi"))) == set(REFERENCE.findall(metric.source("en")))


def test_a_target_cites_a_text_or_says_it_is_the_dashboards() -> None:
    for metric in REGISTRY.values():
        assert (metric.target_note("en") != "") == (metric.target is not None)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_briefing_definitions_carry_the_source(lang: str) -> None:
    table = definitions(lang)
    for row in table.rows:
        metric = next(m for m in REGISTRY.values() if m.label(lang) == row[0])
        assert row[-1] == metric.source(lang)
