"""The view travels with the reader: the year, unit types, levels and roll-up chosen on one page are the ones the
next page opens on. Streamlit's navigation drops the URL's parameters when the page changes, so the session keeps
the last value of each carried parameter and puts it back in the URL of the page entered; links and page switches
take `params()`. The language and my unit travel by their own session keys (ui.state.lang, ui.mine.my_unit)."""

from __future__ import annotations

import streamlit as st

CARRIED = ("year", "years", "types", "levels", "rollup")
# The plan's year is the year being planned, not the year looked at: it neither comes from nor goes to the others.
OWN = {"plan": ("year",)}
_CARRY = "_carried"
_PAGE = "_carried_page"
SEEDED = "_seeded_widgets"


def _names(page: str | None) -> tuple[str, ...]:
    return tuple(n for n in CARRIED if n not in OWN.get(page or "", ()))


def enter(page: str) -> None:
    """Before a page runs: on a change of page, forget the last page's widgets and fill the URL from the session;
    then keep what the URL says (a link may bring its own values)."""
    from ui.mine import my_unit

    carry: dict[str, str] = st.session_state.setdefault(_CARRY, {})
    if st.session_state.get(_PAGE) != page:
        forget_widgets()
        st.session_state[_PAGE] = page
        _fill(page, carry)
    for name in _names(page):
        if name in st.query_params:
            carry[name] = str(st.query_params[name])
    if "me" in st.query_params:
        my_unit()  # a link's `me` (e-mailed, or from the methodology page) becomes my unit on any page


def _fill(page: str, carry: dict[str, str]) -> None:
    """The URL of a page just entered gets the carried values it lacks, and my unit."""
    from ui.mine import KEY

    for name in _names(page):
        if name not in st.query_params and carry.get(name):
            st.query_params[name] = carry[name]
    if "me" not in st.query_params and st.session_state.get(KEY):
        st.query_params["me"] = str(st.session_state[KEY])


def keep(name: str, text: str) -> None:
    """Remember a carried parameter as the page just wrote it ("" for none)."""
    if name in _names(st.session_state.get(_PAGE)):
        st.session_state.setdefault(_CARRY, {})[name] = text


def forget_widgets() -> None:
    """Drop the state of the widgets seeded from the URL, so that they are built again from it (after a change
    of page or of language: Streamlit keeps a choice as its label, which a new language no longer matches)."""
    for key in st.session_state.pop(SEEDED, set()):
        st.session_state.pop(key, None)


def params(**extra: str) -> dict[str, str]:
    """The carried parameters, the language and my unit, for a link or a page switch; `extra` added."""
    from ui.mine import my_unit
    from ui.state import lang

    carry: dict[str, str] = st.session_state.get(_CARRY, {})
    found = {n: carry[n] for n in _names(None) if carry.get(n)}
    me = my_unit()
    return {**found, **({"me": me} if me else {}), "lang": lang(), **extra}
