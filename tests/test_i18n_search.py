"""Issue 16: a Spanish search finds a Spanish page by a Spanish word, in the browser (Material's
search with `lang: [en, es]`), on a copy of the project with one Spanish page of our own."""
from __future__ import annotations

import pytest

from readerkit import new_context, search
from sitebuild import build, build_once, copy_project
from mildguide import translation as T
from test_i18n import SPANISH_WORD, spanish_copy


@pytest.fixture(scope="session")
def es_site(tmp_path_factory, worker_id):
    """Built once per test run, however many xdist workers run the two widths."""
    def make(dest):
        project = copy_project(dest / "project")
        docs = project / "docs"
        for old in docs.rglob("*.es.md"):
            old.unlink()
        spanish_copy(docs / "recovery.md", docs / "recovery.es.md", "Recuperación")
        T.stamp(docs)                       # a Spanish page with no stamp fails the build
        return build(project)

    result = build_once(tmp_path_factory, worker_id, "i18n-search", make)
    assert result.ok, result.output
    return result.site


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
