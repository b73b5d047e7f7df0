"""The local user list: a JSON file outside the repository (setting CCHC_USERS_FILE), readable
by its owner only, holding each user's role and argon2 password hash. A user without a password
is an identity-provider account (st.login) given a role. Changes are made under a file lock and
written atomically, so the command line and the server never see half a file."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from auth.passwords import hash_password, verify
from auth.roles import parse_role
from common import settings
from common.errors import InputError, StoreError

MAX_NAME = 128
MAX_FILE_BYTES = 4 * 1024 * 1024  # ~20,000 users with their hashes; more is not a user list
_PARSED: dict[Path, tuple[tuple[int, int, int], dict[str, User]]] = {}  # file → (its version, its users)


@dataclass(frozen=True)
class User:
    """One person: a sign-in name (or the e-mail the identity provider gives), a role, a hash."""

    name: str
    role: str
    password: str = ""

    @property
    def local(self) -> bool:
        """Whether this user signs in with a password here (else through the identity provider)."""
        return bool(self.password)


def name_key(name: str) -> str:
    """Names compare in NFC, ignoring case and surrounding spaces."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def clean_name(name: str) -> str:
    """A name fit to keep, or an InputError saying why not."""
    text = unicodedata.normalize("NFC", name).strip()
    if not text or len(text) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in text):
        raise InputError("auth.bad_name", max=MAX_NAME)
    return text


class UserFile:
    """The user list in one file."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path or settings.CCHC_USERS_FILE.get())

    def load(self) -> dict[str, User]:
        """All users by name key; no file means no users. The file is parsed again only when it
        changed (every page run asks for the role several times)."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreError("auth.file_unreadable", file=str(self.path), detail=exc.strerror or str(exc)) from exc
        version = (info.st_ino, info.st_mtime_ns, info.st_size)
        cached = _PARSED.get(self.path)
        if cached is None or cached[0] != version:
            cached = version, self._parse()
            _PARSED[self.path] = cached
        return dict(cached[1])

    def _parse(self) -> dict[str, User]:
        try:
            with open(self.path, "rb") as source:
                data = source.read(MAX_FILE_BYTES + 1)  # bounded: `--file /dev/zero` must not read forever
        except OSError as exc:
            raise StoreError("auth.file_unreadable", file=str(self.path), detail=exc.strerror or str(exc)) from exc
        if len(data) > MAX_FILE_BYTES:
            raise StoreError("auth.file_too_big", file=str(self.path), mb=MAX_FILE_BYTES // (1024 * 1024))
        try:
            raw = data.decode("utf-8")
            rows = json.loads(raw)["users"]
            users = [User(str(r["name"]), parse_role(str(r["role"])), str(r.get("password", ""))) for r in rows]
        except (ValueError, KeyError, TypeError, InputError) as exc:
            raise StoreError("auth.file_bad", file=str(self.path)) from exc
        return {name_key(u.name): u for u in users}

    def find(self, name: str) -> User | None:
        """The user of that name, if any."""
        return self.load().get(name_key(name))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when name and password match; the same work is done for an unknown name."""
        user = self.find(name)
        ok = verify(user.password if user else "", password)
        return user if ok and user is not None else None

    def has_local_users(self) -> bool:
        """Whether anyone can sign in with a password (this turns sign-in on)."""
        return any(u.local for u in self.load().values())

    @contextmanager
    def _editing(self) -> Iterator[dict[str, User]]:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            users = self.load()
            yield users
            self._write(users)

    def _write(self, users: dict[str, User]) -> None:
        """Replace the file atomically; a symlinked list is written where the link points (the link stays)."""
        target = self.path.resolve() if self.path.is_symlink() else self.path
        body = json.dumps({"users": [asdict(u) for u in users.values()]}, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".users-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def add(self, name: str, role: str, password: str | None) -> User:
        """A new user; `password` None for an identity-provider account."""
        user = User(clean_name(name), parse_role(role), hash_password(password) if password is not None else "")
        with self._editing() as users:
            if name_key(user.name) in users:
                raise InputError("auth.exists", name=user.name)
            users[name_key(user.name)] = user
        return user

    def _change(self, name: str, **fields: str) -> User:
        with self._editing() as users:
            key = name_key(name)
            if key not in users:
                raise InputError("auth.no_such_user", name=name)
            changed = replace(users[key], **fields)
            _keep_an_admin(users, key, changed)
            users[key] = changed
        return changed

    def set_role(self, name: str, role: str) -> User:
        """Give a user another role (never leaving no admin)."""
        return self._change(name, role=parse_role(role))

    def reset(self, name: str, password: str) -> User:
        """Set a new password."""
        return self._change(name, password=hash_password(password))

    def remove(self, name: str) -> None:
        """Remove a user (never the last admin)."""
        with self._editing() as users:
            key = name_key(name)
            if key not in users:
                raise InputError("auth.no_such_user", name=name)
            _keep_an_admin(users, key, None)
            del users[key]


def _keep_an_admin(users: dict[str, User], key: str, changed: User | None) -> None:
    admins = [k for k, u in users.items() if u.role == "admin"]
    if admins == [key] and (changed is None or changed.role != "admin"):
        raise InputError("auth.last_admin")
