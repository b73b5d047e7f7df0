"""Issue 22 on the overview: 2025 states the reorganisation with both counts, each card names its own n and
compares with 2024 over the matched units; a partly reported year colours no change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from tests.store.test_like_for_like_demo import first_reports

TEXTS = {
    "vi": ("Năm 2025: 69 đơn vị, năm 2024: 122, sau sắp xếp tổ chức bộ máy.", "dựa trên 52 đơn vị có số liệu",
           "so sánh với năm 2024 trên 52 đơn vị có số liệu cả hai năm, tính theo đơn vị kế thừa",
           "Tỷ lệ giảm bước"),
    "en": ("2025: 69 units, 2024: 122, after the reorganisation of the administrative apparatus.",
           "based on 52 units with figures",
           "compared with 2024 over the 52 units with figures in both years, by successor unit", "Step reduction"),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_2025_states_the_reorganisation_and_compares_matched_units(app: Callable[..., AppTest], demo_db: Path,
                                                                    lang: str) -> None:
    reorganised, own_n, compared, step = TEXTS[lang]
    at = app(demo_db, year="2025", lang=lang)
    assert not at.exception, at.exception
    assert any(reorganised.rstrip(".") in i.value for i in at.info)  # the notice above the cards
    words = " ".join(m.value for m in at.expander[0].markdown).replace("\\", "")  # md() escapes : and .
    assert reorganised in words  # the year in words
    captions = " ".join(c.value for c in at.caption)
    assert own_n in captions and compared in captions
    assert "69/69 đơn vị trong phạm vi đã báo cáo" not in captions and "69 of 69 units in scope" not in captions
    cards = {m.label: m for m in at.metric}
    assert cards[step].proto.delta.startswith("−")  # a true minus, its arrow set apart
    assert cards[step].proto.direction == MetricProto.MetricDirection.DOWN


def test_a_partly_reported_year_colours_no_change(app: Callable[..., AppTest], demo_copy: Path) -> None:
    first_reports(demo_copy, 12, steps_after=0)  # a clear rise in step reduction on 12 units
    at = app(demo_copy, year="2026")
    assert not at.exception, at.exception
    cards = {m.label: m for m in at.metric}
    assert cards["Tỷ lệ giảm bước"].proto.delta.startswith("+")
    assert cards["Tỷ lệ giảm bước"].proto.direction == MetricProto.MetricDirection.UP
    assert {m.proto.color for m in at.metric} == {MetricProto.MetricColor.GRAY}
    words = " ".join(m.value for m in at.expander[0].markdown).replace("\\", "")
    assert "mới có 12/69 đơn vị báo cáo" in words and "tăng rõ" not in words
