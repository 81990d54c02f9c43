"""Issue 23: every real page and embed, in both languages, checked once.

axe (every WCAG 2.2 AA rule) runs once per file, at 390 px (the phone most readers use) in
the light scheme: here, or in the gallery's walk for the real files that walk holds. What
changes with the width or the scheme is a component's look, and the gallery walks every
component at both widths in both schemes (tests/test_gallery.py, which also proves the
gallery holds every component these files use). The markup of every file is
checked without a browser: no positive tabindex, the skip link first and landing in the
content, every control named, nothing focusable hidden from assistive technology.
"""
from __future__ import annotations

import pytest
from lxml import html as lhtml

from inventory import html_files, parse
from readerkit import page_paths, new_context
from statickit import problems
from readerkit import SCHEMES, WIDTHS
from test_gallery import AXE, REPRESENTATIVES, WCAG22_AA, load
from test_reader_a11y import describe


def built(site_dir, path):
    return site_dir / (path if path.endswith(".html") else path + "index.html")


def test_every_file_has_a_keyboard_order_names_and_no_hidden_focusable(site_dir):
    readers = set(page_paths(site_dir))
    files = html_files(site_dir)
    assert len(files) > 90 and any(f.startswith("es/embed/") for f in files), len(files)
    assert {"404.html", "es/404.html"} <= set(files), "the 404s are not checked"
    found = []
    for path in files:
        needs_skip = path in readers or path.endswith("404.html")       # the 404s are in no sitemap
        found += problems(parse(built(site_dir, path)), path or "/", needs_skip_link=needs_skip)
    assert not found, "\n".join(found)


MATERIAL = """<!doctype html><html><body data-md-color-scheme="default">
{before}<a href="#intro" class="md-skip">Skip to content</a>
<div class="md-content"><h1 id="intro">Title</h1>{content}</div></body></html>"""


@pytest.mark.parametrize("case, before, content, expected", [
    ("positive tabindex", "", '<a href="x/" tabindex="2">Next</a>', "positive tabindex 2"),
    ("nameless button", "", '<button type="button"><span class="icon"></span></button>', "without a name"),
    ("nameless image link", "", '<a href="x/"><img src="a.svg" alt=""></a>', "without a name"),
    ("field without a label", "", '<input type="text" id="q">', "without a name"),
    ("focusable under aria-hidden", "", '<div aria-hidden="true"><a href="x/">Hidden</a></div>',
     "inside a hidden region"),
    ("skip link not first", '<a href="/">Home</a>', "", "not the skip link"),
])
def test_the_static_check_catches(case, before, content, expected):
    tree = lhtml.fromstring(MATERIAL.format(before=before, content=content))
    found = problems(tree, "page/", needs_skip_link=True)
    assert any(expected in f for f in found), (case, found)
    clean = lhtml.fromstring(MATERIAL.format(before="", content='<a href="x/">Next</a>'))
    assert problems(clean, "page/", needs_skip_link=True) == []


def test_the_static_check_needs_the_skip_link_and_its_target():
    no_skip = lhtml.fromstring('<html><body data-md-color-scheme="default"><a href="x/">A</a></body></html>')
    assert "no skip link" in " ".join(problems(no_skip, "p/", needs_skip_link=True))
    assert problems(no_skip, "p/", needs_skip_link=False) == []
    lost = lhtml.fromstring(MATERIAL.format(before="", content="").replace('id="intro"', 'id="other"'))
    assert "target #intro" in " ".join(problems(lost, "p/", needs_skip_link=True))


# The real files the gallery walk already runs axe on at 390 px in the light scheme (among its
# other widths and schemes): not run again here.
IN_THE_GALLERY = {path for build, path in REPRESENTATIVES if build == "real"}


def axed_here(site_dir) -> list[str]:
    return [p for p in html_files(site_dir) if p not in IN_THE_GALLERY]


def axe_gaps(files: list[str], here: list[str], there: set[str]) -> list[str]:
    """Files axe checks at 390 px, light, in neither walk or in both."""
    return ([f"{p or '/'}: in neither walk" for p in files if p not in here and p not in there]
            + [f"{p or '/'}: in both walks" for p in here if p in there])


def test_every_file_gets_axe_once_here_or_in_the_gallery(site_dir):
    """Each built file gets axe at 390 px, light, exactly once: here, or in the gallery's walk
    (which runs it at 390 px in both schemes, tests/test_gallery.py)."""
    assert WIDTHS[0] == 390 and "light" in SCHEMES
    files = html_files(site_dir)
    assert IN_THE_GALLERY <= set(files), IN_THE_GALLERY - set(files)
    here = axed_here(site_dir)
    assert not axe_gaps(files, here, IN_THE_GALLERY)
    # It can fail: a file dropped from this walk and not in the gallery's is reported.
    assert axe_gaps(files, here[1:], IN_THE_GALLERY) == [f"{here[0] or '/'}: in neither walk"]


# The files are split into this many test items, so pytest-xdist can spread them.
SHARDS = 4


@pytest.mark.heavy
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"part{i + 1}")
def test_every_page_and_embed_has_no_wcag22_aa_violation_once(browser, site_dir, site_url_at_path, shard):
    """Every HTML file of the real build (pages, embeds, 404s; both languages), 390 px, light,
    but those the gallery's walk checks (test_every_file_gets_axe_once_here_or_in_the_gallery)."""
    files = axed_here(site_dir)
    failures = {}
    context = new_context(browser, 390, "light")
    page = context.new_page()
    try:
        for path in files[shard::SHARDS]:
            load(page, site_url_at_path + path)
            found = AXE.run(page, options=WCAG22_AA).response["violations"]
            if found:
                failures[path or "/"] = describe(found)
    finally:
        context.close()
    assert not failures, "axe WCAG 2.2 AA violations (390 px, light):\n" + "\n".join(
        f"{p}\n{report}" for p, report in failures.items())
