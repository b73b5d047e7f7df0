"""The view lives in the URL: every choice a page offers is read from and written to
`st.query_params`, so a copied link reproduces the view. A bad value in the URL gets a
message in the user's language and the default instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from common import settings
from common.errors import CchcError
from common.i18n import t
from common.plain import md
from ui.carry import SEEDED, keep

T = TypeVar("T")


def lang() -> str:
    """The interface language: the URL's `lang`, else the last choice, else the default."""
    raw = st.query_params.get("lang")
    if raw in ("vi", "en"):
        st.session_state["lang"] = raw
    elif "lang" not in st.session_state:
        st.session_state["lang"] = settings.default_lang()
    return str(st.session_state["lang"])


def tr(key: str, **params: object) -> str:
    """A text of the catalogue in the interface language."""
    return t(key, lang(), **params)


def bad_param(name: str, value: str, expected: str) -> None:
    """Say that a URL parameter was not understood and what was used instead."""
    st.warning(tr("url.bad_param", name=md(name), value=md(value), expected=expected), icon="⚠️")


def sync(name: str, value: object) -> None:
    """Write one choice to the URL (and keep the language there too)."""
    st.query_params["lang"] = lang()
    text = ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    keep(name, text)
    if text:
        st.query_params[name] = text
    elif name in st.query_params:
        del st.query_params[name]


def initial(name: str, parse: Callable[[str], T | None], default: T, expected: str) -> T:
    """A widget's starting value from the URL, once per session and widget key."""
    raw = st.query_params.get(name)
    if raw is None:
        return default
    parsed = parse(raw)
    if parsed is None:
        bad_param(name, raw, expected)
        return default
    return parsed


def one_of(options: Sequence[T]) -> Callable[[str], T | None]:
    """A parser that accepts one of the options, written as text."""
    by_text = {str(o): o for o in options}
    return lambda raw: by_text.get(raw.strip())


def seed(key: str, value: object) -> None:
    """Give a widget its starting value unless the session already has one."""
    if key not in st.session_state:
        st.session_state[key] = value
    st.session_state.setdefault(SEEDED, set()).add(key)


def show_error(exc: CchcError, icon: str = "🚫") -> None:
    """An error for a person: title and message in their language, never a traceback."""
    st.error(f"**{exc.title(lang())}** — {md(exc.message(lang()))}", icon=icon)
