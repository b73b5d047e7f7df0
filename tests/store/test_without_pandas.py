"""The command-line import path without pandas: importing the store, opening and migrating a
database, committing Arrow rows and reading what an import needs as Arrow tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# pyarrow.csv builds tables without loading pandas (pa.table() and pa.array() of Python lists load it).
ARROW_IMPORT = """
import io, sys
import pyarrow as pa, pyarrow.csv as pcsv
from store import BatchMeta, Store

def table(text, types):
    convert = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True)
    return pcsv.read_csv(io.BytesIO(text.encode()), convert_options=convert)

units = table("unit_code,unit_name,short_name,unit_type,admin_level,parent_code,valid_from,valid_to,source_row\\n"
              "A,Sở A,,cqcm_tinh,tinh,,2008-01-01,,2\\nB,UBND xã B,,ubnd_xa,xa,,,,3\\n",
              {"valid_from": pa.date32(), "valid_to": pa.date32(), "source_row": pa.int32()})
HEAD = ("unit_code,year,iso_version,processes_total,processes_removed,processes_new,processes_amended,"
        "steps_before,steps_after,procedures_total,procedures_under_iso,source_row\\n")
figures = table(HEAD + "A,2017,2008,46,8,10,25,34,16,62,61,2\\nB,2017,2015,30,,,,,,40,40,3\\n"
                "B,2018,2015,31,,,,,,40,40,4\\n", {})
store = Store(sys.argv[1])
batch, found = store.commit({"units": units, "unit_years": figures}, BatchMeta("f.csv", "sha", "t", 3))
assert batch == 1 and found.new == 3, found
changed = table(HEAD + "A,2017,2008,47,8,10,25,34,16,62,61,2\\nB,2017,2015,30,,,,,,40,40,3\\n", {})
again, found = store.commit({"unit_years": changed}, BatchMeta("g.csv", "sha2", "t", 2))
assert again == 2 and found.changed == 1 and found.cell_rows[0][-2:] == ("46", "47"), found
known = store.units_arrow()
stored = store.unit_years_arrow([2017])
assert known.column("unit_code").to_pylist() == ["A", "B"], known
assert {"unit_name", "unit_type", "admin_level", "parent_code", "valid_from", "valid_to"} <= set(known.column_names)
assert stored.column("processes_total").to_pylist() == [47, 30], stored
assert store.unit_years_arrow([]).num_rows == 0
print(sorted(m for m in ("pandas", "numpy") if m in sys.modules))
assert "pandas" not in sys.modules
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_importing_the_store_loads_neither_pandas_nor_numpy() -> None:
    done = _run("import sys, store; print([m for m in ('pandas', 'numpy') if m in sys.modules])")
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.slow
def test_a_commit_of_arrow_rows_and_the_reads_an_import_needs_load_no_pandas(tmp_path: Path) -> None:
    done = _run(ARROW_IMPORT, str(tmp_path / "new.duckdb"))
    assert done.returncode == 0, done.stdout + done.stderr
