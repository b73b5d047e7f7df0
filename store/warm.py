"""One long-lived read connection per database file and process, lent to each reader as its own cursor.

DuckDB keeps its buffer cache in the database instance, which lives while a connection to it is open in the
process: a connection per query drops it every time. So reads share one open connection (each through its
own `.cursor()`: one connection used from two threads refuses). Writes in this process open their own
connection, which joins the same instance and so never meets the file lock.

Another process cannot open the file while this one holds it. A process that wants it (the command-line
import, a backup) and finds it locked says so with a request file beside the database (`<db>.wanted`,
touched at each of its retries, removed once it is in). Before each read this process looks for that file
(one stat); while it is fresh, readers wait and the connection is closed as soon as no reader is inside it.
A request file left by a process killed while waiting goes stale after STALE seconds and is ignored.
A process that reads nothing for a while (an idle server, a test waiting on an import it started) must let
go too: while the connection is open, a watcher thread looks for the request file every WATCH seconds.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

STALE = 5.0  # seconds without a touch after which a request file is left over, not a process waiting
WATCH = 0.1  # seconds between two looks for a request file while the connection is open and no one reads
_PAUSE = 0.02


def wanted_path(path: Path) -> Path:
    """The request file another process touches while it waits for the database."""
    return Path(f"{path}.wanted")


def ask_for(path: Path) -> None:
    """Say that this process waits for the file (touch the request file; a read-only folder just cannot)."""
    with suppress(OSError):
        wanted_path(path).touch()


def stop_asking(path: Path) -> None:
    """This process has the file (or gave up): remove the request file."""
    with suppress(OSError):
        wanted_path(path).unlink(missing_ok=True)


def is_wanted(path: Path) -> bool:
    """Whether another process waits for the file now (a fresh request file)."""
    try:
        return time.time() - os.stat(wanted_path(path)).st_mtime < STALE
    except OSError:
        return False


class Warm:
    """The shared read connection of one database file, opened on first use and closed when asked for."""

    def __init__(self, path: Path, opener: Callable[[float], duckdb.DuckDBPyConnection]) -> None:
        self.path = path
        self._opener = opener  # opens (waiting up to a deadline) and migrates
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._readers = 0
        self._file: tuple[int, int] | None = None  # the (device, inode) the connection has open
        self.opened = 0  # how many times the file was opened: what a test and a benchmark look at

    @contextmanager
    def cursor(self, deadline: float) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection for one read, after any process waiting for the file got in."""
        self._yield_to_others(deadline)
        cur = self._lend(deadline)
        try:
            yield cur
        except duckdb.FatalException:
            self.close()  # an invalidated instance is of no further use: the next read opens anew
            raise
        finally:
            cur.close()
            self._give_back()

    def _yield_to_others(self, deadline: float) -> None:
        while is_wanted(self.path):
            self._close_if_idle()
            if time.monotonic() > deadline:
                return  # the open that follows waits its own time and says the file is locked
            time.sleep(_PAUSE)

    def _lend(self, deadline: float) -> duckdb.DuckDBPyConnection:
        self.refresh(deadline)
        with self._lock:
            if self._con is None:
                self._con = self._opener(deadline)
                self._file = _identity(self.path)
                self.opened += 1
                self._watch(self.opened)
            self._readers += 1
            try:
                return self._con.cursor()
            except BaseException:
                self._readers -= 1
                raise

    def _give_back(self) -> None:
        with self._lock:
            self._readers -= 1
        if is_wanted(self.path):
            self._close_if_idle()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._readers == 0:
                self._drop()

    def _watch(self, opening: int) -> None:
        """Start the thread that lets go of this opening of the file when another process asks while no one
        reads. It holds no reference to the connection, so nothing of DuckDB outlives the process's end."""
        def run() -> None:
            while self._con is not None and self.opened == opening:
                time.sleep(WATCH)
                if is_wanted(self.path):
                    self._close_if_idle()

        threading.Thread(target=run, name=f"warm-watch {self.path.name}", daemon=True).start()

    def close(self) -> None:
        """Close the shared connection now (before this process replaces the file, or after a fatal error)."""
        with self._lock:
            self._drop()

    def refresh(self, deadline: float) -> None:
        """Close the shared connection if the file it has open is no longer the one at its path (a backup put
        back, or the file removed): its instance is stale, and DuckDB would hand it to the next open of the path.
        Readers inside it finish first (closing it would close their cursors), up to the deadline."""
        while True:
            with self._lock:
                if self._con is None or _identity(self.path) == self._file:
                    return
                if self._readers == 0 or time.monotonic() > deadline:
                    self._drop()
                    return
            time.sleep(_PAUSE)

    def _drop(self) -> None:
        if self._con is not None:
            with suppress(duckdb.Error):
                self._con.close()
            self._con = None

    @property
    def is_open(self) -> bool:
        """Whether this process holds the file open for reads now."""
        return self._con is not None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


_held: dict[str, Warm] = {}
_held_lock = threading.Lock()


def holds(path: Path) -> bool:
    """Whether this process has the file open for its shared reads (a read-only connection cannot join it)."""
    with _held_lock:
        shared = _held.get(str(path.resolve()))
    return shared is not None and shared.is_open


@atexit.register
def close_all() -> None:
    """Close every shared read connection of this process (at its end: DuckDB checkpoints on close)."""
    with _held_lock:
        held = list(_held.values())
    for shared in held:
        shared.close()


def warm_for(path: Path, opener: Callable[[float], duckdb.DuckDBPyConnection]) -> Warm:
    """The shared read connection of this file in this process (one per resolved path)."""
    key = str(path.resolve())
    with _held_lock:
        if key not in _held:
            _held[key] = Warm(path, opener)
        return _held[key]
