"""The inspection plan page through AppTest: the same plan as the command line, edits with a reason,
saving (who, when), a viewer who may only look, plan vs done, a bad year in the URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from auth.users import UserFile
from plan.build import current, proposal
from store import Store
from tests.app.conftest import collect_cookie

PW = "mật khẩu đủ dài"


def _open(app: Callable[..., AppTest], db: Path, **params: str) -> AppTest:
    at = app(db, **params)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page("pages/plan.py").run()


def _button(at: AppTest, key: str) -> object:
    return next(b for b in at.button if b.key == key)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_shows_the_same_plan_as_the_rules(app: Callable[..., AppTest], demo_db: Path, lang: str) -> None:
    at = _open(app, demo_db, lang=lang, year="2018")
    assert not at.exception, at.exception
    assert at.title[0].value == {"vi": "Kế hoạch kiểm tra", "en": "Inspection plan"}[lang]
    shown = at.dataframe[0].value
    plan = proposal(Store(demo_db), 2018)
    assert list(shown.iloc[:, 1]) == plan.codes()
    assert {"vi": "Kế hoạch và thực hiện năm 2018", "en": "Plan vs done, 2018"}[lang] in [s.value for s in at.subheader]


def test_an_analyst_adds_removes_and_saves(app: Callable[..., AppTest], demo_copy: Path) -> None:
    at = _open(app, demo_copy, year="2018")  # no user list: the person at this machine is an analyst
    plan = proposal(Store(demo_copy), 2018)
    gone = plan.codes()[0]
    at.selectbox(key="plan_remove_unit").select(gone)
    at.text_input(key="plan_remove_note").input("")
    at = at.button[[b.label for b in at.button].index("Đưa ra khỏi kế hoạch")].click().run()
    assert "Hãy ghi lý do" in " ".join(e.value for e in at.error)  # a removal needs a reason
    at.selectbox(key="plan_remove_unit").select(gone)
    at.text_input(key="plan_remove_note").input("Đã kiểm tra đột xuất")
    at = at.button[[b.label for b in at.button].index("Đưa ra khỏi kế hoạch")].click().run()
    assert gone not in list(at.dataframe[0].value.iloc[:, 1][:len(plan.codes()) - 1])
    assert at.warning[0].value == "Có thay đổi chưa lưu."
    at = _button(at, "plan_save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    saved = current(Store(demo_copy), 2018)
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
    at.query_params["year"] = "2018"
    at = at.switch_page("pages/plan.py").run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value.shape[0] >= 41
    assert "Only analysts and administrators may edit and save the plan." in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key == "plan_save"]


def test_a_bad_year_in_the_url_gets_a_message(app: Callable[..., AppTest], demo_db: Path) -> None:
    at = _open(app, demo_db, lang="en", year="1999")
    assert not at.exception
    assert any("year" in w.value and "1999" in w.value for w in at.warning)
    assert at.dataframe[0].value.shape[0] > 0  # the default year instead


@pytest.mark.parametrize(("lang", "said"),
                         [("vi", "Chưa có báo cáo nào của năm 2026"), ("en", "No report for 2026 yet")])
def test_a_year_not_yet_reported_says_what_the_plan_rests_on(app: Callable[..., AppTest], demo_db: Path, lang: str,
                                                              said: str) -> None:
    at = _open(app, demo_db, lang=lang, year="2026")
    assert not at.exception, at.exception
    assert any(said in i.value for i in at.info), [i.value for i in at.info]
    assert not [w.value for w in at.warning if "2026" in w.value]  # not the rates' "incomplete year" notice
