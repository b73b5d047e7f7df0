"""The formatters of a frame's counts and a metric's values, where numbers are formatted: missing is –,
never 0, and a zero stays a zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from common.i18n import fmt_count
from metrics import get
from metrics.shown import fmt_metric


@pytest.mark.parametrize("missing", [None, pd.NA, float("nan"), np.nan, pd.Series([1, None], dtype="Int64")[1]])
def test_a_missing_count_reads_as_missing(missing: object) -> None:
    assert fmt_count(missing, "vi") == "–"


def test_a_count_in_each_language() -> None:
    assert fmt_count(0, "vi") == "0"
    assert fmt_count(np.int64(1234), "vi") == "1.234"
    assert fmt_count(pd.Series([1234], dtype="Int64")[0], "en") == "1,234"
    assert fmt_count(1234.56, "vi", 1) == "1.234,6"


def test_a_metric_value_is_shown_as_the_metric_declares_or_missing() -> None:
    metric = get("improvement_rate")
    assert fmt_metric(metric, 0.789, "vi") == metric.text(0.789, "vi")
    assert fmt_metric(metric, None, "vi") == "–"
    assert fmt_metric(metric, float("nan"), "en") == "–"
    assert fmt_metric(metric, 0.0, "en") != "–"
