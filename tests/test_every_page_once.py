"""Issue 23: every real page and embed, in both languages, checked once.

axe (every WCAG 2.2 AA rule) runs once per file, at 390 px (the phone most readers use) in
the light scheme: here, or in the gallery's walk for the real files that walk holds. What
changes with the width or the scheme is a component's look, and the gallery walks every
component at both widths in both schemes (tests/test_gallery.py, which also proves the
gallery holds every component these files use). An embed whose content is, element for
element, the markup of its page's article (after a narrow normalisation: link addresses as
resolved, the frame's link targets, the "¶" links, raised heading levels), in the same
context, inside template furniture shaped like a walked embed's, is proven equal to its page
and gets axe through it (tests/embedequiv.py says exactly what is compared and why that is
safe); every other embed is axed here. The markup of every file is
checked without a browser: no positive tabindex, the skip link first and landing in the
content, every control named, nothing focusable hidden from assistive technology.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lhtml

from embedequiv import Walked, is_embed, proven_equal, walked_embed_files, walked_facts
from inventory import html_files, parse
from readerkit import page_paths, new_context
from statickit import problems
from readerkit import SCHEMES, WIDTHS
from test_gallery import AXE, REPRESENTATIVES, WCAG22_AA, load, walked
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


@pytest.fixture(scope="session")
def walked_embeds(site_dir, gallery_sites) -> Walked:
    """What the embed files the gallery's walk axes (its own and the real ones) hold."""
    return walked_facts(walked_embed_files(walked({"gallery": gallery_sites[0], "clinic": gallery_sites[1]},
                                                  site_dir)))


@pytest.fixture(scope="session")
def equal_embeds(site_dir, walked_embeds) -> dict[str, str]:
    """Embed path -> the page it is proven equal to (tests/embedequiv.py): not axed again."""
    files = [p for p in html_files(site_dir) if p not in IN_THE_GALLERY]
    return proven_equal(site_dir, files, set(files), walked_embeds)[0]


def axed_here(site_dir, equal: dict[str, str]) -> list[str]:
    return [p for p in html_files(site_dir) if p not in IN_THE_GALLERY and p not in equal]


def axe_gaps(files: list[str], here: list[str], there: set[str], equal: dict[str, str]) -> list[str]:
    """Files axe checks at 390 px, light, in neither walk (nor through a page axed here that
    they are proven equal to) or more than once."""
    name = lambda p: p or "/"                                          # noqa: E731
    return ([f"{name(p)}: in neither walk" for p in files if p not in here and p not in there
             and p not in equal]
            + [f"{name(p)}: proven equal to {name(equal[p])}, which is not axed here"
               for p in files if p in equal and equal[p] not in here]
            + [f"{name(p)}: in both walks" for p in here if p in there]
            + [f"{name(p)}: axed here and proven equal to {name(equal[p])}" for p in here if p in equal])


def test_every_file_gets_axe_once_here_or_in_the_gallery(site_dir, equal_embeds):
    """Each built file gets axe at 390 px, light, exactly once: here, in the gallery's walk
    (which runs it at 390 px in both schemes, tests/test_gallery.py), or through the page it
    is proven equal to (tests/embedequiv.py), which is axed here."""
    assert WIDTHS[0] == 390 and "light" in SCHEMES
    files = html_files(site_dir)
    assert IN_THE_GALLERY <= set(files), IN_THE_GALLERY - set(files)
    here = axed_here(site_dir, equal_embeds)
    assert len(equal_embeds) >= 10, equal_embeds          # the proof still finds its embeds
    assert not axe_gaps(files, here, IN_THE_GALLERY, equal_embeds)
    # It can fail: a file dropped from this walk and not in the gallery's is reported, and so
    # is an embed whose page is not axed here, or that is axed here as well.
    first = next(p for p in here if p not in equal_embeds.values())
    assert axe_gaps(files, [p for p in here if p != first], IN_THE_GALLERY, equal_embeds) == [
        f"{first or '/'}: in neither walk"]
    embed, page = next(iter(equal_embeds.items()))
    assert axe_gaps(files, [p for p in here if p != page], IN_THE_GALLERY, equal_embeds) == [
        f"{page or '/'}: in neither walk", f"{embed}: proven equal to {page or '/'}, which is not axed here"]
    assert axe_gaps(files, here + [embed], IN_THE_GALLERY, equal_embeds) == [
        f"{embed}: axed here and proven equal to {page or '/'}"]


def mutated(site_dir, tmp_path, embed: str, page: str, change=None, on_page=False) -> Path:
    """A site holding only `page` and `embed`, with `change` applied to the embed's body (to
    the page's article `on_page`)."""
    site = tmp_path / "site"
    for path in (page, embed):
        (site / built(site_dir, path).relative_to(site_dir)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(built(site_dir, path), built(site, path))
    if change is not None:
        target = page if on_page else embed
        tree = lhtml.fromstring(built(site, target).read_bytes())
        where = "//article" if on_page else "//div[contains(@class, 'omg-embed__body')]"
        change(tree, tree.xpath(where)[0])
        built(site, target).write_bytes(lhtml.tostring(tree, doctype="<!doctype html>"))
    return site


def _add(attr, value):
    def change(tree, body):
        el = body.xpath(".//p")[0]
        el.set(attr, ((el.get(attr) or "") + " " + value).strip())
    return change


def _extra(tree, body):
    body.xpath(".//p")[0].append(lhtml.fromstring("<span>new</span>"))


def _text(tree, body):
    body.text = "Loose text"


def _heading(tree, body):
    h = body.xpath(".//h2")[0]
    h.tag = "h3"


def _clinic(tree, body):
    tree.xpath("//main")[0].insert(0, lhtml.fromstring(
        '<aside class="omg-clinic" aria-label="Your clinic"><p>Shared with you by a clinic</p></aside>'))


def _link_title(tree, body):
    """A title on a link its aria-label does not name: its accessible name, so compared (only
    a citation's title, under its aria-label, is left out)."""
    links = body.xpath(".//a[not(@aria-label)]")
    if not links:
        links = [lhtml.fromstring('<a href="#top">top</a>')]
        body.xpath(".//p")[0].append(links[0])
    links[0].set("title", "Another name")


BODY = "its body is not a run of its page's article"


@pytest.mark.parametrize("case, change, reason", [
    ("a class", _add("class", "care-emergency"), BODY),
    ("an aria attribute", _add("aria-hidden", "true"), BODY),
    ("an inline style", _add("style", "color: #999"), BODY),
    ("a link's own title", _link_title, BODY),
    ("a data attribute", _add("data-omg-note", "x"), BODY),
    ("an extra element", _extra, BODY),
    ("a heading level", _heading, BODY),
    ("loose text", _text, "text directly in omg-embed__body"),
    ("a box in the furniture", _clinic, "its furniture is like no walked embed's"),
])
def test_an_embed_that_differs_from_its_page_is_not_equal(site_dir, walked_embeds, equal_embeds, tmp_path,
                                                           case, change, reason):
    """One rendering-relevant difference keeps an embed in the walk; the same files, parsed
    and written back unchanged, are still equal."""
    embed, page = sorted(equal_embeds.items())[0]
    same = mutated(site_dir, tmp_path / "same", embed, page, lambda tree, body: None)
    assert proven_equal(same, [embed], {page}, walked_embeds)[0] == {embed: page}
    site = mutated(site_dir, tmp_path / "changed", embed, page, change)
    equal, why = proven_equal(site, [embed], {page}, walked_embeds)
    assert equal == {} and why[embed] == [reason], (case, why)


def _hide(tree, article):
    box = lhtml.fromstring('<details class="note"><summary>More</summary></details>')
    for child in list(article):
        box.append(child)
    article.append(box)


def test_an_embed_whose_content_the_page_hides_is_not_equal(site_dir, walked_embeds, equal_embeds, tmp_path):
    """The same markup inside a closed box on the page (which axe then passes over) is not
    proof for the embed, where it shows."""
    embed, page = sorted(equal_embeds.items())[0]
    site = mutated(site_dir, tmp_path, embed, page, _hide, on_page=True)
    equal, why = proven_equal(site, [embed], {page}, walked_embeds)
    assert equal == {} and why[embed] == [BODY], why


def test_an_embed_whose_page_is_not_axed_here_is_not_equal(site_dir, walked_embeds, equal_embeds, tmp_path):
    embed, page = next(iter(sorted(equal_embeds.items())))
    site = mutated(site_dir, tmp_path, embed, page)
    equal, why = proven_equal(site, [embed], set(), walked_embeds)
    assert equal == {} and why[embed] == [f"its page {page or '/'} is not in the every-page walk"], why


# The files are split into this many test items, so pytest-xdist can spread them.
SHARDS = 4


def shard_files(site_dir, shard: int) -> tuple[list[str], list[str]]:
    """(pages, embeds) of one shard, before the proof: every SHARDS-th file of those the
    gallery's walk does not hold."""
    files = [p for p in html_files(site_dir) if p not in IN_THE_GALLERY][shard::SHARDS]
    embeds = [p for p in files if is_embed(parse(built(site_dir, p)))]
    return [p for p in files if p not in embeds], embeds


def test_the_shards_walk_what_the_count_counts(site_dir, equal_embeds):
    walks = [f for shard in range(SHARDS) for part in shard_files(site_dir, shard) for f in part
             if f not in equal_embeds]
    assert sorted(walks) == sorted(axed_here(site_dir, equal_embeds))


@pytest.mark.heavy
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"part{i + 1}")
def test_every_page_and_embed_has_no_wcag22_aa_violation_once(browser, site_dir, site_url_at_path, request, shard):
    """Every HTML file of the real build (pages, embeds, 404s; both languages), 390 px, light,
    but those the gallery's walk checks and the embeds proven equal to their page
    (test_every_file_gets_axe_once_here_or_in_the_gallery)."""
    pages, embeds = shard_files(site_dir, shard)
    failures = {}
    context = new_context(browser, 390, "light")
    page = context.new_page()
    try:
        for i, path in enumerate(pages + embeds):
            if i == len(pages):
                # The proof needs the gallery's builds: asked for once this shard's pages are
                # done, so that this walk starts on the real build alone while the other
                # worker builds the gallery (conftest.heavy_first).
                equal = request.getfixturevalue("equal_embeds")
            if path in embeds and path in equal:
                continue
            load(page, site_url_at_path + path)
            found = AXE.run(page, options=WCAG22_AA).response["violations"]
            if found:
                failures[path or "/"] = describe(found)
    finally:
        context.close()
    assert not failures, "axe WCAG 2.2 AA violations (390 px, light):\n" + "\n".join(
        f"{p}\n{report}" for p, report in failures.items())
