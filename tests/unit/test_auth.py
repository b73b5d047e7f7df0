"""The user list, roles, password hashes and the sign-in throttle, on real files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from auth import Throttle, UserFile, allows, parse_role
from auth.throttle import SignInThrottle
from common.errors import InputError, StoreError

ROOT = Path(__file__).resolve().parents[2]
GOOD = "một mật khẩu dài"


@pytest.fixture
def users(tmp_path: Path) -> UserFile:
    return UserFile(tmp_path / "cfg" / "users.json")


def test_roles_are_ordered() -> None:
    assert allows("admin", "analyst") and allows("analyst", "analyst") and allows("viewer", "viewer")
    assert not allows("viewer", "analyst") and not allows("analyst", "admin")
    assert not allows(None, "viewer") and not allows("root", "viewer")
    assert parse_role(" Analyst ") == "analyst"
    with pytest.raises(InputError) as err:
        parse_role("boss")
    assert "viewer, analyst, admin" in err.value.message("en")


def test_the_file_keeps_salted_slow_hashes_readable_by_its_owner_only(users: UserFile) -> None:
    users.add("Lan", "admin", GOOD)
    users.add("Minh", "analyst", GOOD)
    text = users.path.read_text(encoding="utf-8")
    assert GOOD not in text
    rows = json.loads(text)["users"]
    assert all(r["password"].startswith("$argon2id$") for r in rows)
    assert rows[0]["password"] != rows[1]["password"]  # same password, different salt
    assert stat.S_IMODE(os.stat(users.path).st_mode) == 0o600
    assert not list(users.path.parent.glob(".users-*"))  # no temporary file left


def test_sign_in_checks_name_and_password(users: UserFile) -> None:
    users.add("Nguyễn Thị Lan", "analyst", GOOD)
    assert users.authenticate("  nguyễn thị lan ", GOOD) is not None  # NFC, case and spaces ignored
    assert users.authenticate("Nguyễn Thị Lan", GOOD + "x") is None
    assert users.authenticate("nobody", GOOD) is None
    users.add("sso@langson.gov.vn", "viewer", None)
    assert users.authenticate("sso@langson.gov.vn", "") is None  # identity-provider accounts have no password here


def _refused(key: str, action: object) -> None:
    with pytest.raises(InputError) as err:
        action()  # type: ignore[operator]
    assert err.value.key == key


def test_changes_and_their_refusals(users: UserFile) -> None:
    users.add("admin", "admin", GOOD)
    users.add("lan", "analyst", GOOD)
    _refused("auth.exists", lambda: users.add("LAN", "viewer", GOOD))
    _refused("auth.password_short", lambda: users.add("short", "viewer", "123"))
    _refused("auth.bad_name", lambda: users.add("tab\there", "viewer", GOOD))
    _refused("auth.last_admin", lambda: users.set_role("admin", "analyst"))
    _refused("auth.last_admin", lambda: users.remove("admin"))
    _refused("auth.no_such_user", lambda: users.remove("ghost"))
    assert users.set_role("lan", "viewer").role == "viewer"
    users.reset("lan", "mật khẩu mới dài hơn")
    assert users.authenticate("lan", GOOD) is None and users.authenticate("lan", "mật khẩu mới dài hơn")
    users.remove("lan")
    assert users.find("lan") is None and users.find("admin") is not None


def test_a_refused_change_writes_nothing(users: UserFile) -> None:
    users.add("admin", "admin", GOOD)
    before = users.path.read_bytes()
    with pytest.raises(InputError):
        users.remove("admin")
    assert users.path.read_bytes() == before


def test_a_damaged_file_is_reported_not_ignored(users: UserFile) -> None:
    users.path.parent.mkdir(parents=True)
    users.path.write_text('{"users": [{"name": "x"}]}', encoding="utf-8")
    with pytest.raises(StoreError) as err:
        users.load()
    assert str(users.path) in err.value.message("vi")
    assert UserFile(users.path.parent / "missing.json").load() == {}


def test_throttle_locks_after_repeated_failures_and_doubles() -> None:
    now = [1000.0]
    th = Throttle(limit=3, window=900, lockout=30, clock=lambda: now[0])
    for _ in range(2):
        th.failed("name:lan")
    assert th.wait("name:lan") == 0
    th.failed("name:lan")
    assert th.wait("name:lan") == 30
    assert th.wait("name:minh") == 0  # other names are not affected
    th.failed("name:lan")
    assert th.wait("name:lan") == 60
    now[0] += 60
    assert th.wait("name:lan") == 0
    now[0] += 900  # old failures fall out of the window
    th.failed("name:lan")
    assert th.wait("name:lan") == 0
    th.succeeded("name:lan")
    assert th.wait("name:lan") == 0


def _cli(*args: str, stdin: str = "", env_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The command records "sign-in configured" beside the database: never beside the developer's own.
    folder = env_file.parent if env_file else Path(tempfile.mkdtemp())
    env = {**os.environ, "CCHC_USERS_FILE": str(env_file or "/nonexistent/users.json"),
           "CCHC_DB": str(folder / "auth-test.duckdb")}
    return subprocess.run([sys.executable, "-m", "auth", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, env=env, timeout=60)


@pytest.mark.slow
def test_command_line_manages_users(tmp_path: Path) -> None:
    file = tmp_path / "users.json"
    done = _cli("add", "Lan", "--role", "admin", "--password-stdin", stdin=GOOD + "\n", env_file=file)
    assert done.returncode == 0, done.stderr
    assert "Đã thêm Lan (admin)" in done.stdout
    assert _cli("--lang", "en", "add", "sso@x.vn", "--role", "analyst", "--identity-provider",
                env_file=file).returncode == 0
    listing = _cli("--lang", "en", "list", env_file=file)
    assert listing.stdout.splitlines() == ["Lan\tadmin\tpassword", "sso@x.vn\tanalyst\tidentity provider"]
    assert UserFile(file).authenticate("lan", GOOD) is not None


@pytest.mark.parametrize(("args", "stdin", "expected"), [
    (["add", "bob", "--role", "analyst", "--password-stdin"], "short\n", "too short"),
    (["add", "bob", "--role", "boss"], "", "invalid choice"),
    (["role", "ghost", "--role", "viewer"], "", "no user “ghost”"),
    (["remove", "Lan"], "", "last administrator"),
    (["frobnicate"], "", "Invalid arguments"),
])
@pytest.mark.slow
def test_command_line_refusals_say_why_and_exit_2(tmp_path: Path, args: list[str], stdin: str, expected: str) -> None:
    file = tmp_path / "users.json"
    UserFile(file).add("Lan", "admin", GOOD)
    done = _cli("--lang", "en", *args, stdin=stdin, env_file=file)
    assert done.returncode == 2
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_a_stranger_cannot_lock_the_real_user_out_from_elsewhere() -> None:
    now = [1000.0]
    th = SignInThrottle(clock=lambda: now[0])
    for _ in range(5):
        th.failed("lan", "203.0.113.9")
    assert th.wait("lan", "203.0.113.9") == 30  # the guessing client waits
    assert th.wait("lan", "192.0.2.1") == 0  # the real user, from their own machine, does not
    for _ in range(15):
        th.failed(f"name{_}", "203.0.113.9")
    assert th.wait("minh", "203.0.113.9") > 0  # one client trying many names is stopped too
    for client in range(45):
        th.failed("lan", f"198.51.100.{client}")
    assert th.wait("lan", "192.0.2.1") > 0  # a spread attack on one name locks it everywhere


def test_a_symlinked_user_list_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "secure" / "users.json"
    real.parent.mkdir()
    UserFile(real).add("lan", "admin", GOOD)
    link = tmp_path / "users.json"
    link.symlink_to(real)
    UserFile(link).add("minh", "viewer", GOOD)
    assert link.is_symlink() and UserFile(real).find("minh") is not None
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
