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
