"""Start the dashboard server: `python -m server [streamlit run options]`.

The same as `streamlit run dashboard.py`, except that Streamlit is told from the start that the
entry script's `st.navigation` is the only navigation. Otherwise, because the page files live in
a folder named `pages/`, the very first request of a fresh server is served in Streamlit's old
folder mode: a deep link would run its page without the entry script (the pages check sign-in
and roles themselves, so that is safe, but it looks wrong and says "Page not found").

And `server.gate` is put in front of Streamlit's own middleware: it refuses uploads from sessions that may
not import, bounds what a session holds, and closes `/_stcore/metrics` (see that module). Uvicorn's own reading
of X-Forwarded-For (which believes 127.0.0.1 by default) is turned off: the gate believes only the proxies of
CCHC_TRUSTED_PROXIES. Streamlit's cookie secret is the server's secret (auth.secret), so that a sign-in cookie
outlives a restart and every signed cookie is ours."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from streamlit import config
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_app, starlette_server

from auth.proxies import trusted
from auth.secret import session_secret
from common import settings
from common.errors import CchcError
from server.gate import Gate

ENTRY = Path(__file__).resolve().parent.parent / "dashboard.py"


def _with_gate() -> None:
    """Streamlit 1.67 builds its Starlette app from `create_streamlit_middleware()`; ours comes first."""
    from starlette.middleware import Middleware

    own = starlette_app.create_streamlit_middleware
    if getattr(own, "gated", False):
        return

    def gated() -> list[Middleware]:
        return [Middleware(Gate), *own()]

    gated.gated = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_middleware = gated


def _without_uvicorn_proxy_headers() -> None:
    """Streamlit 1.67 builds uvicorn's Config from `_get_uvicorn_config_kwargs()`; ours adds proxy_headers=False."""
    own = starlette_server._get_uvicorn_config_kwargs
    if getattr(own, "ours", False):
        return

    def kwargs() -> dict[str, Any]:
        return {**own(), "proxy_headers": False}

    kwargs.ours = True  # type: ignore[attr-defined]
    starlette_server._get_uvicorn_config_kwargs = kwargs


def _with_secret(secret: str) -> None:
    """Streamlit's server.cookieSecret (random per process by default) becomes the server's secret."""
    config.on_config_parsed(lambda: config.set_option("server.cookieSecret", secret, "CCHC_SESSION_SECRET"),
                            force_connect=True)


def main() -> None:
    """Run the server with the given options."""
    PagesManager.uses_pages_directory = False
    try:
        trusted()  # a bad CCHC_TRUSTED_PROXIES stops the start, with its message
        _with_secret(session_secret())
    except CchcError as exc:
        sys.exit(exc.message(settings.default_lang()))
    _with_gate()
    _without_uvicorn_proxy_headers()
    sys.argv = ["streamlit", "run", str(ENTRY), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
