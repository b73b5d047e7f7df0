"""The import page shows a remembered column mapping as someone's before commit, asks before applying one
that swaps recognised figure columns, and lists the remembered mappings with a button that clears each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.demo import import_registry
from ingest.run import Decisions, import_file
from store import Store

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "tests" / "data" / "office" / "unknown_column.xlsx"
SWAP = {"Quy trình Loại bỏ": "processes_new", "Quy trình Viết mới": "processes_removed", "Số sáng kiến": ""}


@pytest.fixture
def swapped(tmp_path: Path) -> Path:
    """The registry, and a mapping analyst lan remembered that swaps two recognised figure columns."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    assert import_file(store, FILE.read_bytes(), FILE.name, "lan", decided=Decisions(SWAP)).batch
    store.undo(int(store.batches()["batch_id"].max()), "lan")
    return store.path


def _upload(app: Callable[..., AppTest], db: Path, lang: str) -> AppTest:
    at = app(db, lang=lang)
    at.switch_page("pages/import_data.py")
    at.run()
    at.file_uploader(key="upload").set_value((FILE.name, FILE.read_bytes(), "application/octet-stream"))
    return at.run()


@pytest.mark.parametrize(("lang", "words", "new", "removed"), [
    ("vi", "chưa được áp dụng", "Số quy trình viết mới", "Số quy trình loại bỏ"),
    ("en", "not applied", "processes\\_new", "processes\\_removed"),
])
def test_a_remembered_swap_is_shown_as_lans_and_waits_for_a_word(app: Callable[..., AppTest], swapped: Path,
                                                                  lang: str, words: str, new: str,
                                                                  removed: str) -> None:
    at = _upload(app, swapped, lang)
    assert not at.exception, at.exception
    said = [w.value for w in at.warning if "lan" in w.value]
    assert said and words in said[0]
    shown = next(m.value for m in at.markdown if "**Quy trình Viết mới**" in m.value)
    line = next(x for x in shown.split("\n") if "**Quy trình Viết mới**" in x)
    assert line.index(new) < line.index(removed)  # plain → remembered, each field in the reader's language
    assert not [b for b in at.button if b.key == "commit"]  # never applied, never imported, without a word
    radio = next(r for r in at.radio if r.key and r.key.startswith("remembered_"))
    radio.set_value("apply").run()
    assert not at.exception, at.exception
    at.button(key="commit").click().run()
    stored = Store(swapped).unit_years(years=[2024]).set_index("unit_name")
    assert (stored.loc["Sở Nội vụ", "processes_removed"], stored.loc["Sở Nội vụ", "processes_new"]) == (10, 4)


def test_the_remembered_mappings_are_listed_and_cleared(app: Callable[..., AppTest], swapped: Path) -> None:
    at = app(swapped, lang="en")
    at.switch_page("pages/import_data.py")
    at.run()
    assert any(e.label == "Remembered column mappings (1)" for e in at.expander)
    assert any("**lan**" in m.value for m in at.markdown)
    next(b for b in at.button if b.key and b.key.startswith("forget_")).click().run()
    assert not at.exception, at.exception
    assert Store(swapped).remembered_mappings() == []
    assert any(e.label == "Remembered column mappings (0)" for e in at.expander)
