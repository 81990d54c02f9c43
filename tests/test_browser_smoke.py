"""The browser plumbing works: Debian Chromium renders the home page from the local server."""


def test_home_page_renders_in_chromium(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    assert page.locator("h1").first.inner_text().startswith("Open MILD Guide")
    page.close()
