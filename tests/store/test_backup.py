"""`python -m store backup/restore`: a consistent copy with the user list and the sign-in record, checked;
restored whole or not at all; and a backup taken while a 500,000-row import runs holds that import's batch
entirely or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import duckdb
import pytest

from store import warm
from store.bundle import restore, write
from store.connection import Database
from tests.store.test_cli_and_locks import big_file

pytestmark = pytest.mark.slow  # runs the command lines or nginx in processes

ROOT = Path(__file__).resolve().parents[2]


def store_cli(*args: str, users: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CCHC_USERS_FILE": str(users)}
    return subprocess.run([sys.executable, "-m", "store", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def fingerprint(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, tuple[int, int]]:
    """Every table's row count and the sum of its rows' hashes: equal only when the rows are. With `columns`,
    only those tables and, of each, only those columns (what an older schema had, after a migration added more)."""
    # read-only, unless this process reads the file already (store.warm): DuckDB refuses that mix in one process
    con = duckdb.connect(str(path), read_only=not warm.holds(path))
    try:
        tables = columns or {t: ["*"] for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name <> 'schema_version'").fetchall()}
        return {t: tuple(con.execute(
                    f"SELECT count(*), coalesce(sum(hash(x)), 0) FROM (SELECT {', '.join(cols)} FROM {t}) x"
                ).fetchall()[0]) for t, cols in sorted(tables.items())}
    finally:
        con.close()


def table_columns(path: Path) -> dict[str, list[str]]:
    """Each table's columns, in order (the schema_version table left out)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "WHERE table_name <> 'schema_version' ORDER BY table_name, ordinal_position").fetchall()
    finally:
        con.close()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(f'"{column}"')
    return out


@pytest.fixture
def served(demo_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A demo database with sign-in configured: a user list and the records beside it and the database."""
    users = tmp_path / "conf" / "users.json"
    users.parent.mkdir()
    users.write_text(json.dumps({"users": [{"name": "lan", "role": "admin", "password": "$argon2id$x"}]}))
    Path(f"{demo_copy}.sign-in").write_text(json.dumps({"users_file": str(users)}) + "\n")
    Path(f"{users}.sign-in").write_text(json.dumps({"users_file": str(users)}) + "\n")
    return demo_copy, users


def test_backup_and_restore_keep_every_row_and_the_files_beside(served: tuple[Path, Path], tmp_path: Path) -> None:
    db, users = served
    done = store_cli("backup", str(tmp_path / "b.tar"), "--db", str(db), users=users)
    assert done.returncode == 0, done.stderr
    assert "20 lần nhập" in done.stdout and "139 đơn vị" in done.stdout and "2.262 dòng" in done.stdout
    assert "danh sách người dùng, bản ghi đăng nhập" in done.stdout
    with tarfile.open(tmp_path / "b.tar") as tar:
        assert sorted(tar.getnames()) == ["cchc.duckdb", "manifest.json", "sign-in", "users.json", "users.json.sign-in"]
    target, new_users = tmp_path / "elsewhere" / "r.duckdb", tmp_path / "elsewhere" / "users.json"
    done = store_cli("restore", str(tmp_path / "b.tar"), "--db", str(target), "--lang", "en", users=new_users)
    assert done.returncode == 0, done.stderr
    assert "20 batches in force" in done.stdout and "years 2007–2025 (19 years)" in done.stdout
    assert fingerprint(target) == fingerprint(db)
    assert new_users.read_bytes() == users.read_bytes() and new_users.stat().st_mode & 0o777 == 0o600
    assert Path(f"{target}.sign-in").read_bytes() == Path(f"{db}.sign-in").read_bytes()
    assert Path(f"{new_users}.sign-in").read_bytes() == Path(f"{users}.sign-in").read_bytes()


def test_restore_refuses_an_existing_database_without_overwrite(served: tuple[Path, Path], tmp_path: Path) -> None:
    db, users = served
    assert store_cli("backup", str(tmp_path), "--db", str(db), users=users).returncode == 0
    bundle = next(tmp_path.glob("cchc-*.tar"))
    other = tmp_path / "other.duckdb"
    big = big_file(tmp_path / "f.csv", 3)
    subprocess.run([sys.executable, "-m", "ingest", str(big), "--db", str(other)], cwd=ROOT, check=True,
                   capture_output=True)
    kept = fingerprint(other)
    done = store_cli("restore", str(bundle), "--db", str(other), users=users)
    assert done.returncode == 2 and "--overwrite" in done.stderr and "Traceback" not in done.stderr
    assert fingerprint(other) == kept
    done = store_cli("restore", str(bundle), "--db", str(other), "--overwrite", users=users)
    assert done.returncode == 0, done.stderr
    assert fingerprint(other) == fingerprint(db)


def test_a_backup_file_is_never_overwritten_unasked(served: tuple[Path, Path], tmp_path: Path) -> None:
    db, users = served
    out = tmp_path / "b.tar"
    out.write_bytes(b"earlier")
    done = store_cli("backup", str(out), "--db", str(db), "--lang", "en", users=users)
    assert done.returncode == 2 and "already exists" in done.stderr and out.read_bytes() == b"earlier"


def test_a_damaged_backup_restores_nothing(served: tuple[Path, Path], tmp_path: Path) -> None:
    db, users = served
    write(Database(db), tmp_path / "b.tar", {"users.json": users})
    raw = bytearray((tmp_path / "b.tar").read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # a byte in the database's member
    (tmp_path / "bad.tar").write_bytes(bytes(raw))
    target = tmp_path / "r.duckdb"
    done = store_cli("restore", str(tmp_path / "bad.tar"), "--db", str(target), "--lang", "en", users=users)
    assert done.returncode == 2 and "checksum" in done.stderr and not target.exists()
    (tmp_path / "not.tar").write_text("unit_code,year\n")
    done = store_cli("restore", str(tmp_path / "not.tar"), "--db", str(target), "--lang", "en", users=users)
    assert done.returncode == 2 and "not a backup" in done.stderr and not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cchc-backup-")] == []


def _backed_up_and_restored(db: Path, tmp_path: Path) -> dict[str, tuple[int, int]]:
    bundle, target = tmp_path / "during.tar", tmp_path / "restored.duckdb"
    write(Database(db, timeout=900), bundle, {})
    restore(bundle, Database(target), {}, overwrite=True)
    bundle.unlink()
    return fingerprint(target)


def test_a_backup_during_a_big_import_holds_its_batch_whole_or_not_at_all(demo_copy: Path, tmp_path: Path) -> None:
    """Backups taken one after another while a 500,000-row import runs (in its own process) each restore to
    the database as it was before the import's batch or after it: never a part of it."""
    before = fingerprint(demo_copy)
    rows = big_file(tmp_path / "national.csv", 500_000)
    env = {**os.environ, "CCHC_LOCK_TIMEOUT": "900"}  # the backups below hold the file again and again
    log = (tmp_path / "ingest.log").open("w")  # a file, not a pipe: nobody reads its report until it ends
    proc = subprocess.Popen([sys.executable, "-m", "ingest", str(rows), "--db", str(demo_copy)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    seen: list[tuple[bool, dict[str, tuple[int, int]]]] = []
    while True:
        running = proc.poll() is None
        seen.append((running, _backed_up_and_restored(demo_copy, tmp_path)))
        if not running:
            break
        # Let the import have the file between two backups: back to back, they would keep it out (its wait for
        # the file backs off to half a second), which a nightly backup never does.
        time.sleep(0.7)
    proc.wait(timeout=900)
    log.close()
    assert proc.returncode == 0, (tmp_path / "ingest.log").read_text()[-2000:]
    after = fingerprint(demo_copy)
    assert after["unit_years"][0] == before["unit_years"][0] + 500_000
    assert any(running for running, _ in seen) and seen[-1][1] == after
    assert all(found in (before, after) for _, found in seen)
    print(f"{len(seen)} backups during the import: {sum(f == before for _, f in seen)} before, "
          f"{sum(f == after for _, f in seen)} after")
