"""Start the dashboard server: `python -m ui.serve [streamlit run options]`.

The same as `streamlit run dashboard.py`, except that Streamlit is told from the start that the
entry script's `st.navigation` is the only navigation. Otherwise, because the page files live in
a folder named `pages/`, the very first request of a fresh server is served in Streamlit's old
folder mode: a deep link would run its page without the entry script (the pages check sign-in
and roles themselves, so that is safe, but it looks wrong and says "Page not found").

And `ui.gate` is put in front of Streamlit's own middleware: it refuses uploads from sessions that may
not import, bounds what a session holds, and closes `/_stcore/metrics` (see that module)."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_app

from ui.gate import Gate

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


def main() -> None:
    """Run the server with the given options."""
    PagesManager.uses_pages_directory = False
    _with_gate()
    sys.argv = ["streamlit", "run", str(ENTRY), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
