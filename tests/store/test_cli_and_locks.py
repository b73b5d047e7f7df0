"""`python -m ingest` as a person and a scheduler use it: exit codes, JSON, undo, and the
multi-process cases — an import while the dashboard reads, two imports at once, kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO_2017 = ROOT / "data" / "demo" / "bao_cao_2017.csv"


def ingest(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ingest", *args, "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def big_file(path: Path, rows: int, year: int = 2026, prefix: str = "Đơn vị thử") -> Path:
    lines = ["unit_name,unit_type,year,iso_version,processes_total,procedures_total,procedures_under_iso"]
    lines += [f"{prefix} {i:06d},ubnd_xa,{year},2015,{30 + i % 40},{90 + i % 30},{80 + i % 10}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_json_report_and_exit_codes(demo_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,year,processes_total\nLS-SNV,2017,-3\n", encoding="utf-8")
    done = ingest(str(bad), "--json", db=demo_copy)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["rows"] == 1 and report["batch"] is None
    assert report["errors"][0]["row"] == 2 and report["errors"][0]["column"] == "processes_total"


@pytest.mark.slow
def test_reimporting_the_same_file_changes_nothing_and_says_so(demo_copy: Path) -> None:
    done = ingest(str(DEMO_2017), "--json", db=demo_copy)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["batch"] is None
    assert report["new"] == 0 and report["changed"] == 0 and report["unchanged"] == report["rows"] == 122


@pytest.mark.slow
def test_unreadable_file_and_bad_arguments_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    assert ingest(str(tmp_path / "missing.csv"), db=db).returncode == 2
    assert ingest(db=db).returncode == 2
    done = ingest("--undo", "abc", "--lang", "en", db=db)
    assert done.returncode == 2 and "Invalid arguments" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_db_option_creates_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "new" / "fresh.duckdb"
    done = ingest(str(big_file(tmp_path / "f.csv", 5)), "--dry-run", "--json", db=db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["units_created"] == 5
    assert Store(db).units().empty and Store(db).batches().empty


@pytest.mark.slow
def test_undo_from_the_command_line(demo_copy: Path, tmp_path: Path) -> None:
    done = ingest(str(big_file(tmp_path / "f.csv", 3)), "--json", db=demo_copy)
    batch = json.loads(done.stdout)["batch"]
    assert ingest("--undo", str(batch), db=demo_copy).returncode == 0
    assert Store(demo_copy).unit_years(years=[2026]).empty
    again = ingest("--undo", str(batch), "--lang", "en", db=demo_copy)
    assert again.returncode == 2 and "already been undone" in again.stderr


READER = """
import sys, time
from store import Store
s = Store(sys.argv[1], warm=True)  # as the server reads (store.warm)
s.counts(["year", "unit_type"], (2007, 2026))
print("reading", flush=True)
end = time.time() + float(sys.argv[2])
n = 1
while time.time() < end:
    s.counts(["year", "unit_type"], (2007, 2026)); n += 1
print(n)
"""


@pytest.mark.slow
def test_an_import_succeeds_while_the_dashboard_reads_the_same_file(demo_copy: Path, tmp_path: Path) -> None:
    reader = subprocess.Popen([sys.executable, "-c", READER, str(demo_copy), "8"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"  # wait on state, not time
    done = ingest(str(big_file(tmp_path / "f.csv", 200)), "--json", db=demo_copy)
    out, _ = reader.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    assert reader.returncode == 0 and int(out) > 5
    assert len(Store(demo_copy).unit_years(years=[2026])) == 200


@pytest.mark.slow
def test_two_imports_started_together_both_end_well(demo_copy: Path, tmp_path: Path) -> None:
    files = [big_file(tmp_path / "a.csv", 300, prefix="Đơn vị A"), big_file(tmp_path / "b.csv", 300, prefix="Đơn vị B")]
    procs = [subprocess.Popen([sys.executable, "-m", "ingest", str(f), "--json", "--db", str(demo_copy)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert len(Store(demo_copy).unit_years(years=[2026])) == 600


@pytest.mark.slow
def test_the_same_file_twice_at_once_is_counted_once(demo_copy: Path, tmp_path: Path) -> None:
    f = big_file(tmp_path / "a.csv", 300)
    procs = [subprocess.Popen([sys.executable, "-m", "ingest", str(f), "--json", "--db", str(demo_copy)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert sorted(r["batch"] is None for r in reports) == [False, True]
    assert len(Store(demo_copy).unit_years(years=[2026])) == 300


def _wait_for_step(trace: Path, step: str, proc: subprocess.Popen[bytes]) -> None:
    """Until the writer has written `step` to its trace (CCHC_WRITE_TRACE): a state, not a guess of time."""
    deadline = time.monotonic() + 300  # a guard against a hung writer, not a measure
    while not (trace.exists() and f" {step}\n" in trace.read_text(encoding="utf-8")):
        assert proc.poll() is None, f"the import ended before {step}"
        assert time.monotonic() < deadline, f"no {step} in the trace"
        time.sleep(0.005)


@pytest.mark.slow
@pytest.mark.parametrize(("step", "kept"), [(None, 0), ("began", 0), ("committing", None), ("committed", 20_000)])
def test_kill_9_leaves_all_of_the_file_or_none(demo_copy: Path, tmp_path: Path, step: str | None,
                                               kept: int | None) -> None:
    f = big_file(tmp_path / "big.csv", 20_000)
    trace = tmp_path / "trace.txt"
    proc = subprocess.Popen([sys.executable, "-m", "ingest", str(f), "--db", str(demo_copy)], cwd=ROOT,
                            env={**os.environ, "CCHC_WRITE_TRACE": str(trace)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if step is not None:
        _wait_for_step(trace, step, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = Store(demo_copy)
    rows = len(store.unit_years(years=[2026]))
    assert rows in ((0, 20_000) if kept is None else (kept,))  # killed in COMMIT itself: all or nothing
    batches = store.batches()
    assert (batches["file_name"] == str(f)).sum() == (1 if rows else 0)
    assert len(store.unit_years(years=[2017])) == 122  # what was there is intact


@pytest.mark.slow
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    steps = tmp_path / "steps.csv"  # 1,000 warnings: far more output than a pipe holds
    steps.write_text("unit_name,unit_type,year,steps_before,steps_after\n" + "".join(
        f"Đơn vị {i:04d},ubnd_xa,2020,5,9\n" for i in range(1500)), encoding="utf-8")
    command = [sys.executable, "-m", "ingest", str(steps), "--dry-run", "--db", str(tmp_path / "x.duckdb")]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline()  # like `| head -1`: read one line, then stop listening
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
