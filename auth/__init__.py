"""Who may see and who may change: roles, the local user list, password hashing and the
sign-in throttle. No streamlit and no duckdb here; the UI maps identities through it."""

from auth.roles import ROLES, allows, parse_role
from auth.throttle import Throttle
from auth.users import User, UserFile

__all__ = ["ROLES", "Throttle", "User", "UserFile", "allows", "parse_role"]
