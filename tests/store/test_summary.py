"""The year in words on the demo database: the article's 2017 figures in both languages, the same
text in `python -m report --out FILE.md` and opening the PDF briefing, caveats where they apply."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report.gather import gather
from report.summary import markdown, summary
from store import Store

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = {
    "vi": ["toàn tỉnh có 122 cơ quan, đơn vị", "21 cơ quan chuyên môn cấp tỉnh, 11 UBND cấp huyện, 13 đơn vị sự nghiệp "
           "trực thuộc các sở, 34 phòng chuyên môn cấp huyện, 25 đơn vị sự nghiệp trực tiếp phục vụ quản lý nhà nước, "
           "18 UBND cấp xã", "đợt 1 có 15/19 đơn vị (78,9%)"],
    "en": ["In 2017, 122 state administrative agencies", "21 provincial specialised agencies, 11 district people's "
           "committees, 13 public service units under departments, 34 district specialised offices, 25 public service "
           "units directly serving state management, 18 commune people's committees",
           "round 1, 15 of 19 units (78.9%)"],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_2017_states_the_articles_figures(demo_db: Path, lang: str) -> None:
    text = " ".join(summary(gather(Store(demo_db), 2017), lang))
    for figure in ARTICLE[lang]:
        assert figure in text
    assert ("So với năm 2016" if lang == "vi" else "Compared with 2016") in text
    assert "Lưu ý" not in text and "Note:" not in text  # 2017 is complete and its rounds are not small


def test_every_number_follows_the_data(demo_copy: Path) -> None:
    """Nothing typed in: the same sentences on other data give other numbers."""
    store = Store(demo_copy)
    before = " ".join(summary(gather(store, 2017), "vi"))
    import duckdb  # the test changes the data directly; the product never does

    with duckdb.connect(str(demo_copy)) as con:
        con.execute("UPDATE inspections SET improved = true WHERE year = 2017 AND inspection_round = 1")
    after = " ".join(summary(gather(store, 2017), "vi"))
    assert "đợt 1 có 15/19 đơn vị" in before and "đợt 1 có 19/19 đơn vị (100,0%)" in after


def test_a_complete_year_says_what_its_process_rates_rest_on(demo_db: Path) -> None:
    """2025: every unit in scope reported (complete by the pages' rule), not every one with process figures."""
    text = " ".join(summary(gather(Store(demo_db), 2025), "en"))
    assert "incomplete" not in text
    assert "reporting units that gave process figures" in text


def test_an_incomplete_year_says_so(demo_copy: Path) -> None:
    """The pages' rule, not a second one: a year where only the 21 provincial agencies have reported."""
    import duckdb  # the test removes reports directly; the product never does

    from store import rollups

    with duckdb.connect(str(demo_copy)) as con:
        con.execute("""DELETE FROM unit_years WHERE year = 2017 AND unit_code IN (
                         SELECT unit_code FROM units WHERE unit_type <> 'cqcm_tinh')""")
        rollups.rebuild(con)  # as every write of the product does (store.rollups)
    text = " ".join(summary(gather(Store(demo_copy), 2017), "en"))
    assert "Note: the 2017 figures are incomplete: 21 of 122 units have reported" in text


@pytest.mark.slow
def test_report_md_writes_the_summary_alone_and_the_pdf_opens_with_it(demo_db: Path, tmp_path: Path) -> None:
    for lang in ("vi", "en"):
        out = tmp_path / f"s-{lang}.md"
        done = subprocess.run([sys.executable, "-m", "report", "--year", "2017", "--lang", lang, "--out", str(out),
                               "--db", str(demo_db)], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8") == markdown(gather(Store(demo_db), 2017), lang)
        assert all(f in out.read_text(encoding="utf-8") for f in ARTICLE[lang])
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    pdf = tmp_path / "b.pdf"
    subprocess.run([sys.executable, "-m", "report", "--year", "2017", "--out", str(pdf), "--db", str(demo_db),
                    "--no-charts"], cwd=ROOT, check=True, capture_output=True)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(first.split())
    assert "Năm 2017 trong vài dòng" in flat and "đợt 1 có 15/19 đơn vị (78,9%)" in flat
    assert flat.index("trong vài dòng") < flat.index("Các chỉ số chính")
