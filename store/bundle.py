"""A backup bundle: one .tar (or .tar.gz) file holding the database, the files that go with it (the user list
and the sign-in record) and a manifest of what the database holds, with each file's checksum.

    manifest.json   format, when, from where, duckdb's version, the database's Contents, each file's sha256
    cchc.duckdb     the database as one moment left it (store.backup.snapshot)
    users.json      the user list, when there is one
    sign-in         the record, beside the database, that sign-in was configured for it, when there is one
    users.json.sign-in  the same record beside the user list (where the server also looks), when there is one

Restoring checks every checksum and opens the database before anything is put in place."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from common.errors import InputError, StoreError
from store.backup import Contents, check_copy, put_back, snapshot
from store.connection import Database, translated
from store.copies import copy_file

FORMAT, VERSION = "cchc-backup", 1
DATABASE = "cchc.duckdb"
COMPANIONS = ("users.json", "sign-in", "users.json.sign-in")  # kept with the database, by their name in the bundle


@dataclass(frozen=True)
class Bundle:
    """What a backup holds: the database's contents and which companion files came with it."""

    path: Path
    contents: Contents
    companions: tuple[str, ...]
    created_at: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as read:
        for block in iter(lambda: read.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _scratch(beside: Path) -> Iterator[Path]:
    """A private folder on the same file system as `beside`, removed afterwards."""
    try:
        beside.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=beside.parent, prefix=".cchc-backup-"))
    except OSError as exc:
        raise translated(exc, beside) from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write(db: Database, out: Path, companions: Mapping[str, Path]) -> Bundle:
    """Back up the database and its companion files (those that exist) into the bundle `out`."""
    with _scratch(out) as work:
        found = snapshot(db, work / DATABASE)
        kept = [name for name, src in companions.items() if src.is_file()]
        for name in kept:
            copy_file(companions[name], work / name)
        created = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        manifest = {"format": FORMAT, "version": VERSION, "created_at": created, "database": str(db.path),
                    "duckdb": duckdb.__version__, "contents": found.as_json(),
                    "files": {n: {"sha256": _sha256(work / n), "bytes": (work / n).stat().st_size}
                              for n in (DATABASE, *kept)}}
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _pack(work, ("manifest.json", DATABASE, *kept), out)
    return Bundle(out, found, tuple(kept), created)


def _pack(work: Path, names: tuple[str, ...], out: Path) -> None:
    part = out.with_name(f".{out.name}.part")
    mode = "w:gz" if out.name.endswith((".gz", ".tgz")) else "w"
    try:
        os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # it holds the password hashes
        with tarfile.open(part, mode) as tar:  # type: ignore[call-overload]
            for name in names:
                tar.add(work / name, arcname=name, recursive=False)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise translated(exc, out) from exc


def restore(path: Path, db: Database, companions: Mapping[str, Path], overwrite: bool = False) -> Bundle:
    """Put a backup back: the database at `db`, each companion file where `companions` says. Every checksum is
    checked and the database opened first; an existing database (or a different companion file) is replaced
    only with `overwrite`."""
    if db.exists() and not overwrite:
        raise InputError("backup.db_exists", path=str(db.path))
    with _scratch(db.path) as work:
        manifest = _unpack(path, work)
        found = Contents.from_json(manifest["contents"])
        check_copy(work / DATABASE, found)
        kept = tuple(n for n in COMPANIONS if n in manifest["files"])
        if not overwrite:
            _refuse_different(work, kept, companions)
        put_back(work / DATABASE, db)
        for name in kept:
            _place(work / name, companions[name])
    return Bundle(path, found, kept, str(manifest.get("created_at", "")))


def _refuse_different(work: Path, kept: tuple[str, ...], companions: Mapping[str, Path]) -> None:
    for name in kept:
        dest = companions[name]
        if dest.exists() and _sha256(dest) != _sha256(work / name):
            raise InputError("backup.file_exists", path=str(dest))


def _place(src: Path, dest: Path) -> None:
    """Put a restored companion file in place whole, readable by its owner only (the user list holds hashes)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        copy_file(src, dest, mode=0o600)
    except OSError as exc:
        raise translated(exc, dest) from exc


def _unpack(path: Path, work: Path) -> dict[str, Any]:
    """The manifest of the bundle at `path`, its files written into `work` and their checksums checked."""
    try:
        with tarfile.open(path, "r:*") as tar:
            manifest = _manifest(tar)
            for name in manifest["files"]:  # by our own names only: nothing in the archive picks a path
                member = tar.extractfile(name)
                if member is None:
                    raise KeyError(name)
                with member, (work / name).open("wb") as out:
                    shutil.copyfileobj(member, out, 1 << 20)
    except FileNotFoundError as exc:
        raise InputError("backup.no_file", path=str(path)) from exc
    except (tarfile.TarError, KeyError, ValueError, TypeError, EOFError) as exc:
        raise InputError("backup.not_a_backup", path=str(path)) from exc
    except OSError as exc:
        raise translated(exc, path) from exc
    for name, info in manifest["files"].items():
        if _sha256(work / name) != info["sha256"]:
            raise InputError("backup.checksum", path=str(path), name=name)
    return manifest


def _manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    member = tar.extractfile("manifest.json")
    if member is None:
        raise KeyError("manifest.json")
    manifest = json.loads(member.read().decode("utf-8"))
    files = manifest["files"]
    if manifest.get("format") != FORMAT or DATABASE not in files or set(files) - {DATABASE, *COMPANIONS}:
        raise ValueError("not a backup of this dashboard")
    if int(manifest.get("version", 0)) > VERSION:
        raise StoreError("backup.newer_format", found=manifest.get("version"), known=VERSION)
    return dict(manifest)
