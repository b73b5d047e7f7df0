"""The three roles, ordered: a viewer looks, an analyst also imports and undoes, an admin also
manages who is who."""

from __future__ import annotations

from common.errors import InputError

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")


def allows(role: str | None, needed: str) -> bool:
    """Whether a person with `role` may do what needs `needed`."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def parse_role(text: str) -> str:
    """A role as typed by a person, or an InputError naming the three."""
    role = text.strip().lower()
    if role not in ROLES:
        raise InputError("auth.bad_role", role=text, roles=", ".join(ROLES))
    return role
