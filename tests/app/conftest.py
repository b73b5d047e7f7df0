"""AppTest fixtures: each test runs the real entry script on its own database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from auth.throttle import SIGN_IN

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Caches and the sign-in throttle outlive an AppTest in one pytest process: start each test clean."""
    st.cache_data.clear()
    st.cache_resource.clear()
    SIGN_IN.reset()
    yield


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run dashboard.py on the given database with the given URL parameters."""

    def run(db: Path, **params: str) -> AppTest:
        monkeypatch.setenv("CCHC_DB", str(db))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return run
