"""Failed sign-ins are rate-limited: after `limit` failures within `window` seconds a key (a
user name, or a client) waits, and each further failure doubles the wait, up to the window."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Throttle:
    """Counts failures per key in memory (one server process); thread-safe."""

    def __init__(self, limit: int = 5, window: float = 900.0, lockout: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.lockout, self.clock = limit, window, lockout, clock
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._failures.get(key, []) if now - t < self.window]
        if kept:
            self._failures[key] = kept
        else:
            self._failures.pop(key, None)
        return kept

    def wait(self, *keys: str) -> float:
        """Seconds before any of these keys may try again (0 when they may now)."""
        with self._lock:
            now = self.clock()
            longest = 0.0
            for key in keys:
                recent = self._recent(key, now)
                if len(recent) >= self.limit:
                    pause = min(self.window, self.lockout * 2 ** (len(recent) - self.limit))
                    longest = max(longest, recent[-1] + pause - now)
            return max(0.0, longest)

    def failed(self, *keys: str) -> None:
        """Record one failed attempt against each key."""
        with self._lock:
            now = self.clock()
            for key in keys:
                self._recent(key, now)
                self._failures.setdefault(key, []).append(now)

    def succeeded(self, *keys: str) -> None:
        """Forget the failures of these keys."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


class SignInThrottle:
    """The throttle of the password sign-in, kept for the life of the server process.

    It lives here, in a module no client message reaches: Streamlit's `clear_cache` message (which
    any client may send, signed in or not) empties `st.cache_resource`, which is where it lived.

    Three counts, so that a stranger cannot lock the real user out: failures of one name from one
    client (5 — the usual lock, hitting only that client), of one client whatever the names (20 —
    one client trying many names), and of one name from all clients together (50 — many clients
    guessing one password; only this one, reached only by a spread attack, locks the name everywhere)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.reset()

    @staticmethod
    def _keys(name: str, client: str) -> tuple[str, str, str]:
        return f"{name}\x00{client}", client, name

    def wait(self, name: str, client: str) -> float:
        """Seconds before this name may try again from this client (0 when now)."""
        pair, client, name = self._keys(name, client)
        return max(self.pair.wait(pair), self.client.wait(client), self.name.wait(name))

    def failed(self, name: str, client: str) -> None:
        """Record a wrong name or password."""
        pair, client, name = self._keys(name, client)
        self.pair.failed(pair)
        self.client.failed(client)
        self.name.failed(name)

    def succeeded(self, name: str, client: str) -> None:
        """Forget this name's failures from this client (a right password from elsewhere proves nothing here)."""
        self.pair.succeeded(self._keys(name, client)[0])

    def reset(self) -> None:
        """Forget every failure (for the tests; nothing a client sends calls it)."""
        self.pair, self.client, self.name = (Throttle(limit=n, clock=self.clock) for n in (5, 20, 50))


SIGN_IN = SignInThrottle()
