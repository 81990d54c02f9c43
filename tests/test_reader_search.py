"""Issue 7.4: search works offline in the browser — a word from a real page finds that page."""
from __future__ import annotations

import pytest

from readerkit import WIDTHS, new_context, search


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_searching_for_recovery_finds_the_recovery_page(browser, site_url, site_dir, width):
    assert "recovery" in (site_dir / "recovery" / "index.html").read_text(encoding="utf-8").lower()
    context = new_context(browser, width)
    page = context.new_page()
    try:
        page.goto(site_url + "stenosis/")
        hrefs = search(page, width, "recovery")
        assert any(h.startswith(site_url + "recovery/") for h in hrefs), hrefs
        # Following the first matching result opens the page.
        page.locator(f'.md-search-result__item > a[href*="recovery/"]').first.click()
        page.wait_for_url(f"{site_url}recovery/**")
        assert page.locator("h1").first.inner_text().strip()
    finally:
        context.close()


def _index_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if "/search/search_index.json" in u]


def test_search_index_loads_only_once_the_reader_opens_search(browser, site_url):
    """Issue 7.3: readers who never search do not download the index (scripts: search-on-demand.js)."""
    context = new_context(browser, 390)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(site_url + "risks/", wait_until="networkidle")
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(300)
        assert _index_requests(requested) == [], "search index fetched before the reader searched"
        hrefs = search(page, 390, "recovery")
        assert len(_index_requests(requested)) == 1
        assert any(h.startswith(site_url + "recovery/") for h in hrefs), hrefs
    finally:
        context.close()


def test_search_highlight_link_loads_the_index_at_once(browser, site_url):
    """A search result link (?h=word) highlights the word on arrival, which needs the index."""
    context = new_context(browser, 1280)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(site_url + "recovery/?h=recovery", wait_until="networkidle")
        assert len(_index_requests(requested)) == 1
        page.locator("article mark").first.wait_for()
    finally:
        context.close()
