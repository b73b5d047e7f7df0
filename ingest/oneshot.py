"""Arrow settings for a one-shot command (`python -m ingest`), not for the dashboard's long-running server.

- The system allocator: Arrow's default (mimalloc) gives its pages back to the system eagerly; for a
  million-row file that doubled the import's system time (0.5 → 1.0 s) and added 0.3–0.4 s of wall time.
- pandas only when something uses it: pyarrow's first conversion of any kind imports pandas (0.3 s) just
  to ask whether the values are pandas objects, and it asks only once. An import of a regular CSV or an
  XLSX never builds one. So that first question is answered "no" (truthfully: nothing can hold a pandas
  object before pandas is loaded), and when pandas is loaded later (the general CSV reader, a DuckDB
  `.df()`), pyarrow is told at once, before anything can hand it a pandas object.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

import pyarrow as pa


class _NotYet(importlib.abc.MetaPathFinder):
    """Refuses pandas for the one moment pyarrow asks for it."""

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name == "pandas":
            raise ModuleNotFoundError("pandas is loaded when it is used", name=name)
        return None


class _TellArrow(importlib.abc.MetaPathFinder):
    """Finds pandas the usual way the first time it is imported, and tells pyarrow once it has loaded."""

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name != "pandas":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = spec.loader if spec is not None else None
        if loader is None:
            return spec
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            pa.table({}).to_pandas()  # pyarrow's pandas bridge, used once, looks for pandas again

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def configure() -> None:
    """Set up Arrow for this process; call before any other use of pyarrow."""
    pa.set_memory_pool(pa.system_memory_pool())
    if "pandas" in sys.modules:
        return
    refuse = _NotYet()
    sys.meta_path.insert(0, refuse)
    try:
        pa.scalar(0)  # pyarrow's first conversion: it asks for pandas here, once
    finally:
        sys.meta_path.remove(refuse)
    sys.meta_path.insert(0, _TellArrow())
