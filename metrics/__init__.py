"""Pure pandas metrics: the registry of what is measured and the functions behind it. No I/O."""

from metrics.compare import (
    distance_to_best,
    rank,
    reference_lines,
    target_band,
    target_bands,
    type_median,
    with_change,
)
from metrics.compute import (
    MIN_RELIABLE_N,
    evaluate,
    evaluate_all,
    safe_ratio,
    wilson_interval,
    with_derived,
)
from metrics.model import COUNT_COLUMNS, DERIVED_COLUMNS, KEY_COLUMNS, Metric
from metrics.registry import REGISTRY, get

__all__ = [
    "COUNT_COLUMNS",
    "DERIVED_COLUMNS",
    "KEY_COLUMNS",
    "MIN_RELIABLE_N",
    "REGISTRY",
    "Metric",
    "distance_to_best",
    "evaluate",
    "evaluate_all",
    "get",
    "rank",
    "reference_lines",
    "safe_ratio",
    "target_band",
    "target_bands",
    "type_median",
    "wilson_interval",
    "with_change",
    "with_derived",
]
