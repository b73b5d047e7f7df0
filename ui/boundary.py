"""The pages' one boundary: whatever fault reaches the entry script's run (a busy, read-only, full or
damaged database, a bad setting, anything unforeseen) is shown as a message in the person's language,
never as a traceback; an unforeseen one is also logged with its traceback for the operator."""

from __future__ import annotations

import logging
from collections.abc import Callable

from common.errors import CchcError, UnexpectedError
from ui.state import show_error

_LOG = logging.getLogger("cchc.pages")
_ICON = ":material/error:"  # Streamlit's bundled icons: a browser without an emoji font draws emoji as boxes


def guarded(body: Callable[[], None]) -> None:
    """Run the entry script's body; a fault becomes a message. Streamlit's own stop and rerun signals
    are not faults (they are BaseExceptions) and pass through."""
    try:
        body()
    except CchcError as exc:
        show_error(exc, icon=_ICON)
    except Exception as exc:  # the boundary: said to the person, logged whole for the operator
        _LOG.exception("fault in a page run")
        show_error(UnexpectedError(exc), icon=_ICON)
