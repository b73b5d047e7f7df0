"""The plan's output is the one the code gave before the plan gathered then composed and its rules ran on
columns (issues 26 and 27): `python -m plan --json`, the CSV annex (bytes) and the workbook annex (cell values) of
the demo database, stored from the code before that change in tests/data/plan_expected/."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from plan import export
from plan.build import current
from plan.gather import gather
from store import Store

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "plan_expected"


@pytest.mark.parametrize("name", sorted(p.stem for p in EXPECTED.glob("*.json")))
def test_the_json_is_what_the_code_before_printed(demo_db: Path, name: str) -> None:
    year, lang = name.split("_")
    plan = current(gather(Store(demo_db), int(year)))
    said = json.dumps(export.as_json(plan, lang), ensure_ascii=False, indent=1) + "\n"
    assert said == (EXPECTED / f"{name}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_csv_annex_is_what_the_code_before_wrote(demo_db: Path, lang: str) -> None:
    plan = current(gather(Store(demo_db), 2018))
    assert export.csv_bytes(plan, lang) == (EXPECTED / f"2018_{lang}.csv").read_bytes()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_workbook_annex_holds_what_the_code_before_wrote(demo_db: Path, lang: str) -> None:
    plan = current(gather(Store(demo_db), 2018))

    def cells(data: bytes) -> list[object]:
        book = CalamineWorkbook.from_filelike(BytesIO(data))
        return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]

    assert cells(export.xlsx_bytes(plan, lang)) == cells((EXPECTED / f"2018_{lang}.xlsx").read_bytes())
