"""The methodology page works each metric's formula on the province's figures of the year the pages open on,
in the reader's language and number format, and leaves out a metric that year has no figures for."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from common.i18n import fmt_num
from metrics import get
from store import Store
from tests.app.test_views import open_page


@pytest.mark.parametrize(("lang", "said"), [("vi", "toàn tỉnh"), ("en", "whole province")])
def test_each_metric_is_worked_on_the_data(app: Callable[..., AppTest], demo_db: Path, lang: str, said: str) -> None:
    at = open_page(app, demo_db, "methodology", lang=lang)
    assert not at.exception, at.exception
    lines = [m.value for m in at.markdown if said in m.value and "÷" in m.value]
    assert len(lines) >= 5  # one a metric with figures that year
    year = int(re.search(r"\b(20\d\d)\b", lines[0]).group(1))  # type: ignore[union-attr]
    totals = Store(demo_db).counts(["year"], (year, year)).iloc[0]
    saved, before = int(totals["steps_before"] - totals["steps_after"]), int(totals["steps_before"])
    step = get("step_reduction_rate")
    expected = f"{fmt_num(saved, lang, 0)} ÷ {fmt_num(before, lang, 0)} = **{step.text(saved / before, lang)}**"
    assert sum(expected in line for line in lines) == 1, (expected, lines)


@pytest.mark.parametrize(("lang", "word"), [("vi", "Căn cứ"), ("en", "Source")])
def test_each_metric_says_its_legal_source(app: Callable[..., AppTest], demo_db: Path, lang: str, word: str) -> None:
    """Issue 24: a committee member reads, beside each formula, which text sets it, or that the dashboard does."""
    from metrics import REGISTRY

    at = open_page(app, demo_db, "methodology", lang=lang)
    blocks = [m.value for m in at.markdown if f"**{word}:**" in m.value]
    assert len(blocks) == len(REGISTRY)
    for block, metric in zip(blocks, REGISTRY.values(), strict=True):
        assert f"**{word}:** {metric.source(lang)}" in block and metric.formula_text(lang) in block


def test_the_import_checks_read_whole_and_name_no_command(app: Callable[..., AppTest], demo_db: Path) -> None:
    """Issue 24: a check with no upper bound read "gấp từ – lần trở lên", and the page for everyone named a command."""
    at = open_page(app, demo_db, "methodology", lang="vi")
    text = "\n".join(m.value for m in at.markdown)
    line = next(x for x in text.splitlines() if x.startswith("- **Số TTHC áp dụng ISO**"))
    assert "chỉ bằng 0,5 lần trở xuống" in line and "gấp từ" not in line and "–" not in line
    assert "gấp từ 10 lần trở lên hoặc chỉ bằng 0,1 lần trở xuống" in text  # a check with both directions
    assert "python -m" not in text
