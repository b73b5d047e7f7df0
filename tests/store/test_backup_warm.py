"""`python -m store backup/restore` beside a server that keeps the file open for its reads (store.warm): the
backup gets the file and holds every batch, the request file it leaves while it waits is not in it, and after a
restore the server reads the restored file, not the instance of the one it replaced."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from store import Store
from store.warm import wanted_path
from tests.store.test_backup import fingerprint

pytestmark = pytest.mark.slow  # runs the command lines in processes

ROOT = Path(__file__).resolve().parents[2]


def store_cli(*args: str, users: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CCHC_LOCK_TIMEOUT": "60", "CCHC_USERS_FILE": str(users)}  # no sign-in configured
    return subprocess.run([sys.executable, "-m", "store", *args, "--lang", "en"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_backup_and_restore_beside_a_server_that_holds_the_file(demo_copy: Path, tmp_path: Path) -> None:
    server, users = Store(demo_copy, warm=True), tmp_path / "no-sign-in" / "users.json"
    span = (2007, 2025)
    before, kept = server.counts(["year"], span), fingerprint(demo_copy)
    assert server.db.reads().is_open  # the server holds the file: the backup must ask for it
    done = store_cli("backup", str(tmp_path / "b.tar"), "--db", str(demo_copy), users=users)
    assert done.returncode == 0, done.stderr
    assert "20 batches" in done.stdout and not wanted_path(demo_copy).exists()
    with tarfile.open(tmp_path / "b.tar") as tar:
        assert sorted(tar.getnames()) == ["cchc.duckdb", "manifest.json"]  # no request file, no lock, no log
    latest = int(server.batches()["batch_id"].max())
    server.undo(latest, "test")  # the server's data moves on after the backup
    changed = server.counts(["year"], span)
    assert not changed.equals(before)
    opened = server.db.reads().opened
    done = store_cli("restore", str(tmp_path / "b.tar"), "--db", str(demo_copy), "--overwrite", users=users)
    assert done.returncode == 0, done.stderr
    assert server.counts(["year"], span).equals(before)  # the restored file, not the replaced one's instance
    assert server.db.reads().opened > opened
    assert fingerprint(demo_copy) == kept


def test_a_backup_of_an_older_schema_restored_beside_the_server_is_migrated(demo_copy: Path,
                                                                             tmp_path: Path) -> None:
    from store.bundle import write
    from store.connection import Database
    from store.schema import LATEST
    from tests.store.test_schema_upgrades import unpacked

    older = unpacked(LATEST - 1, tmp_path)
    write(Database(older), tmp_path / "older.tar", {})  # the file as it is: a backup taken before an upgrade
    server, users = Store(demo_copy, warm=True), tmp_path / "no-sign-in" / "users.json"
    assert not server.counts(["year"], (2007, 2025)).empty  # this process has migrated the file it replaces
    done = store_cli("restore", str(tmp_path / "older.tar"), "--db", str(demo_copy), "--overwrite", users=users)
    assert done.returncode == 0, done.stderr
    found = server.counts(["year", "unit_type"], (2015, 2019))  # the pages' question: answered by the rollups
    assert int(found["units_in_scope"].sum()) > 0
    assert _version(demo_copy) == LATEST


def _version(path: Path) -> int:
    from store.backup import read_contents

    return read_contents(path).schema_version
