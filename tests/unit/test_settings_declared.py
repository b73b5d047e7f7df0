"""Every setting is declared once in common/settings.py and listed in the README's settings table; no code
outside the settings module reads the environment for one. A name with a leading underscore (`_CCHC_…`) is the
program's own hand-off between its processes, never set by a person, and so not a setting."""

from __future__ import annotations

import re
from pathlib import Path

from common import settings

ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"\bCCHC_[A-Z_]+\b")


def _code_files() -> list[Path]:
    """The product's Python files (not tests, benchmarks or the virtual environment)."""
    skip = {"tests", "bench"}
    rooms = [d for d in ROOT.iterdir() if d.is_dir() and (d / "__init__.py").exists() and d.name not in skip]
    return [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *(p for d in rooms for p in d.rglob("*.py"))]


def _shell_files() -> list[Path]:
    """What the shell reads settings in: the scripts and the deployment recipes."""
    return [p for d in ("scripts", "deploy") for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix != ".py"]


def test_every_setting_the_code_names_is_declared() -> None:
    declared = {s.name for s in settings.ALL}
    files = [*_code_files(), *_shell_files()]
    named = {name for path in files for name in _NAME.findall(path.read_text(encoding="utf-8"))}
    assert named <= declared, f"named in the code but not declared in common/settings.py: {named - declared}"


def test_only_the_settings_module_reads_the_environment_for_a_setting() -> None:
    reads = re.compile(r"os\.environ(?:\.get)?[\[(]\s*[\"']CCHC_")
    offenders = [str(p.relative_to(ROOT)) for p in _code_files() if reads.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_readme_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in settings.ALL if f"| `{s.name}` |" not in readme]
    assert missing == [], f"README's settings table lacks {missing}"
