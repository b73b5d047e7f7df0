"""Reading a file in a fresh process, as the hostile-input tests need: how the read ends (the error key, or
"accepted") and the child's own peak memory. The peak is VmHWM, reset at exec; ru_maxrss would also count
the pytest process it was forked from, which can itself be large late in a full run. A crash in a native
reader shows as the child's exit code, not as a dead test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import re, sys
sys.path.insert(0, sys.argv[3])
from common.errors import InputError
from ingest.reading.table import read_table
try:
    read_table(open(sys.argv[1], "rb").read(), sys.argv[2])
    print("accepted", end=" ")
except InputError as e:
    print(e.key, end=" ")
print(int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024)
"""


def read_in_child(path: Path, name: str, address_space_kb: int | None = None) -> tuple[str, int]:
    """The error key (or "accepted") and the peak memory in MB of a fresh process reading `path` as `name`,
    optionally under an address-space limit; AssertionError with its stderr when the child fails."""
    command = [sys.executable, "-c", _SCRIPT, str(path), name, str(ROOT)]
    if address_space_kb is not None:
        command = ["bash", "-c", f'ulimit -v {address_space_kb}; exec "$@"', "child", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    key, peak = done.stdout.split()
    return key, int(peak)
