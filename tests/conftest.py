"""Fixtures shared by every tier: the demo database is built once, through the real import
code, and copied for each test that writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _no_real_user_list(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read the developer's own user list: sign-in stays off unless a test sets one."""
    os.environ["CCHC_USERS_FILE"] = str(tmp_path_factory.mktemp("users") / "users.json")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per test session. Do not write to it: use `demo_copy`."""
    from ingest.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(Store(path))
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    target = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, target)
    return target


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    """A new, empty database in the test's own folder."""
    return Store(tmp_path / "empty.duckdb")
