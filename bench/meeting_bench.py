"""A committee meeting under load: N sessions clicking through the overview and compare pages over the
websocket, as a browser does (the frontend's protobuf messages), while an analyst imports a file from the
command line (`python -m ingest`, another process) and undoes it. Loopback only, bounded in time.

    .venv/bin/python bench/meeting_bench.py --sessions 20 --rows 200000 --seconds 120

In one run, against one server on a copy of the demo database: first one session alone (its page times
are the yardstick), then the N sessions, each reading 3–8 s between clicks (--think), beside the import
and its undo. Prints p50/p95 page times of both, their ratio, errors seen, the import's and undo's
durations, and the server's peak memory (RSS of its process tree, sampled), as Markdown and JSON.
Goals (issue 26): no error, p95 ≤ 5× one session's page time, peak memory < 1.5 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
CLICKS = (("", "year=2024"), ("compare", "year=2024"), ("", "year=2023"), ("compare", "year=2023"),
          ("trends", ""), ("", ""))
GOALS = {"p95_x": 5.0, "peak_mb": 1500.0}


class Client:
    """One browser tab: a websocket session of the dashboard; each click is a page run, timed to its end."""

    def __init__(self, url: str) -> None:
        self.url, self.times, self.errors = url, [], []  # type: ignore[var-annotated]
        self.spans: list[tuple[float, float]] = []  # each click's start and end (time.monotonic)
        self.pages: set[str] = set()  # the page scripts the server ran: that the clicks reached each page
        self.ws: websockets.ClientConnection | None = None

    async def open(self) -> None:
        """Connect as the frontend does (the XSRF cookie from a first HTTP request)."""
        async with httpx.AsyncClient() as http:
            await http.get(self.url + "/_stcore/health")
            xsrf, cookies = http.cookies.get("_streamlit_xsrf") or "x", dict(http.cookies.items())
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.ws = await websockets.connect(self.url.replace("http", "ws") + "/_stcore/stream", max_size=None,
                                           subprotocols=["streamlit", xsrf],  # type: ignore[list-item]
                                           additional_headers={"Cookie": cookie},
                                           ping_interval=None)  # as a browser: no client pings to time out

    async def click(self, page: str, query: str) -> float:
        """Ask for a page (as following a link does) and wait until its script run has finished; seconds."""
        assert self.ws is not None
        msg = BackMsg()
        msg.rerun_script.query_string, msg.rerun_script.page_name = query, page
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), 300))
            self._note_error(fwd)
            if fwd.WhichOneof("type") == "navigation":
                self.pages.add(fwd.navigation.page_script_hash)
            if fwd.WhichOneof("type") == "page_not_found":
                self.errors.append(f"page not found: {page}")
            if fwd.WhichOneof("type") == "script_finished":
                took = time.perf_counter() - start
                self.times.append(took)
                self.spans.append((time.monotonic() - took, time.monotonic()))
                return took

    def _note_error(self, fwd: ForwardMsg) -> None:
        if fwd.WhichOneof("type") != "delta" or fwd.delta.WhichOneof("type") != "new_element":
            return
        el = fwd.delta.new_element
        kind = el.WhichOneof("type")
        if kind == "exception":
            self.errors.append(el.exception.message[:200])
        elif kind == "alert" and el.alert.format == 1:  # ERROR: what the app's boundary shows for a fault
            self.errors.append(el.alert.body[:200])

    async def close(self) -> None:
        """Leave."""
        if self.ws is not None:
            await self.ws.close()


async def session(url: str, until: float, think: tuple[float, float], seed: int) -> Client:
    """One person: open the dashboard, then click, read for a while, click again, until the time is up."""
    rnd, c = random.Random(seed), Client(url)
    await c.open()
    await c.click("", "")
    c.times.clear()  # the first load (imports, a session's start) is not a click
    c.spans.clear()
    i = seed
    while time.monotonic() < until:
        await asyncio.sleep(rnd.uniform(*think))
        await c.click(*CLICKS[i % len(CLICKS)])
        i += 1
    await c.close()
    return c


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB (from /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


class Sampler(threading.Thread):
    """The server tree's peak RSS, sampled every 0.1 s until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self.stop.wait(0.1)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    """The dashboard on loopback, as the service runs it (`python -m server`), once it answers its health check."""
    env = {**os.environ, "CCHC_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "server", "--server.address",
                             "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):  # a bound, not a measure
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).text == "ok":
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def import_file(path: Path, rows: int) -> Path:
    """An analyst's file: `rows` unit-years of new communes for 2026."""
    lines = ["unit_name,unit_type,year,iso_version,processes_total,procedures_total,procedures_under_iso"]
    lines += [f"Xã họp {i:06d},ubnd_xa,2026,2015,{30 + i % 40},{90 + i % 30},{80 + i % 10}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def analyst(db: Path, file: Path, out: dict[str, object], delay: float) -> None:
    """Import the file from the command line, then undo it; their durations and outcomes into `out`."""
    time.sleep(delay)
    cmd = [sys.executable, "-m", "ingest"]
    out["busy_from"] = time.monotonic()
    start = time.perf_counter()
    done = subprocess.run([*cmd, str(file), "--json", "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
    out["import_s"], out["import_rc"] = time.perf_counter() - start, done.returncode
    batch = json.loads(done.stdout)["batch"] if done.returncode == 0 else None
    start = time.perf_counter()
    undone = subprocess.run([*cmd, "--undo", str(batch), "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
    out["undo_s"], out["undo_rc"] = time.perf_counter() - start, undone.returncode
    out["busy_to"] = time.monotonic()
    out["stderr"] = (done.stderr + undone.stderr)[-500:]


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0–1) of the values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] if ordered else float("nan")


async def alone(url: str, clicks: int) -> Client:
    """One session clicking through the same pages without pause: the yardstick."""
    c = Client(url)
    await c.open()
    await c.click("", "")
    c.times.clear()
    for i in range(clicks):
        await c.click(*CLICKS[i % len(CLICKS)])
    await c.close()
    return c


async def meeting(url: str, n: int, seconds: float, think: tuple[float, float]) -> list[Client]:
    """N sessions at once, for `seconds`."""
    until = time.monotonic() + seconds
    return list(await asyncio.gather(*(session(url, until, think, i) for i in range(n))))


def summary(one: Client, many: list[Client], out: dict[str, object], peak: float, started: float) -> dict[str, object]:
    """The figures of the run."""
    times = [t for c in many for t in c.times]
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    base = statistics.median(one.times)
    errors = [e for c in (one, *many) for e in c.errors]
    lo, hi = float(out.pop("busy_from", 0.0)), float(out.pop("busy_to", 0.0))  # type: ignore[arg-type]
    spans = [(a, b, b - a) for c in many for a, b in c.spans]
    during = [t for a, b, t in spans if a < hi and b > lo]  # clicks that overlap the import or its undo
    apart = [t for a, b, t in spans if not (a < hi and b > lo)]
    return {"one_p50_s": base, "one_p95_s": percentile(one.times, 0.95), "clicks": len(times), "p50_s": p50,
            "p95_s": p95, "p95_x": p95 / base, "max_s": max(times, default=float("nan")), "errors": errors[:5],
            "error_count": len(errors),
            "pages_reached": len(set().union(*(c.pages for c in many))),
            "beside_import_clicks": len(during), "beside_import_p50_s": percentile(during, 0.5),
            "beside_import_p95_s": percentile(during, 0.95), "apart_clicks": len(apart),
            "apart_p50_s": percentile(apart, 0.5), "apart_p95_s": percentile(apart, 0.95),
            "server_started_mb": started, "server_peak_mb": peak,
            **{k: v for k, v in out.items() if k != "stderr"}, "analyst_stderr": out.get("stderr", "")}


def main() -> None:
    """Run the meeting and print its figures."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--rows", type=int, default=200_000, help="rows of the analyst's import (0: none)")
    p.add_argument("--seconds", type=float, default=120.0, help="how long the meeting lasts")
    p.add_argument("--think", type=float, nargs=2, default=(3.0, 8.0), help="seconds between clicks")
    p.add_argument("--alone", type=int, default=30, help="clicks of the session alone")
    p.add_argument("--dir", type=Path, default=Path("/tmp/cchc-meeting-bench"))
    args = p.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from bench.pages_bench import demo_database

    source, _ = demo_database(args.dir)
    db = args.dir / "meeting.duckdb"
    shutil.copy(source, db)
    Path(f"{db}.wal").unlink(missing_ok=True)
    file = import_file(args.dir / "analyst.csv", args.rows) if args.rows else None
    port = free_port()
    server = serve(db, port)
    sampler = Sampler(server.pid)
    try:
        url = f"http://127.0.0.1:{port}"
        one = asyncio.run(alone(url, args.alone))
        started = tree_rss_mb(server.pid)
        sampler.start()
        out: dict[str, object] = {}
        worker = threading.Thread(target=analyst, args=(db, file, out, 10.0)) if file else None
        if worker:
            worker.start()
        many = asyncio.run(meeting(url, args.sessions, args.seconds, tuple(args.think)))
        if worker:
            worker.join()
    finally:
        sampler.stop.set()
        server.terminate()
        server.wait(timeout=60)
    result = {"sessions": args.sessions, "rows": args.rows, "seconds": args.seconds,
              **summary(one, many, out, sampler.peak, started)}
    (args.dir / "meeting_results.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
