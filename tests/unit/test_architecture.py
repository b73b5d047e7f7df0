"""The house rules: only dashboard.py, pages/, ui/ and server/ import streamlit; only store/ imports duckdb;
the core does not import the UI. Checked on the source and in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ("metrics", "store", "ingest", "common", "report", "charts", "auth", "plan", "demodata")
# server/ runs the server: it builds on Streamlit's own web server (its middleware, its cookie signing, its
# sessions), so it imports streamlit, but it is not UI and imports none of it (below).
UI_ALLOWED = ("dashboard.py", "pages", "ui", "server")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _sources() -> list[Path]:
    skip = {".venv", "tests", "bench", ".git"}
    return [p for p in ROOT.rglob("*.py") if not (set(p.relative_to(ROOT).parts) & skip)]


def _top(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def test_only_the_ui_imports_streamlit() -> None:
    offenders = [str(p) for p in _sources() if "streamlit" in _imports(p) and _top(p) not in UI_ALLOWED]
    assert offenders == []


def test_the_server_imports_no_page_and_no_ui() -> None:
    """ui/ calls server/ (the upload permission, the sign-in ticket); never the other way round."""
    offenders = [str(p) for p in (ROOT / "server").glob("*.py") if _imports(p) & {"ui", "pages", "dashboard"}]
    assert offenders == []


def test_only_the_store_imports_duckdb() -> None:
    offenders = [str(p) for p in _sources() if "duckdb" in _imports(p) and _top(p) != "store"]
    assert offenders == []


def test_the_core_does_not_import_the_ui() -> None:
    offenders = [str(p) for p in _sources() if _top(p) in CORE and _imports(p) & {"ui", "pages", "dashboard"}]
    assert offenders == []


def _modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return found | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}


def test_reading_never_checks_and_neither_runs_an_import() -> None:
    flow = ("ingest.run", "ingest.cli", "ingest.demo", "ingest.oneshot")
    offenders = []
    for side, banned in (("reading", ("ingest.checking", *flow)), ("checking", flow)):
        for path in (ROOT / "ingest" / side).glob("*.py"):
            offenders += [f"{path.name}: {m}" for m in _modules(path) if m.startswith(banned)]
    assert offenders == []


@pytest.mark.slow
def test_importing_the_core_loads_neither_streamlit_nor_a_ui_module() -> None:
    code = (
        "import sys, metrics, store, ingest.run, ingest.cli, common.i18n\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui', 'pages')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_metrics_load_no_duckdb() -> None:
    code = "import sys, metrics; raise SystemExit(1 if 'duckdb' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_the_briefing_writers_do_not_read_the_store() -> None:
    """The briefing gathers, then composes: only the gatherer and the entry points that call it see the store."""
    readers = {"gather.py", "build.py", "cli.py"}
    offenders = [p.name for p in (ROOT / "report").glob("*.py")
                 if p.name not in readers and _imports(p) & {"store", "duckdb"}]
    assert offenders == []


def test_pages_never_import_the_store() -> None:
    """Pages read through ui/ (the cached data layer), never the store itself."""
    offenders = [p.name for p in (ROOT / "pages").rglob("*.py") if _imports(p) & {"store", "duckdb"}]
    assert offenders == []


def test_the_plan_never_imports_the_briefing() -> None:
    """The two documents share common.documents (fonts, colours, safe writing), not each other's code."""
    offenders = [p.name for p in (ROOT / "plan").rglob("*.py") if "report" in _imports(p)]
    assert offenders == []
