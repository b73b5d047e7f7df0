"""Salted, slow password hashes (argon2id, the library's tuned defaults)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from common.errors import InputError

MIN_LENGTH = 10
MAX_LENGTH = 256
_HASHER = PasswordHasher()


def check_strength(password: str) -> None:
    """Refuse a password too short or absurdly long, saying the rule."""
    if len(password) < MIN_LENGTH:
        raise InputError("auth.password_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InputError("auth.password_long", max=MAX_LENGTH)


def hash_password(password: str) -> str:
    """The stored form of a new password."""
    check_strength(password)
    return _HASHER.hash(password)


@lru_cache(maxsize=1)
def _dummy() -> str:
    return _HASHER.hash("not a password anyone has")


def verify(stored: str, password: str) -> bool:
    """Whether the password matches. An unknown user is checked against a dummy hash, so the
    time taken does not tell whether a name exists."""
    try:
        return bool(_HASHER.verify(stored or _dummy(), password[:MAX_LENGTH])) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False
