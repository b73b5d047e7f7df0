"""DuckDB connections with retry while another process holds the file.

DuckDB lets one process at a time open a file read-write. Reads share one long-lived connection per
process (store.warm), which the process lets go of when another process asks for the file; writes and
other units of work open their own connection. Writers also take an advisory lock file, so that two
imports queue instead of failing each other.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path

import duckdb

from common import settings
from common.errors import StoreError
from store import warm
from store.copies import keep_before_migration
from store.schema import LATEST, MIGRATIONS

_migrated: set[str] = set()
_migrate_lock = threading.Lock()


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting lock" in text


_KINDS = (  # words of DuckDB's or the system's message → what to tell the person
    (("no space left", "disk is full", "disk full"), "store.disk_full"),
    (("permission denied", "read-only", "readonly", "operation not permitted"), "store.read_only"),
    (("not a valid duckdb", "could not read enough bytes", "corrupt", "checksum", "invalid file", "truncated",
      "serialization", "failed to read"), "store.damaged"),
)


def translated(exc: BaseException, path: Path) -> StoreError:
    """A database or file-system fault as a StoreError in the person's words (the one place that says which)."""
    text = (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).splitlines()[0]
    for words, key in _KINDS:
        if any(w in text.lower() for w in words):
            return StoreError(key, path=str(path), detail=text[:200])
    if isinstance(exc, duckdb.IOException | OSError):
        return StoreError("store.unreadable", path=str(path), detail=text[:200])
    return StoreError("store.failed", path=str(path), detail=text[:200])


def _open(path: Path, deadline: float) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting while another process holds it. While it waits it asks for the file with a
    request file, which a server holding the file for its reads answers by letting go (store.warm)."""
    delay = 0.02
    asked = False
    try:
        while True:
            try:
                return duckdb.connect(str(path))
            except duckdb.IOException as exc:
                if not _is_lock_error(exc):
                    raise translated(exc, path) from exc
                if time.monotonic() > deadline:
                    raise StoreError("store.locked", path=str(path)) from exc
            except (duckdb.Error, OSError) as exc:
                raise translated(exc, path) from exc
            warm.ask_for(path)  # touched at each try: a request not touched for a while is left over
            asked = True
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    finally:
        if asked:
            warm.stop_asking(path)


def _migrate(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Bring the file to the latest schema; True when it copied the file first (store.copies)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    # fetchall, not fetchone: DuckDB 2.0 keeps a result open until a fetch finds no more rows, and an open
    # result refuses the relational reads (`con.sql`) that follow on this connection.
    rows = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    current = int(rows[0][0]) if rows else 0
    if current > LATEST:
        raise StoreError("store.newer_schema", path=str(path), found=current, known=LATEST)
    copied = 0 < current < LATEST
    if copied:  # an older database with data in it: keep it as it was before changing it
        con.execute("CHECKPOINT")
        keep_before_migration(path, current)
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        for sql in statements:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [version])
        con.execute("COMMIT")
    return copied


class Database:
    """A DuckDB file: opened for each unit of work, migrated on first use in this process. With `warm` (the
    server's), reads share the process's long-lived read connection instead (store.warm)."""

    def __init__(self, path: Path | str, timeout: float = 60.0, warm: bool = False) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.warm = warm

    def exists(self) -> bool:
        """Whether the database file is there."""
        return self.path.exists()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, closed afterwards. Every fault of DuckDB or of the file system
        leaves as a StoreError (the edge where they are translated)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translated(exc, self.path) from exc
        self.reads().refresh(time.monotonic() + self.timeout)  # a stale instance of a replaced file must not be joined
        con = self._opened(time.monotonic() + self.timeout)
        try:
            yield con
        except (duckdb.Error, OSError) as exc:
            raise translated(exc, self.path) from exc
        finally:
            con.close()

    def _opened(self, deadline: float) -> duckdb.DuckDBPyConnection:
        """A connection to the file, migrated. Copying the file before a migration opened and closed it in this
        process, which drops the lock DuckDB holds on it (POSIX locks belong to the process, and any close
        releases them): the connection is then opened anew, so that no other process can open the file
        beside it."""
        con = _open(self.path, deadline)
        try:
            if self._ensure_schema(con):
                con.close()
                con = _open(self.path, deadline)
        except BaseException:
            con.close()
            raise
        return con

    def _ensure_schema(self, con: duckdb.DuckDBPyConnection) -> bool:
        key = _file_key(self.path)
        if key in _migrated:
            return False
        with _migrate_lock:
            if key in _migrated:
                return False
            copied = _migrate(con, self.path)
            _migrated.add(key)
            return copied

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one read. Warm: a cursor of this process's long-lived read connection (store.warm),
        so DuckDB's cache stays warm between reads; otherwise (the command lines) one opened and closed, as
        connect(). Faults leave as a StoreError."""
        if not self.warm:
            with self.connect() as con:
                yield con
            return
        try:
            with self.reads().cursor(time.monotonic() + self.timeout) as cur:
                yield cur
        except (duckdb.Error, OSError) as exc:
            raise translated(exc, self.path) from exc

    def reads(self) -> warm.Warm:
        """This process's shared read connection of the file (store.warm)."""
        return warm.warm_for(self.path, self._open_for_reads)

    def _open_for_reads(self, deadline: float) -> duckdb.DuckDBPyConnection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translated(exc, self.path) from exc
        return self._opened(deadline)

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction, holding the writers' lock file: all or nothing."""
        with self._writer_lock(), self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            _trace("began")
            try:
                yield con
            except BaseException:
                _roll_back(con)
                raise
            _trace("committing")
            con.execute("COMMIT")
            _trace("committed")
            _checkpoint(con)

    @contextmanager
    def holding(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The file held for a copy, neither migrated nor written: the writers' lock (no import is between
        its start and its commit) and DuckDB's own (no other process has the file open)."""
        with self._writer_lock(), self.opened_as_is() as con:
            yield con

    @contextmanager
    def opened_as_is(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the file as it is, without migrating it (waits while another process has it)."""
        self.reads().refresh(time.monotonic() + self.timeout)
        con = _open(self.path, time.monotonic() + self.timeout)
        try:
            yield con
        except (duckdb.Error, OSError) as exc:
            raise translated(exc, self.path) from exc
        finally:
            con.close()

    def writers(self) -> AbstractContextManager[None]:
        """The writers' lock alone: no import, undo or save starts or commits while it is held."""
        return self._writer_lock()

    @contextmanager
    def _writer_lock(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(f"{self.path}.lock", os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as exc:  # a read-only folder or file system: nothing can be written
            raise translated(exc, self.path) from exc
        try:
            self._acquire(fd)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError("store.locked", path=str(self.path)) from None
                time.sleep(0.05)


def _file_key(path: Path) -> str:
    """The file at `path` as this process has migrated it: by its inode too, so that a file put in its place (a
    backup restored while the server runs, perhaps of an older schema) is migrated anew."""
    try:
        info = os.stat(path)
    except OSError:
        return str(path.resolve())
    return f"{path.resolve()}:{info.st_dev}:{info.st_ino}"


def _trace(step: str) -> None:
    """Append a writer's step to the file CCHC_WRITE_TRACE names, if any (flushed before the step goes on)."""
    path = settings.CCHC_WRITE_TRACE.get()
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {step}\n")


def _checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write what was committed into the file itself, as closing the last connection used to: the shared
    read connection keeps the instance open, and a copy of the file alone must hold every commit. A busy
    instance may refuse; the commit is in the write-ahead log then, and the next checkpoint moves it."""
    with suppress(duckdb.Error):
        con.execute("CHECKPOINT")


def _roll_back(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction; a connection too broken to roll back is closed by the caller, which
    leaves DuckDB to discard the transaction (nothing of it is committed either way)."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")
