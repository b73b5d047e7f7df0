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
