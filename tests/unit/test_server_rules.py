"""The server's rules that need no server: whose address a request is (trusted proxies), where the sign-in
record lives, the bounded user list, the cookie secret."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from auth import UserFile
from auth.configured import was_configured
from auth.proxies import client_address, forwarded_https, parse_trusted
from auth.secret import secret_path, session_secret
from common.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
PROXY = parse_trusted("127.0.0.1, 10.0.0.0/24, ::1")


@pytest.mark.parametrize(("peer", "headers", "expected"), [
    ("203.0.113.9", ["198.51.100.7"], "203.0.113.9"),  # not through a trusted proxy: the header is ignored
    ("127.0.0.1", ["198.51.100.7"], "198.51.100.7"),  # nginx on this machine says who the client is
    ("127.0.0.1", ["6.6.6.6, 198.51.100.7"], "198.51.100.7"),  # what the client wrote itself stays left
    ("127.0.0.1", ["6.6.6.6", "198.51.100.7, 10.0.0.5"], "198.51.100.7"),  # two proxies, two headers
    ("127.0.0.1", [], "127.0.0.1"),  # the proxy itself, nothing forwarded
    ("127.0.0.1", ["10.0.0.5"], "10.0.0.5"),  # every hop trusted: the first one
    ("127.0.0.1", ["198.51.100.7, not-an-ip"], "127.0.0.1"),  # an unreadable hop: believe nothing to its left
    ("::1", ["2001:db8::1"], "2001:db8::1"),
])
def test_the_client_is_the_right_most_untrusted_address(peer: str, headers: list[str], expected: str) -> None:
    assert client_address(peer, headers, PROXY) == expected


def test_no_proxy_is_trusted_by_default() -> None:
    assert parse_trusted("") == ()
    assert client_address("127.0.0.1", ["198.51.100.7"], ()) == "127.0.0.1"
    assert not forwarded_https("127.0.0.1", "https", ())
    assert forwarded_https("127.0.0.1", "https", PROXY) and not forwarded_https("203.0.113.9", "https", PROXY)


def test_a_bad_proxy_entry_is_named() -> None:
    with pytest.raises(SettingsError) as err:
        parse_trusted("127.0.0.1, nginx.local")
    assert "nginx.local" in err.value.message("en") and "CCHC_TRUSTED_PROXIES" in err.value.message("en")


@pytest.mark.slow
def test_the_sign_in_record_is_found_whatever_database_the_command_had(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m auth` run with another CCHC_DB than the server's: the server must still fail closed."""
    users = tmp_path / "cfg" / "users.json"
    env = {**os.environ, "CCHC_USERS_FILE": str(users), "CCHC_DB": str(tmp_path / "elsewhere.duckdb")}
    added = subprocess.run([sys.executable, "-m", "auth", "add", "lan", "--role", "admin", "--password-stdin"],
                           cwd=ROOT, input="mật khẩu đủ dài\n", capture_output=True, text=True, env=env, timeout=60)
    assert added.returncode == 0, added.stderr
    users.unlink()
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "server.duckdb"))
    assert was_configured(UserFile(users))


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))  # before the fix: MemoryError, not a hang


@pytest.mark.slow
def test_a_user_list_that_never_ends_is_refused_with_a_message() -> None:
    done = subprocess.run([sys.executable, "-m", "auth", "--lang", "en", "--file", "/dev/zero", "list"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory)
    assert done.returncode == 2
    assert "/dev/zero is larger than 4 MB" in done.stderr and "Traceback" not in done.stderr


def test_the_secret_is_made_once_beside_the_user_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_SESSION_SECRET", raising=False)
    users = UserFile(tmp_path / "cfg" / "users.json")
    assert session_secret(users) != session_secret(users) and not (tmp_path / "cfg").exists()  # no list folder
    (tmp_path / "cfg").mkdir()
    first = session_secret(users)
    assert len(first) >= 32 and session_secret(users) == first
    assert stat.S_IMODE(secret_path(users).stat().st_mode) == 0o600
    monkeypatch.setenv("CCHC_SESSION_SECRET", "short")
    with pytest.raises(SettingsError):
        session_secret(users)
    monkeypatch.setenv("CCHC_SESSION_SECRET", "x" * 40)
    assert session_secret(users) == "x" * 40
