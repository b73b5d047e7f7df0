"""What the server holds in uploaded files: who may send them, and how many bytes each session and all
sessions together hold, counting the bytes of a request as they arrive (chunked or not) beside the files
Streamlit already keeps. Used by `server.gate`; the page runs say who may send (`allow_uploads`)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from typing import Any

from common import settings

MB = 1024 * 1024
HELD_FILES_MB_FACTOR = 2  # a session may hold two uploads of the largest size at once (one being replaced)


@dataclass
class _Ledger:
    allowed: dict[str, str] = field(default_factory=dict)  # session → the credential its uploads must carry
    arriving: dict[str, int] = field(default_factory=dict)  # session → bytes of requests still arriving
    lock: threading.Lock = field(default_factory=threading.Lock)


_LEDGER = _Ledger()
ANYONE = ""  # the credential of a session whose person needs none (no sign-in configured, this machine): any request


def fingerprint(credential: str) -> str:
    """A credential as the ledger keeps it (a digest: the cookie itself is not kept)."""
    return hashlib.sha256(credential.encode("latin-1", "replace")).hexdigest() if credential else ANYONE


def allow_uploads(session_id: str, credential: str | None) -> None:
    """Record that this session may send files, each request carrying this credential (the sign-in cookie,
    ANYONE when no sign-in is configured); None: it may not (not signed in, or not an analyst)."""
    with _LEDGER.lock:
        if credential is None:
            _LEDGER.allowed.pop(session_id, None)
        else:
            _LEDGER.allowed[session_id] = fingerprint(credential)


def may_upload(session_id: str, credential: str) -> bool:
    """Whether this session may send files and the request carries the credential its page run saw."""
    with _LEDGER.lock:
        expected = _LEDGER.allowed.get(session_id)
    return expected is not None and expected in (ANYONE, fingerprint(credential))


def session_limit() -> int:
    """The most bytes one session may hold in uploaded files."""
    return HELD_FILES_MB_FACTOR * int(settings.CCHC_MAX_UPLOAD_MB.get()) * MB


def total_limit() -> int:
    """The most bytes all sessions together may hold (CCHC_UPLOADS_TOTAL_MB)."""
    return int(settings.CCHC_UPLOADS_TOTAL_MB.number() * MB)


def _storage() -> dict[str, dict[str, Any]]:
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return {}
    return dict(getattr(Runtime.instance().uploaded_file_mgr, "file_storage", {}))


def _stored(files: dict[str, Any]) -> int:
    return sum(len(rec.data) for rec in dict(files).values())


def held_bytes(session_id: str) -> int:
    """The bytes this session holds now: its stored files and its requests still arriving."""
    with _LEDGER.lock:
        arriving = _LEDGER.arriving.get(session_id, 0)
    return _stored(_storage().get(session_id, {})) + arriving


def take(session_id: str, size: int) -> bool:
    """Count `size` more arriving bytes for this session, when both limits still hold; False (nothing
    counted) when they would not."""
    storage = _storage()
    with _LEDGER.lock:
        mine = _stored(storage.get(session_id, {})) + _LEDGER.arriving.get(session_id, 0) + size
        everyone = sum(_stored(files) for files in storage.values()) + sum(_LEDGER.arriving.values()) + size
        if mine > session_limit() or everyone > total_limit():
            return False
        _LEDGER.arriving[session_id] = _LEDGER.arriving.get(session_id, 0) + size
        return True


def give_back(session_id: str, size: int) -> None:
    """Forget `size` arriving bytes of this session (its request ended: stored, refused or dropped)."""
    with _LEDGER.lock:
        left = _LEDGER.arriving.get(session_id, 0) - size
        if left > 0:
            _LEDGER.arriving[session_id] = left
        else:
            _LEDGER.arriving.pop(session_id, None)


def sweep() -> int:
    """Free the files of sessions that have ended (Streamlit drops a disconnected session from its storage
    after server.disconnectedSessionTTL without freeing its files), and forget their permission.
    The number of sessions freed."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0
    runtime = Runtime.instance()
    sessions = runtime._session_mgr  # 1.67: get_session_info sees active and stored (reconnectable) sessions
    ended = [sid for sid in _storage() if sessions.get_session_info(sid) is None]
    for sid in ended:
        runtime.uploaded_file_mgr.remove_session_files(sid)
    with _LEDGER.lock:
        for sid in [s for s in _LEDGER.allowed if sessions.get_session_info(s) is None]:
            _LEDGER.allowed.pop(sid, None)
    return len(ended)
