"""Issue 7.4: search works offline in the browser — a word from a real page finds that page."""
from __future__ import annotations

import contextlib
import re

import pytest

from readerkit import WIDTHS, new_context, search, wait_still


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


def test_a_word_in_an_faq_answer_finds_the_answer_on_its_topic_page(browser, site_url, site_dir):
    """The FAQ's answers are on one page per topic (issue 27): search still reaches them."""
    assert "bathtub" in (site_dir / "faq/topic-getting-ready/index.html").read_text(encoding="utf-8")
    context = new_context(browser, 390)
    page = context.new_page()
    try:
        page.goto(site_url + "faq/")
        hrefs = search(page, 390, "bathtub")
        assert any(h.startswith(site_url + "faq/topic-getting-ready/") for h in hrefs), hrefs
    finally:
        context.close()


REAL_WORKER = re.compile(r"/workers/search\.[0-9a-f]+\.min\.js")


@contextlib.contextmanager
def search_requests(browser, width: int):
    """A page, and the list of its requests for the search index and Material's search worker."""
    context = new_context(browser, width)
    page = context.new_page()
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url)
               if "/search/search_index.json" in r.url or REAL_WORKER.search(r.url) else None)
    try:
        yield page, seen
    finally:
        context.close()


def test_search_loads_only_once_the_reader_opens_it(browser, site_url):
    """Issue 7.3: readers who never search download neither the index nor the search worker
    (docs/assets/javascripts/search-on-demand.js)."""
    with search_requests(browser, 390) as (page, seen):
        page.goto(site_url + "risks/", wait_until="networkidle")
        page.mouse.wheel(0, 2000)
        # The scroll has happened and settled (the scroll handlers have run), and the
        # network is idle again: nothing the scroll could trigger is still on its way.
        page.wait_for_function("scrollY > 0")
        wait_still(page)
        page.wait_for_load_state("networkidle")
        assert seen == [], "search index or worker fetched before the reader searched"
        hrefs = search(page, 390, "recovery")
        assert sorted("index" if "index" in u else "worker" for u in seen) == ["index", "worker"], seen
        assert any(h.startswith(site_url + "recovery/") for h in hrefs), hrefs


def test_search_highlight_link_loads_the_index_at_once(browser, site_url):
    """A search result link (?h=word) highlights the word on arrival, which needs the index."""
    with search_requests(browser, 1280) as (page, seen):
        # Wait for the request itself (Material asks for the index once its bundle has set up,
        # which under load can come after the network has been idle for a while).
        with page.expect_request(lambda r: "/search/search_index.json" in r.url):
            page.goto(site_url + "recovery/?h=recovery")
        page.locator("article mark").first.wait_for()
        assert any("/search/search_index.json" in u for u in seen), seen
