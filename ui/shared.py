"""Work shared by every session: the figures and tables that do not depend on the person, built once per data
stamp and handed to every session that asks for the same view (one object in the server's memory, not a copy
per session). A builder reads through ui.data and returns what the page draws; it must not be changed after
(st.plotly_chart and st.dataframe only read what they are given)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar, cast

import streamlit as st

from ui import data

P = ParamSpec("P")
R = TypeVar("R")
BUILDS: Counter[str] = Counter()  # builds per builder in this process: what a rerun really rebuilt
_seen: dict[str, tuple[str, data.Stamp]] = {}  # the database and stamp of the last build, in this process


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(path: str, version: data.Stamp, name: str, _build: Callable[..., object],
           args: tuple[object, ...]) -> object:
    """One build, keyed by the builder's name, its arguments and the database's stamp. st.cache_resource
    hands every session the same object (st.cache_data would unpickle a copy for each), and keys a
    function by its own code, the same for every builder: the name tells them apart."""
    BUILDS[name] += 1
    return _build(*args)


def shared(build: Callable[P, R]) -> Callable[P, R]:
    """A builder of hashable arguments (years, codes, the language), built once per data stamp for all sessions."""
    # Page scripts all run as one module: their file tells their builders apart.
    code = getattr(build, "__code__", None)
    name = f"{Path(code.co_filename).stem if code else build.__module__}.{build.__qualname__}"

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            raise TypeError(f"{name}: shared builders take positional arguments only")
        where = (str(data.db_path()), data.stamp())
        if _seen.get("last", where) != where:  # the data changed: what was built on the old data goes
            _built.clear()
        _seen["last"] = where
        return cast(R, _built(*where, name, build, args))

    call.__doc__ = build.__doc__
    return call


def clear() -> None:
    """Drop every shared build (after this process wrote: the stamp would catch it; this frees memory)."""
    _built.clear()
