"""Every file is read in a child process, never in the server's: python-calamine and fastexcel are Rust, and
a Rust allocation failure is abort(), which no Python code can catch. The child gets limits on address space,
CPU time and output size (set in the child, with `resource`), the parent a clock; the table comes back as Arrow
IPC through a temporary file, and a child that died or hit a limit becomes a message naming the format.

The children fork from a forkserver that has already imported the readers (~15 ms a file instead of ~250 ms)."""

from __future__ import annotations

import importlib.machinery
import json
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import ORIGINAL_DIR  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc

from common import settings
from common.errors import InputError
from ingest.problems import Problem
from ingest.reading.format import Format
from ingest.reading.formats import by_name, sniff
from ingest.reading.xlsx import Grid

_MB = 1024 * 1024
_ANSWER_BYTES = 1 * _MB  # an answer is a few hundred bytes of JSON: the table goes through the file
_PRELOAD = ["ingest.reading.child", "fastexcel", "python_calamine", "pyarrow.csv", "pyarrow.compute", "pandas"]
_MAIN = "_CCHC_READ_MAIN"  # the parent's main module, for the forkserver (a hand-off, not a setting)
_lock = threading.Lock()
_context: list[BaseContext] = []
Reader = Callable[[bytes], Grid]


@dataclass(frozen=True)
class Limits:
    """What one child may use: address space and output in MB, CPU seconds, and seconds by the clock."""

    memory_mb: int
    cpu_seconds: int
    timeout: float
    output_mb: int

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits the settings give (common/settings.py)."""
        return cls(int(settings.CCHC_READ_MEMORY_MB.number()), int(settings.CCHC_READ_CPU_SECONDS.number()),
                   settings.CCHC_READ_TIMEOUT.number(), int(settings.CCHC_READ_OUTPUT_MB.number()))


def read_isolated(data: bytes, limits: Limits | None = None, reader: Reader | None = None) -> tuple[Grid, Format]:
    """The file's grid and format, read in a child process; InputError for what the file is refused for, and
    for a child that died or reached a limit. `reader` replaces the format's guard and reader (tests)."""
    fmt = sniff(data)  # the first bytes only: what to call the format if the child dies
    limits = limits or Limits.from_settings()
    with tempfile.TemporaryDirectory(prefix="cchc-read-") as folder:
        source, out = Path(folder) / "file", Path(folder) / "table.arrow"
        source.write_bytes(data)
        answer, exitcode, late = _run(str(source), str(out), limits, reader)
        return _outcome(answer, exitcode, late, out, fmt, limits)


def _run(source: str, out: str, limits: Limits, reader: Reader | None) -> tuple[dict[str, object] | None, int, bool]:
    """The child's answer (None when it sent none), its exit code and whether the clock ran out."""
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(source, out, send, limits, reader), daemon=True)  # type: ignore[attr-defined]
    child.start()
    send.close()
    deadline = time.monotonic() + limits.timeout
    answer = None
    try:
        if receive.poll(limits.timeout):
            answer = json.loads(receive.recv_bytes(_ANSWER_BYTES))
    except (EOFError, OSError):
        pass  # it died without a word
    finally:
        receive.close()
    child.join(max(0.0, deadline - time.monotonic()) + 5)
    late = child.is_alive()
    if late:
        child.kill()
        child.join()
    return answer, child.exitcode or 0, late


def _outcome(answer: dict[str, object] | None, exitcode: int, late: bool, out: Path, fmt: Format,
             limits: Limits) -> tuple[Grid, Format]:
    if answer is not None and "error" in answer:
        params = answer.get("params")
        raise InputError(str(answer["error"]), **(params if isinstance(params, dict) else {}))
    meta = None if answer is None else answer.get("grid")
    if isinstance(meta, dict) and out.exists() and out.stat().st_size <= limits.output_mb * _MB:
        return _load(out, meta), by_name(str(meta["format"]))
    if late or exitcode == -signal.SIGXCPU:
        seconds = limits.timeout if late else limits.cpu_seconds
        raise InputError("reading.too_slow", format=fmt.label, seconds=round(seconds))
    if exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGXFSZ) or (
            answer is not None and "limit" in answer):
        raise InputError("reading.too_large", format=fmt.label, limit_mb=limits.memory_mb)
    raise InputError("reading.failed", format=fmt.label)


def _ctx() -> BaseContext:
    """The forkserver context, its server preloading the readers. Python would re-run the parent's main module
    in each child (for `python -m ui.serve` or `streamlit run`, all of Streamlit, ~0.5 s; for a script without a
    `__main__` guard, the script): the forkserver is told its name, and takes it as its own (end of this module)."""
    with _lock:
        if not _context:
            os.environ[_MAIN] = _main_name()
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            _context.append(ctx)
    return _context[0]


def _main_name() -> str:
    """The parent's main module as multiprocessing names it to a child: "name:ui.serve", "file:/…/streamlit"."""
    main = sys.modules["__main__"]
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if name:
        return f"name:{name}"
    path = getattr(main, "__file__", None)
    return f"file:{os.path.normpath(os.path.join(ORIGINAL_DIR or '', str(path)))}" if path else ""


def _child(source: str, out: str, send: Connection, limits: Limits, reader: Reader | None) -> None:
    """In the child: limits first, then sniff, guard and read the file; the answer is JSON, the table IPC."""
    _limit(limits)
    try:
        data = Path(source).read_bytes()
        fmt = sniff(data)
        if reader is None:
            fmt.guard(data)
        grid = (reader or fmt.read)(data)
        if grid.body.nbytes > limits.output_mb * _MB:
            raise MemoryError
        meta = _meta(grid, fmt)
        _save(out, grid.body)
        send.send_bytes(json.dumps({"grid": meta}).encode())
    except InputError as e:
        send.send_bytes(json.dumps({"error": e.key, "params": e.params}, default=str).encode())
    except MemoryError:  # pyarrow's ArrowMemoryError is one too
        send.send_bytes(b'{"limit": "memory"}')


def _limit(limits: Limits) -> None:
    """The child's own limits (inherited by nothing: it starts no process)."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    _lower(resource.RLIMIT_AS, limits.memory_mb * _MB)
    _lower(resource.RLIMIT_CPU, limits.cpu_seconds, 5)  # SIGXCPU at the soft limit, SIGKILL 5 s later
    _lower(resource.RLIMIT_FSIZE, limits.output_mb * _MB)


def _lower(which: int, value: int, grace: int = 0) -> None:
    """Set a limit (the hard one `grace` above it), never above the one this process already has."""
    hard = resource.getrlimit(which)[1]
    if hard != resource.RLIM_INFINITY:
        value, grace = min(value, hard), 0
    resource.setrlimit(which, (value, value + grace if hard == resource.RLIM_INFINITY else hard))


def _meta(grid: Grid, fmt: Format) -> dict[str, object]:
    notes = [[p.row, p.column, p.value, p.key, p.params, p.severity] for p in grid.notes]
    return {"format": fmt.name, "header": grid.header, "header_row": grid.header_row, "first_row": grid.first_row,
            "sheet": grid.sheet, "quoted": grid.quoted, "header_top": grid.header_top, "notes": notes,
            "encoding": grid.encoding}


def _save(out: str, table: pa.Table) -> None:
    with pa.OSFile(out, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _load(out: Path, meta: dict[str, Any]) -> Grid:
    """The grid from the child's Arrow file (memory-mapped: no copy) and its answer."""
    body = pa.ipc.open_file(pa.memory_map(str(out))).read_all()  # the map lives as long as the table's buffers
    notes = [Problem(*n) for n in meta["notes"]]
    return Grid(list(meta["header"]), int(meta["header_row"]), body, int(meta["first_row"]), str(meta["sheet"]),
                bool(meta["quoted"]), int(meta["header_top"]), notes, meta["encoding"])


# In the forkserver (its __main__ is a `-c` command: no file, no spec), the parent's main module is taken as
# already run, so the children forked from it skip running it again (multiprocessing.spawn._fixup_main_from_*).
if os.environ.get(_MAIN) and getattr(sys.modules["__main__"], "__file__", None) is None and getattr(
        sys.modules["__main__"], "__spec__", None) is None:
    _how, _what = os.environ[_MAIN].split(":", 1)
    if _how == "file":
        sys.modules["__main__"].__file__ = _what
    else:
        sys.modules["__main__"].__spec__ = importlib.machinery.ModuleSpec(_what, None)
