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


def collect_cookie(at: AppTest, name: str) -> AppTest:
    """What the browser does after a right password: it collects the sign-in cookie with the ticket the page
    issued (here: the newest waiting for this name), and comes back with it (Streamlit reads it as st.user)."""
    from server import session_cookie

    waiting = [(t.expires, k) for k, t in session_cookie._TICKETS.items() if t.name.casefold() == name.casefold()]
    assert waiting, f"no sign-in ticket for {name}"
    ticket = session_cookie.redeem(max(waiting)[1])
    assert ticket is not None
    at.user = session_cookie.payload(ticket)
    return at.run()
