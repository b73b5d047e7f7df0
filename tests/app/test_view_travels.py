"""The view travels with the reader (AppTest): the year, unit types and my unit chosen on one page are the ones
the next page opens on, although the navigation drops the URL's parameters (each switch below starts from a URL
with the language only, as a click in the sidebar does); the "my unit" box keeps a choice and writes `me=` at once;
a change of language rebuilds every widget's labels and keeps its value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from auth import UserFile
from tests.app.conftest import collect_cookie


class _Served(PagesManager):
    """AppTest resets `PagesManager.uses_pages_directory` before each run, through the name it imported."""


@pytest.fixture(autouse=True)
def _served_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    """As `python -m ui.serve` runs it: every run goes through the entry script's navigation (else AppTest, seeing
    a `pages/` folder, runs a switched-to page file alone, and no entry script carries anything)."""
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)
    monkeypatch.setattr(app_test, "PagesManager", _Served)


PW = "mật khẩu đủ dài"


def _go(at: AppTest, page: str) -> AppTest:
    """Open another page as the sidebar's navigation does: the URL keeps no parameter of the last page."""
    lang = at.query_params.get("lang", "vi")
    at.query_params.clear()
    at.query_params["lang"] = lang if isinstance(lang, str) else lang[-1]
    return at.switch_page(f"pages/{page}.py").run()


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def test_the_year_chosen_on_the_overview_is_the_year_compare_and_profile_keep(app: Callable[..., AppTest],
                                                                            demo_db: Path) -> None:
    at = app(demo_db, lang="en")
    at.selectbox(key="year").set_value(2017).run()
    at = _go(at, "compare")
    assert not at.exception, at.exception
    assert at.selectbox(key="compare_year").value == 2017 and _param(at, "year") == "2017"
    at.multiselect(key="compare_types").set_value(["cqcm_tinh", "ubnd_huyen"]).run()
    at = _go(at, "profile")
    assert _param(at, "year") == "2017"  # the profile shows no year, yet its URL and links keep it
    at = _go(at, "compare")
    assert at.selectbox(key="compare_year").value == 2017
    assert at.multiselect(key="compare_types").value == ["cqcm_tinh", "ubnd_huyen"]
    assert not at.warning or all("2017" not in w.value for w in at.warning)


def test_a_link_with_its_own_year_wins_over_the_carried_one(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, lang="en")
    at.selectbox(key="year").set_value(2017).run()
    at.query_params["year"] = "2015"
    at = at.switch_page("pages/compare.py").run()
    assert at.selectbox(key="compare_year").value == 2015


def test_the_plan_keeps_its_own_year(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, lang="en")
    at.selectbox(key="year").set_value(2016).run()
    at = _go(at, "plan")
    assert at.selectbox(key="plan_year").value != 2016
    at = _go(at, "compare")
    assert at.selectbox(key="compare_year").value == 2016


def test_my_unit_sticks_and_is_written_to_the_url_at_once(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, lang="vi")
    at = at.switch_page("pages/compare.py").run()
    at.selectbox(key="compare_me").set_value("LS-STP").run()
    assert _param(at, "me") == "LS-STP" and at.selectbox(key="compare_me").value == "LS-STP"
    at.selectbox(key="compare_me").set_value("LS-SNV").run()  # a second choice, not snapped back to the first
    assert _param(at, "me") == "LS-SNV" and at.selectbox(key="compare_me").value == "LS-SNV"
    for page in ("profile", "plan", "compare"):
        at = _go(at, page)
        assert not at.exception, at.exception
        assert at.selectbox(key=f"{page}_me").value == "LS-SNV" and _param(at, "me") == "LS-SNV", page
    at.selectbox(key="compare_me").set_value("").run()
    assert _param(at, "me") is None and at.selectbox(key="compare_me").value == ""


def test_a_change_of_language_relabels_every_widget_and_keeps_its_value(app: Callable[..., AppTest],
                                                                        demo_db: Path) -> None:
    at = app(demo_db, lang="vi")
    at = at.switch_page("pages/compare.py").run()
    at.selectbox(key="compare_year").set_value(2016).run()
    at.multiselect(key="compare_types").set_value(["cqcm_tinh", "ubnd_huyen"]).run()
    at.selectbox(key="compare_metric").set_value("procedures_iso_share").run()
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception, at.exception
    metric, types = at.selectbox(key="compare_metric"), at.multiselect(key="compare_types")
    assert metric.value == "procedures_iso_share" and types.value == ["cqcm_tinh", "ubnd_huyen"]
    assert at.selectbox(key="compare_year").value == 2016
    shown = [*types.options, *metric.options, metric.label, types.label]
    assert "Provincial specialised agency" in types.options
    assert not [s for s in shown if any(ch in s for ch in "ỷảạữơưđĐ")], shown  # no Vietnamese left
    assert _param(at, "types") == "cqcm_tinh,ubnd_huyen" and _param(at, "lang") == "en"


def test_an_unknown_language_gets_the_notice_of_every_bad_parameter(app: Callable[..., AppTest],
                                                                    demo_db: Path) -> None:
    at = app(demo_db, lang="fr")
    assert any("lang" in w.value and "fr" in w.value for w in at.warning)
    assert _param(at, "lang") == "vi"


def test_a_repeated_code_in_the_url_is_taken_once(app: Callable[..., AppTest], demo_db: Path) -> None:
    """Issue 23: `?units=A,A` gave Streamlit's English error box, which stayed on the page."""
    at = app(demo_db, lang="vi", year="2017", units="LS-STP,LS-STP,LS-SNV", types="cqcm_tinh,cqcm_tinh")
    at = at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="compare_units").value == ["LS-STP", "LS-SNV"]
    assert at.multiselect(key="compare_types").value == ["cqcm_tinh"]


def test_the_profile_names_its_unit(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = app(demo_db, lang="en", unit="LS-STP")
    at = at.switch_page("pages/profile.py").run()
    assert at.title[0].value == "Unit profile: Sở Tư pháp"


def test_the_year_lists_mark_an_incomplete_year(app: Callable[..., AppTest], demo_copy: Path) -> None:
    from tests.app.test_incomplete_year import _first_reports

    _first_reports(demo_copy)  # 5 of 69 reports of 2026
    at = app(demo_copy, lang="en")
    assert [o for o in at.selectbox(key="year").options if "(" in o] == ["2026 (incomplete)"]
    at = _go(at, "compare")
    assert [o for o in at.selectbox(key="compare_year").options if "(" in o] == ["2026 (incomplete)"]


def test_me_from_a_link_to_any_page_is_my_unit_on_the_next(app: Callable[..., AppTest], demo_db: Path) -> None:
    """An e-mailed link to the overview (or the methodology page's, which carries the view) with `me=`."""
    at = app(demo_db, lang="en", me="LS-STP")
    at = _go(at, "methodology")
    assert _param(at, "me") == "LS-STP"  # every page's URL keeps it, to be copied
    at = _go(at, "compare")
    assert at.selectbox(key="compare_me").value == "LS-STP" and _param(at, "me") == "LS-STP"


def test_the_users_page_does_not_show_the_servers_path(app: Callable[..., AppTest], demo_db: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    people = UserFile(tmp_path / "private" / "users.json")
    monkeypatch.setenv("CCHC_USERS_FILE", str(people.path))
    people.add("quan.tri", "admin", PW)
    at = app(demo_db)
    at.text_input(key="sign_in_name").input("quan.tri")
    at.text_input(key="sign_in_password").input(PW)
    at = collect_cookie(at.button[0].click().run(), "quan.tri")
    at = _go(at, "users")
    assert not at.exception, at.exception
    shown = " ".join(c.value for c in at.caption)
    assert "CCHC_USERS_FILE" in shown and str(people.path) not in shown and str(people.path.parent) not in shown
