"""Streamlit's and Plotly's own words in the reader's language. Streamlit 1.67 writes its table toolbar, menus
and tooltips in English with no option to change them, and answers a mistyped address with its own English "Page
not found" dialog; Plotly takes a locale dictionary in the chart's config (its bundled plotly.js registers only
English, but `config.locales` may bring one). The catalogue's `foreign` texts in English are Streamlit's and
Plotly's own strings, so each language's text of a key replaces the other's."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.commands import navigation
from streamlit.runtime.scriptrunner import ScriptRunContext

from common.i18n import t
from ui.state import lang, tr

PLOTLY = ("png", "png_upper", "zoom_in", "zoom_out", "autoscale", "reset_axes", "snapshot", "snapshot_ok",
          "snapshot_bad", "double_click")
STREAMLIT = ("download_csv", "search", "show_hide", "fullscreen", "exit_fullscreen", "close_fullscreen",
             "clear_selection", "select_all", "sort_asc", "sort_desc", "hide_column", "pin_column", "unpin_column",
             "autosize", "format", "no_results", "clear_all", "copy", "running", "stop", "print", "settings",
             "rerun", "about", "sidebar", "collapse_sidebar", "expand_sidebar", "app_pages", "choose", "choose_many",
             "open", "close", "selected", "main_menu", "link_heading")
PREFIXES = ("prefix_remove", "prefix_help")  # "Remove Sở Tư pháp", "Help for Năm": an aria label's head
LANGS = ("vi", "en")
_NOT_FOUND = "_page_not_found"


def words(to: str, keys: tuple[str, ...] = PLOTLY + STREAMLIT) -> dict[str, str]:
    """Every other language's text of each key → its text in `to`."""
    return {t(f"foreign.{k}", other): t(f"foreign.{k}", to) for k in keys for other in LANGS if other != to}


def plotly_config(lg: str) -> dict[str, object]:
    """The chart config's locale: Plotly's mode bar and notes in the reader's language."""
    if lg == "en":
        return {}
    return {"locale": lg, "locales": {lg: {"dictionary": words(lg, PLOTLY)}}}


def _noted(_ctx: ScriptRunContext) -> None:
    st.session_state[_NOT_FOUND] = True


def _watch_not_found() -> None:
    """Streamlit's navigation shows its English dialog for an unknown address: note it instead, to say it here."""
    if navigation.send_page_not_found is not _noted:
        navigation.send_page_not_found = _noted  # type: ignore[assignment]  # same signature, another function


_watch_not_found()

_SCRIPT = """<script>(() => {
  window.__cchcWords = %s;
  window.__cchcHeads = Object.entries(%s);
  const ATTRS = ["aria-label", "title", "data-title", "placeholder"];
  const apply = (root) => {
    const w = window.__cchcWords;
    if (!root) return;
    if (root.nodeType === 3) root = root.parentNode;
    if (!root || !root.querySelectorAll) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const k = n.nodeValue.trim();
      if (k && Object.hasOwn(w, k)) n.nodeValue = n.nodeValue.replace(k, w[k]);
    }
    for (const el of [root, ...root.querySelectorAll("[aria-label],[title],[data-title],[placeholder]")]) {
      for (const a of ATTRS) {
        const v = el.getAttribute && el.getAttribute(a);
        if (!v) continue;
        if (Object.hasOwn(w, v.trim())) { el.setAttribute(a, w[v.trim()]); continue; }
        for (const [head, ours] of window.__cchcHeads) {
          if (v.startsWith(head)) { el.setAttribute(a, ours + v.slice(head.length)); break; }
        }
      }
    }
  };
  if (!window.__cchcObserver) {
    window.__cchcObserver = new MutationObserver((changes) => {
      for (const c of changes) {
        if (c.type === "childList") c.addedNodes.forEach(apply); else apply(c.target);
      }
    });
    window.__cchcObserver.observe(document.body, {subtree: true, childList: true, characterData: true,
                                                  attributes: true, attributeFilter: ATTRS});
  }
  apply(document.body);
  let filters = document.getElementById("cchc-filters");
  if (!filters) {
    filters = document.createElement("button");
    filters.id = "cchc-filters";
    filters.onclick = () => {
      const open = document.querySelector('[data-testid="stExpandSidebarButton"]');
      if (open) open.click();
    };
    document.body.appendChild(filters);
  }
  filters.textContent = %s;
})();</script>
<style>
#cchc-filters { display: none; }
@media (max-width: 640px) {
  #cchc-filters { display: block; position: fixed; left: 3.4rem; top: 0.7rem; z-index: 999991;
    padding: 0.4rem 1rem; border: none; border-radius: 1.5rem; background: #b71c1c; color: #fff;
    font: 600 0.95rem "Source Sans", sans-serif; box-shadow: 0 2px 6px rgba(0,0,0,0.3); }
  /* Only where the side panel holds filters (a year, unit types, my unit): elsewhere it holds only the menu. */
  body:not(:has([data-testid="stSidebarUserContent"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"],
    [data-testid="stSlider"]))) #cchc-filters { display: none; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.55rem; line-height: 1.25; padding-top: 0.25rem; }
}
</style>"""


def own_words() -> None:
    """After the navigation: say a mistyped address in the reader's language, put their words in place of
    Streamlit's and Plotly's own (a script that watches the page for them), and on a phone a compact title and
    a "Filters" button that opens the side panel, where the filters are."""
    if st.session_state.pop(_NOT_FOUND, False):
        st.warning(tr("foreign.page_not_found"), icon=":material/explore_off:")
    lg = lang()
    found = (words(lg), words(lg, PREFIXES), tr("view.phone.filters"))
    st.html(_SCRIPT % tuple(json.dumps(w, ensure_ascii=False) for w in found), unsafe_allow_javascript=True)
