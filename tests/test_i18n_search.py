"""Issue 16: a Spanish search finds a Spanish page by a Spanish word, in the browser (Material's
search with `lang: [en, es]`), on a copy of the project with Spanish pages of our own (test_i18n's shared build)."""
from __future__ import annotations

import pytest

from readerkit import new_context, search
from test_i18n import SPANISH_WORD, es_project  # noqa: F401  (the shared Spanish build)


@pytest.fixture(scope="session")
def es_site(es_project):
    """test_i18n's shared build of a copy with our own Spanish recovery page (a machine-made
    copy of the English page, stamped; SPANISH_WORD is on it and on the Spanish embedding page),
    built once per test run: the site before the English page changes."""
    _, current, _ = es_project
    assert current.ok, current.output
    return current.site


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_spanish_search_finds_the_spanish_page_by_a_spanish_word(browser, es_site, width):
    from browser import serve
    with serve(es_site) as url:
        context = new_context(browser, width)
        page = context.new_page()
        try:
            page.goto(url + "es/stenosis/")
            hrefs = search(page, width, SPANISH_WORD)
            assert any(h.startswith(url + "es/recovery/") for h in hrefs), hrefs
        finally:
            context.close()
