"""Chromium: every page in Vietnamese shows none of Streamlit's or Plotly's own English words (the table toolbar,
the chart mode bar, menus and their accessible labels, "Page not found"), and every page in English none of our
Vietnamese replacements. The words are looked for in the visible text and in the labels a screen reader or a
tooltip shows, after hovering a table and a chart so that their toolbars are drawn. A screenshot of each page
at 1440 and 390 px goes to screens/ (git-ignored), to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from common.i18n import t
from tests.e2e.conftest import Server, settle, shot
from ui.foreign import PLOTLY, PREFIXES, STREAMLIT

PAGES = ("", "trends", "compare", "profile", "plan", "import", "completeness", "briefing", "users", "methodology")
UNFILTERED = {"", "import", "briefing", "users", "methodology"}  # nothing but the menu in their side panel
MAIN = '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]'
LABELS = """() => { const out = []; const names = ['aria-label', 'title', 'data-title', 'placeholder'];
  document.querySelectorAll('[aria-label],[title],[data-title],[placeholder]').forEach(e =>
    names.forEach(a => { const v = e.getAttribute(a); if (v) out.push(v); }));
  return out; }"""


def _theirs(lang: str) -> set[str]:
    """The other language's texts of Streamlit's and Plotly's own words."""
    other = "en" if lang == "vi" else "vi"
    return {t(f"foreign.{k}", other).strip() for k in (*PLOTLY, *STREAMLIT, *PREFIXES)}


def _seen(page: Page) -> tuple[list[str], list[str]]:
    """The labels, and the visible text's lines, after hovering the first chart and the first table."""
    for selector in (".js-plotly-plot", '[data-testid="stDataFrame"]'):
        found = page.locator(f"{selector} >> visible=true")
        if found.count():
            found.first.hover()
            page.wait_for_timeout(300)
    lines = [line.strip() for line in page.locator("body").inner_text().splitlines()]
    return page.evaluate(LABELS), lines


def _english_left(labels: list[str], lines: list[str], words: set[str], heads: set[str]) -> list[str]:
    found = [v for v in labels if v.strip() in words or any(v.startswith(h) for h in heads)]
    return found + [line for line in lines if line in words]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_word_of_streamlit_or_plotly_in_the_other_language(page: Page, server: Server, lang: str) -> None:
    words = _theirs(lang)
    heads = {t(f"foreign.{k}", "en" if lang == "vi" else "vi") for k in PREFIXES}
    left: dict[str, list[str]] = {}
    button: dict[str, bool] = {}
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 2400})
        for name in PAGES:
            page.goto(f"{server.url}/{name}?lang={lang}")
            # any content shown (the users page, without sign-in, has no title; our script's element has no size)
            page.locator(f"{MAIN} >> visible=true").first.wait_for(timeout=60_000)
            settle(page)
            if found := _english_left(*_seen(page), words, heads):
                left[f"{name or 'overview'}@{width}"] = found
            shot(page, f"own-words-{name or 'overview'}-{lang}-{width}")
            if width == 390:  # the phone's "Filters" button: only where the side panel holds filters
                button[name] = page.locator("#cchc-filters").is_visible()
    page.goto(f"{server.url}/khong-co-trang-nay?lang={lang}")
    page.wait_for_selector("h1", timeout=60_000)  # the overview's
    settle(page)
    text = page.locator("body").inner_text()
    assert "Page not found" not in text and t("foreign.page_not_found", lang) in text
    assert not left, left
    assert button["compare"] and button["trends"] and not any(button[n] for n in UNFILTERED), button
