"""`python -m ingest` with the official form as offices send it: the year and round only in the title, in every
format LibreOffice saves; --year and --round; a year column at odds with the title; a file with no year; the
history recording what a batch wrote in the preview's words, headed in the reader's language."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ingest.cli import main
from ingest.demo import import_registry
from store import Store
from tests.data.office.make_office import FORM, TITLE_ROUND, TITLE_YEAR

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "tests" / "data" / "office"
FORMS = ["bieu_mau_tieu_de.xlsx", "bieu_mau_tieu_de_lo.xls", "bieu_mau_tieu_de_lo.ods", "bieu_mau_tieu_de_lo.xlsx",
         "bieu_mau_tieu_de_lo.csv"]
FIGURES = ("processes_total", "processes_removed", "processes_new", "processes_amended", "steps_before",
           "steps_after", "procedures_total", "procedures_under_iso")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A database holding the province's unit registry only."""
    store = Store(tmp_path / "reg.duckdb")
    import_registry(store, ROOT / "data" / "units.csv", ROOT / "data" / "lineage.csv", "test", False)
    return store.path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _stored(db: Path) -> list[tuple[object, ...]]:
    years = Store(db).unit_years(years=[TITLE_YEAR]).sort_values("unit_name")
    return [tuple([row["unit_name"], *(int(row[c]) for c in FIGURES)]) for _, row in years.iterrows()]


EXPECTED = sorted(tuple([name, *figures]) for name, _, _, _, *figures, _, _ in FORM)


@pytest.mark.parametrize("name", FORMS)
def test_the_form_with_the_year_only_in_its_title_imports_every_figure(
        capsys: pytest.CaptureFixture[str], registry: Path, name: str) -> None:
    units = len(Store(registry).units())
    code, out, _ = run(capsys, str(OFFICE / name), "--json", "--db", str(registry))
    report = json.loads(out)
    assert code == 0 and report["ok"], report["errors"]
    assert (report["year"], report["round"], report["year_from"]) == (TITLE_YEAR, TITLE_ROUND, "title")
    assert "Năm 2018, đợt 2: đọc từ tiêu đề dòng 4." in [n["message"] for n in report["notes"]]
    assert any("(3a)" in n["message"] or "(14)" in n["message"] for n in report["notes"])  # the number row
    assert _stored(registry) == EXPECTED
    assert len(Store(registry).units()) == units and report["units_created"] == 0
    rounds = Store(registry).inspections(years=[TITLE_YEAR])
    assert len(rounds) == 5 and set(rounds["inspection_round"]) == {TITLE_ROUND}
    batch = Store(registry).batches().iloc[0]
    assert (batch["year"], batch["inspection_round"]) == (TITLE_YEAR, TITLE_ROUND)


def test_year_and_round_given_win_over_the_title_and_are_recorded(
        capsys: pytest.CaptureFixture[str], registry: Path) -> None:
    code, out, _ = run(capsys, str(OFFICE / "bieu_mau_tieu_de.xlsx"), "--json", "--year", "2019", "--round", "1",
                       "--lang", "en", "--db", str(registry))
    report = json.loads(out)
    assert code == 0 and (report["year"], report["round"], report["year_from"]) == (2019, 1, "given")
    assert any("instead of the year 2018 the title states in row 4" in n["message"] for n in report["notes"])
    assert len(Store(registry).unit_years(years=[2019])) == 5 and Store(registry).unit_years(years=[2018]).empty
    batch = Store(registry).batches().iloc[0]
    assert (batch["year"], batch["inspection_round"]) == (2019, 1)


def test_a_year_column_at_odds_with_the_title_is_an_error_naming_both(
        capsys: pytest.CaptureFixture[str], registry: Path, tmp_path: Path) -> None:
    text = (OFFICE / "bieu_mau_lo.csv").read_text(encoding="utf-8").replace("NĂM 2024", "NĂM 2023")
    assert "NĂM 2023" in text
    path = tmp_path / "lech.csv"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--json", "--lang", "en", "--db", str(registry))
    errors = [e["message"] for e in json.loads(out)["errors"]]
    assert code == 1 and any("2024" in m and "2023" in m and "“Năm”" in m for m in errors), errors
    code, out, _ = run(capsys, str(OFFICE / "bieu_mau_lo.csv"), "--json", "--year", "2019", "--db", str(registry))
    errors = [e["message"] for e in json.loads(out)["errors"]]
    assert code == 1 and any("2024" in m and "2019" in m for m in errors), errors
    assert len(Store(registry).batches()) == 1  # the registry only


def test_a_file_with_no_year_anywhere_says_to_pass_year(
        capsys: pytest.CaptureFixture[str], registry: Path, tmp_path: Path) -> None:
    lines = (OFFICE / "bieu_mau_tieu_de_lo.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "khong_nam.csv"
    path.write_text("".join(line for line in lines if "NĂM 2018" not in line), encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--lang", "en", "--db", str(registry))
    assert code == 1 and "--year" in out.splitlines()[0] and "fix" not in out.splitlines()[0].lower()
    code, out, _ = run(capsys, str(path), "--json", "--db", str(registry))
    assert code == 1 and "--year" in json.loads(out)["errors"][0]["message"]
    code, out, _ = run(capsys, str(path), "--year", "2018", "--round", "2", "--db", str(registry))
    assert code == 0 and _stored(registry) == EXPECTED


def _changed(tmp_path: Path) -> Path:
    """The LibreOffice CSV of the form with every unit's processes_total one higher."""
    rows = list(csv.reader(io.StringIO((OFFICE / "bieu_mau_tieu_de_lo.csv").read_text(encoding="utf-8"))))
    for row in rows:
        if row[0].isdigit():
            row[5] = str(int(row[5]) + 1)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / "sua.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_an_import_that_overwrites_five_unit_years_is_recorded_as_five_changed(
        capsys: pytest.CaptureFixture[str], registry: Path, tmp_path: Path) -> None:
    assert run(capsys, str(OFFICE / "bieu_mau_tieu_de.xlsx"), "--db", str(registry))[0] == 0
    code, out, _ = run(capsys, str(_changed(tmp_path)), "--json", "--db", str(registry))
    report = json.loads(out)
    assert code == 0 and report["figures"] == {"new": 0, "changed": 5, "unchanged": 0}
    batch = Store(registry).batches().iloc[0]
    assert (batch["figures_new"], batch["figures_changed"], batch["figures_unchanged"]) == (0, 5, 0)
    assert (batch["rounds_new"], batch["rounds_changed"], batch["rounds_unchanged"]) == (0, 0, 5)
    assert Store(registry).batch_written(int(batch["batch_id"]))["unit_years"]["changed"] == 5  # type: ignore[index]
    code, out, _ = run(capsys, "--history", "--lang", "en", "--db", str(registry))
    head, first = out.splitlines()[:2]
    assert "Unit-year figures (new · changed · unchanged)" in head and "Undone by" in head and "batch_id" not in head
    assert "0 · 5 · 0" in first and "2018, round 2" in first


def test_history_and_undo_of_a_missing_database_create_no_folder(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "new" / "dirs" / "x.duckdb"
    for args in (["--history"], ["--undo", "1"]):
        code, _, err = run(capsys, *args, "--lang", "en", "--db", str(db))
        assert code == 2 and "No database at" in err and "Traceback" not in err
    assert not (tmp_path / "new").exists()


def test_a_database_written_before_the_counts_were_recorded_shows_them_as_missing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import duckdb

    from store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for version, statements in MIGRATIONS[:4]:
        for sql in statements:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [version])
    con.execute("INSERT INTO import_batches VALUES (1, 'cu.csv', 'x', 'ai', current_timestamp, 5, 5, 0, 0, 0, false, "
                "NULL, NULL)")
    con.close()
    assert Store(path).batch_written(1) == {"rows": {"new": 5, "changed": 0, "unchanged": 0}}
    code, out, _ = run(capsys, "--history", "--lang", "en", "--db", str(path))
    assert code == 0 and "cu.csv" in out and "nan" not in out.lower() and "None" not in out
