"""Fixtures shared by every tier: the demo database is built once, through the real import
code, and copied for each test that writes."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

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


# The tiers. `bash scripts/test.sh quick` runs what needs no process, browser, PDF or Streamlit app: the
# folders say which tests drive a browser (e2e) or an AppTest (app); a test elsewhere that starts a process or
# writes a PDF says so with `@pytest.mark.slow` (or `pytestmark`). The guard below keeps the quick tier
# honest: in it, starting a command or writing a PDF fails the test with the mark it lacks.
QUICK = os.environ.get("_CCHC_QUICK") == "1"  # set by scripts/test.sh quick: a hand-off, not a setting
# Property tests try fewer examples in the quick tier; the full run tries Hypothesis's default hundred.
settings.register_profile("quick", max_examples=15)
if QUICK:
    settings.load_profile("quick")
_TIER_BY_FOLDER = {"e2e": "e2e", "app": "app"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test of tests/e2e and tests/app with its folder's tier."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in _TIER_BY_FOLDER:
            item.add_marker(getattr(pytest.mark, _TIER_BY_FOLDER[folder]))


def _refuse(what: str) -> object:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a quick-tier test {what}: mark it @pytest.mark.slow (see tests/conftest.py)")
    return refuse


@pytest.fixture(autouse=True)
def _quick_tier_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """In the quick tier, a test that starts a process or writes a PDF fails instead of running slowly."""
    if QUICK:
        from fpdf import FPDF

        # A command (the CLIs, Chromium, nginx) is refused; the reading child that every import forks from its
        # forkserver (ingest.reading.child) is the product's own design and costs milliseconds, so it may run.
        monkeypatch.setattr(subprocess.Popen, "__init__", _refuse("started a process"))
        monkeypatch.setattr(FPDF, "output", _refuse("wrote a PDF"))
    yield
