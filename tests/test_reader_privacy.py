"""Issue 7.2: reading the guide is private — every page loads only from the local server and sets
no cookies (no fonts, analytics, CDN or GitHub API calls)."""
from __future__ import annotations

import pytest

from urllib.parse import urlsplit

from readerkit import new_context, page_paths, search


@pytest.mark.exhaustive
def test_pages_request_nothing_from_other_hosts_and_set_no_cookies(browser, site_url, site_dir):
    origin = urlsplit(site_url).netloc
    context = new_context(browser, 390)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    visited = []
    try:
        for path in page_paths(site_dir):
            page.goto(site_url + path, wait_until="networkidle")
            # Scroll to the end so lazily loaded images or embeds are requested too.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.cookie") == "", f"{path}: document.cookie is set"
            visited.append(path)
        # Searching is private too (the index loads only now: search-on-demand.js).
        assert search(page, 390, "recovery")
        cookies = context.cookies()
    finally:
        context.close()
    foreign = sorted({u for u in requests
                      if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != origin})
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not cookies, f"cookies set: {cookies}"
    # The recorder really saw the page loads (HTML, CSS, JS) and the search index.
    assert len(visited) == len(page_paths(site_dir))
    assert any(u.endswith("search/search_index.json") for u in requests), requests[:10]
    assert any(".css" in u for u in requests) and any(".js" in u for u in requests)
