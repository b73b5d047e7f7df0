"""The command line's Arrow set-up: pandas is loaded only when used, and everything reads the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"

# Imports every corpus file (dry run) in one process and prints, per file, the --json output, then
# whether pandas had been loaded after the first (regular UTF-8) file, then pandas conversions.
SCRIPT = r"""
import contextlib, io, json, sys
configure = sys.argv[1] == "configure"
if configure:
    from ingest import oneshot
    oneshot.configure()
from ingest.cli import main
db, files = sys.argv[2], sys.argv[3:]
out, loaded = [], None
for name in files:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main([name, "--db", db, "--dry-run", "--json", "--lang", "en"])
    out.append([name.rsplit("/", 1)[-1], code, buffer.getvalue()])
    if loaded is None:
        loaded = "pandas" in sys.modules
import pandas as pd
import pyarrow as pa
conversions = [
    pa.array(pd.Series([1, None], dtype="Int64")).to_pylist(),
    str(pa.array(pd.Categorical(["a", "b", "a"])).type),
    pa.Table.from_pandas(pd.DataFrame({"x": [1.5, None]}), preserve_index=False).column("x").to_pylist(),
    pa.table({"y": [1, 2]}).to_pandas()["y"].tolist(),
]
print(json.dumps({"files": out, "pandas_after_first": loaded, "conversions": conversions}))
"""


def _run(mode: str, db: Path, files: list[str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(db), *files], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_pandas_waits_until_used_and_every_corpus_file_reads_the_same(tmp_path: Path) -> None:
    first = str(CORPUS / "ok_utf8_en.csv")  # the Arrow path: needs no pandas
    others = sorted(str(p) for p in CORPUS.iterdir() if p.name not in ("expected.json", "ok_utf8_en.csv"))
    assert str(CORPUS / "ok_cp1258.csv") in others  # the general reader, which does load pandas
    configured = _run("configure", tmp_path / "a.duckdb", [first, *others])
    plain = _run("plain", tmp_path / "b.duckdb", [first, *others])

    assert configured["pandas_after_first"] is False
    assert plain["pandas_after_first"] is True  # what the set-up saves: pyarrow loads it at once otherwise
    assert configured["files"] == plain["files"]
    assert configured["conversions"] == plain["conversions"] == [
        [1, None], "dictionary<values=large_string, indices=int8, ordered=0>", [1.5, None], [1, 2]]


QUICK = """
import sys
from common.cli import run
def main():
    print("first line")
    print("to stderr", file=sys.stderr)
    return int(sys.argv[1])
run(main, quick_exit=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("code", [0, 1, 2])
def test_a_quick_exit_keeps_the_exit_code_and_flushes_both_streams_into_a_pipe(code: int) -> None:
    done = subprocess.run([sys.executable, "-c", QUICK, str(code)], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (code, "first line\n", "to stderr\n")


@pytest.mark.slow
def test_a_quick_exit_into_a_closed_pipe_ends_quietly() -> None:
    many = QUICK.replace('print("first line")', 'print("line\\n" * 200_000)')
    child = subprocess.Popen([sys.executable, "-c", many, "0"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait() in (0, 1) and "Traceback" not in err and "BrokenPipe" not in err
