"""Write the committed fixtures of a database at each older schema version, with the code of that version.

For each version, a temporary git worktree of the last commit that wrote it; its own import code (run with
this repository's virtual environment, hence duckdb 2.0.0's file format) writes a small database: the unit
registry, the 2016–2018 demo reports, one of them changed by a second file (rows kept for undo), and the
2018 batch undone; kept gzipped (v<N>.duckdb.gz). Beside it, the figures that version's own Store computed
(counts and inspection rounds by year and unit type), which tests/store/test_schema_upgrades.py
compares after migrating.

Usage (from the repository root): .venv/bin/python tests/data/schemas/make_schemas.py [VERSION ...]
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
# The last commit of each older schema version on main's history (`git log -- store/schema.py`).
VERSIONS = {1: "3821e2a", 2: "6bfc915", 3: "c662e0c", 4: "9877ed7", 5: "f07a3ec"}

WRITE = """
import csv, io, json, subprocess, sys
from pathlib import Path
from ingest.demo import DATA, DEMO_USER, import_registry
from store import Store

out, figures = Path(sys.argv[1]), Path(sys.argv[2])
store = Store(out)
import_registry(store, DATA / "units.csv", DATA / "lineage.csv", DEMO_USER, is_demo=True)
def ingest(*args):
    done = subprocess.run([sys.executable, "-m", "ingest", *args, "--db", str(out), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)
for year in (2016, 2017, 2018):
    ingest(str(DATA / "demo" / f"bao_cao_{year}.csv"))
# A second 2017 file that lowers one unit's procedures under ISO: a changed row, its prior row kept for undo.
rows = list(csv.DictReader((DATA / "demo" / "bao_cao_2017.csv").open(encoding="utf-8-sig")))
row = next(r for r in rows if (r.get("procedures_under_iso") or "").strip().isdigit()
           and int(r["procedures_under_iso"]) > 0)
row["procedures_under_iso"] = str(int(row["procedures_under_iso"]) - 1)
changed = out.parent / "changed_2017.csv"
with changed.open("w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader(); w.writerows(rows)
assert ingest(str(changed))["changed"] >= 1
undone = next(int(b) for b, name in Store(out).batches()[["batch_id", "file_name"]].itertuples(index=False)
              if str(name).endswith("bao_cao_2018.csv"))
done = subprocess.run([sys.executable, "-m", "ingest", "--undo", str(undone), "--db", str(out)],
                      capture_output=True, text=True)
assert done.returncode == 0, done.stdout + done.stderr
span = (2015, 2019)
by = ["year", "unit_type"]
found = {"counts": json.loads(store.counts(by, span).sort_values(by).to_json(orient="records")),
         "rounds": json.loads(store.rounds(by, span).sort_values(by).to_json(orient="records"))}
figures.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\\n", encoding="utf-8")
"""


def make(version: int, commit: str, scratch: Path) -> None:
    """Write v<version>.duckdb and v<version>.figures.json with the code of `commit`."""
    tree = scratch / f"v{version}"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        work = scratch / f"db{version}"
        work.mkdir()
        db, figures = work / f"v{version}.duckdb", HERE / f"v{version}.figures.json"
        subprocess.run([sys.executable, "-c", WRITE, str(db), str(figures)], cwd=tree, check=True,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "CCHC_USERS_FILE": str(work / "u.json"),
                            "HOME": str(work)})
        with db.open("rb") as raw, gzip.open(HERE / f"{db.name}.gz", "wb", compresslevel=9) as packed:
            shutil.copyfileobj(raw, packed)  # mostly empty blocks: 3.7 MB → ~30 KB
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)


def main(only: list[int]) -> None:
    """Write every older version's fixture (or only the versions named)."""
    with tempfile.TemporaryDirectory() as scratch:
        for version, commit in VERSIONS.items():
            if only and version not in only:
                continue
            make(version, commit, Path(scratch))
            print(f"v{version} from {commit}: {(HERE / f'v{version}.duckdb.gz').stat().st_size:,} bytes")


if __name__ == "__main__":
    main([int(v) for v in sys.argv[1:]])
