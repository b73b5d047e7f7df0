"""The inspection plan page through AppTest: the same plan as the command line, edits with a reason,
saving (who, when), a viewer who may only look, plan vs done, a bad year in the URL."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from auth.users import UserFile
from common.errors import InputError
from plan.build import current, proposal, remove, save
from plan.gather import gather
from store import Store
from tests.app.conftest import collect_cookie
from tests.app.test_incomplete_year import _first_reports

PW = "mật khẩu đủ dài"


def _open(app: Callable[..., AppTest], db: Path, **params: str) -> AppTest:
    at = app(db, **params)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page("pages/inspection_plan.py").run()


def _button(at: AppTest, key: str) -> object:
    return next(b for b in at.button if b.key == key)


def _planned(at: AppTest) -> list[str]:
    """The codes of the planned units, in the order the page lists them (name · code · type, then reasons)."""
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    return [re.sub(r"\\(.)", r"\1", line.split(" · ")[1]) for line in listed.split("\n") if re.match(r"\d+\. ", line)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_shows_the_same_plan_as_the_rules(app: Callable[..., AppTest], demo_db: Path, lang: str) -> None:
    at = _open(app, demo_db, lang=lang, plan_year="2018")
    assert not at.exception, at.exception
    assert at.title[0].value == {"vi": "Kế hoạch kiểm tra năm 2018", "en": "Inspection plan for 2018"}[lang]
    plan = proposal(gather(Store(demo_db), 2018))
    assert _planned(at) == plan.codes()
    assert {"vi": "Kế hoạch và thực hiện năm 2018", "en": "Plan vs done, 2018"}[lang] in [s.value for s in at.subheader]


def test_an_analyst_adds_removes_and_saves(app: Callable[..., AppTest], demo_copy: Path) -> None:
    at = _open(app, demo_copy, plan_year="2018")  # no user list: the person at this machine is an analyst
    plan = proposal(gather(Store(demo_copy), 2018))
    gone = plan.codes()[0]
    at.selectbox(key="plan_remove_unit").select(gone)
    at.text_input(key="plan_remove_note").input("")
    at = at.button[[b.label for b in at.button].index("Đưa ra khỏi kế hoạch")].click().run()
    assert "Hãy ghi lý do" in " ".join(e.value for e in at.error)  # a removal needs a reason
    at.selectbox(key="plan_remove_unit").select(gone)
    at.text_input(key="plan_remove_note").input("Đã kiểm tra đột xuất")
    at = at.button[[b.label for b in at.button].index("Đưa ra khỏi kế hoạch")].click().run()
    assert gone not in _planned(at)
    assert at.warning[0].value == "Có thay đổi chưa lưu."
    said = [w.value for w in at.warning if "Đã kiểm tra đột xuất" in w.value]  # the change, by the save button
    assert said and "Đưa ra" in said[0]
    assert any("Đã kiểm tra đột xuất" in m.value and m.value.startswith("- ") for m in at.markdown)  # and listed
    at = _button(at, "plan_save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    saved = current(gather(Store(demo_copy), 2018))
    assert saved.saved_by and gone not in saved.codes() and saved.removed[0].note == "Đã kiểm tra đột xuất"
    assert at.success[0].value.startswith("Kế hoạch đã lưu:")


def test_a_viewer_sees_the_plan_but_cannot_edit(app: Callable[..., AppTest], demo_db: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    users = UserFile(tmp_path / "users.json")
    monkeypatch.setenv("CCHC_USERS_FILE", str(users.path))
    users.add("minh", "viewer", PW)
    at = app(demo_db, lang="en")
    at.text_input(key="sign_in_name").input("minh")
    at.text_input(key="sign_in_password").input(PW)
    at = collect_cookie(at.button[0].click().run(), "minh")
    at.query_params["plan_year"] = "2018"
    at = at.switch_page("pages/inspection_plan.py").run()
    assert not at.exception, at.exception
    assert len(_planned(at)) >= 41
    assert "Only analysts and administrators may edit and save the plan." in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key == "plan_save"]


def test_a_bad_year_in_the_url_gets_a_message(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, lang="en", plan_year="1999")
    assert not at.exception
    assert any("year" in w.value and "1999" in w.value for w in at.warning)
    assert _planned(at)  # the default year instead


@pytest.mark.parametrize(("lang", "said"),
                         [("vi", "Chưa có báo cáo nào của năm 2026"), ("en", "No report for 2026 yet")])
def test_a_year_not_yet_reported_says_what_the_plan_rests_on(app: Callable[..., AppTest], demo_db: Path, lang: str,
                                                              said: str) -> None:
    at = _open(app, demo_db, lang=lang, plan_year="2026")
    assert not at.exception, at.exception
    assert any(said in i.value for i in at.info), [i.value for i in at.info]
    assert not [w.value for w in at.warning if "2026" in w.value]  # not the rates' "incomplete year" notice


NEXT = max(2026, dt.date.today().year + 1)  # the demo's reports end in 2025: the next year to plan


@pytest.mark.parametrize(("lang", "title"), [("vi", f"Kế hoạch kiểm tra năm {NEXT}"),
                                              ("en", f"Inspection plan for {NEXT}")])
def test_the_page_opens_on_the_year_being_planned_and_names_it(app: Callable[..., AppTest], demo_db: Path,
                                                                lang: str, title: str) -> None:
    at = _open(app, demo_db, lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == title
    assert at.selectbox(key="plan_year").value == NEXT
    plan = proposal(gather(Store(demo_db), NEXT))
    assert _planned(at) == plan.codes()  # every unit, not a ten-row frame
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    assert all(r.text(lang).split(" (")[0] in listed.replace("\\", "") for u in plan.planned for r in u.reasons)


def test_a_year_two_ahead_of_the_reports_can_be_planned(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, plan_year="2027")  # the demo has no 2026 report
    assert not at.exception, at.exception
    assert at.title[0].value == "Kế hoạch kiểm tra năm 2027"
    assert _planned(at) == proposal(gather(Store(demo_db), 2027)).codes()
    assert any("Chưa có báo cáo nào của năm 2027" in i.value and "đến hết năm 2025" in i.value for i in at.info)
    # The reasons look back on 2024–2026, and 2026 has no figures at all: the page says how they read it.
    assert any("Năm 2026 chưa có số liệu nào" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_plan_saved_by_someone_else_meanwhile_is_shown_and_nothing_is_dropped(
        app: Callable[..., AppTest], demo_copy: Path) -> None:
    store = Store(demo_copy)
    plan = proposal(gather(store, 2018))
    at = _open(app, demo_copy, plan_year="2018")
    gone = plan.codes()[0]
    at.selectbox(key="plan_remove_unit").select(gone)
    at.text_input(key="plan_remove_note").input("Đã kiểm tra đột xuất")
    at = at.button[[b.label for b in at.button].index("Đưa ra khỏi kế hoạch")].click().run()
    other = plan.codes()[1]
    save(store, remove(plan, other, "Theo chỉ đạo của UBND tỉnh"), "minh")  # another analyst saves first
    at = _button(at, "plan_save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert any("minh đã lưu một kế hoạch năm 2018" in e.value for e in at.error), [e.value for e in at.error]
    assert current(gather(store, 2018)).saved_by == "minh"  # mine is not saved over theirs without a word
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Chỉ có trong kế hoạch minh đã lưu (1)" in shown and "Chỉ có trong kế hoạch của anh/chị (1)" in shown
    at = _button(at, "plan_keep_mine").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    mine = current(gather(store, 2018))
    assert mine.saved_by != "minh" and gone not in mine.codes() and other in mine.codes()


def test_the_store_refuses_a_save_based_on_an_older_plan(demo_copy: Path) -> None:
    store = Store(demo_copy)
    plan = proposal(gather(store, 2018))
    first = save(store, plan, "lan")
    with pytest.raises(InputError) as caught:
        save(store, plan, "minh")  # still the proposal: lan's plan is not what minh started from
    assert caught.value.key == "plan.saved_meanwhile" and "lan" in caught.value.message("en")
    assert save(store, plan.based_on(first), "minh").saved_by == "minh"


def _listed(at: AppTest) -> list[str]:
    """The codes of the units the list shows on this page, in order (numbered or not)."""
    listed = next(m.value for m in at.markdown if "-badge[" in m.value)
    items = [line for line in listed.split("\n") if re.match(r"(\d+\\?\. |- )", line)]
    return [re.sub(r"\\(.)", r"\1", line.split(" · ")[1]) for line in items]


@pytest.mark.parametrize(("lang", "said"), [("vi", "Đơn vị 101–122 trong 122 đơn vị phù hợp."),
                                             ("en", "Units 101–122 of 122 matching.")])
def test_the_list_shows_a_page_of_fifty_from_the_url(app: Callable[..., AppTest], demo_db: Path, lang: str,
                                                      said: str) -> None:
    at = _open(app, demo_db, lang=lang, plan_year="2018", plan_status="all", plan_page="3")
    assert not at.exception, at.exception
    facts = gather(Store(demo_db), 2018)
    plan = proposal(facts)
    others = [c for c in facts.units["unit_code"] if c not in plan.codes()]
    assert _listed(at) == [*plan.codes(), *others][100:]
    assert said in [c.value for c in at.caption]
    assert at.number_input(key="plan_page").value == 3 and at.query_params["plan_page"] == "3"


def test_the_search_and_filters_narrow_the_list_and_stay_in_the_url(app: Callable[..., AppTest],
                                                                    demo_db: Path) -> None:
    at = _open(app, demo_db, plan_year="2018", plan_status="all", plan_page="2")
    at.selectbox(key="plan_type").select("cqcm_tinh").run()
    assert at.session_state["plan_page"] == 1  # a new filter starts at page 1
    assert at.query_params["plan_type"] == "cqcm_tinh" and "plan_page" not in at.query_params
    at.text_input(key="plan_q").input("tai chinh").run()
    assert not at.exception, at.exception
    assert _listed(at) == ["LS-STC"] and at.query_params["plan_q"] == "tai chinh"
    assert "Đơn vị 1–1 trong 1 đơn vị phù hợp." in [c.value for c in at.caption]
    at.text_input(key="plan_q").input("không có đơn vị này").run()
    assert [i.value for i in at.info if "Không có đơn vị nào phù hợp" in i.value]


def test_a_filtered_plan_keeps_the_annex_numbers(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, plan_year="2018", plan_reason="longest_ago")
    plan = proposal(gather(Store(demo_db), 2018))
    fill = [(i, u.unit_code) for i, u in enumerate(plan.planned, 1) if u.reasons[0].code == "longest_ago"]
    assert _listed(at) == [c for _, c in fill]
    listed = next(m.value for m in at.markdown if "-badge[" in m.value)
    assert listed.startswith(f"{fill[0][0]}. ") or listed.startswith(f"{fill[0][0]}\\. ")


def test_a_bad_page_in_the_url_gets_a_message_and_page_one(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, lang="en", plan_year="2018", plan_status="all", plan_page="x")
    assert not at.exception, at.exception
    assert any("plan_page" in w.value.replace("\\", "") for w in at.warning), [w.value for w in at.warning]
    assert at.number_input(key="plan_page").value == 1
    at = _open(app, demo_db, lang="en", plan_year="2018", plan_status="all", plan_page="99")
    assert at.number_input(key="plan_page").value == 3  # past the last page: the last


@pytest.mark.parametrize(("lang", "said", "basis"), [
    ("vi", "Năm 2026 mới có 5/69 đơn vị báo cáo", "Kế hoạch dựa cả vào năm này"),
    ("en", "2026 has reports from only 5 of 69 units so far", "The plan rests on it too")])
def test_a_plan_resting_on_a_partly_reported_year_says_so(app: Callable[..., AppTest], demo_copy: Path,
                                                          lang: str, said: str, basis: str) -> None:
    """Planning 2027 in December 2026 with 5 of 69 reports of 2026: "not inspected in 2024–2026" counts only the
    2026 inspections imported so far, and the page says so (a year that has only begun is marked)."""
    _first_reports(demo_copy)
    at = _open(app, demo_copy, lang=lang, plan_year="2027")
    assert not at.exception, at.exception
    assert any(said in w.value and basis in w.value for w in at.warning), [w.value for w in at.warning]
    at = _open(app, demo_copy, lang=lang, plan_year="2026")  # resting on 2025, complete: no such warning
    assert not any(basis in w.value for w in at.warning)
