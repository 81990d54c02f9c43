"""Citation tooltips kept once, in the page's sources list (mildguide.site.cite_tips, issue 27):
the built page carries no title its "Sources for this page" list repeats, and
tooltips-on-hover.js puts the same title (with the Spanish note) back on the first citation of
each source, so a reader hovering a citation sees what they saw before."""
from __future__ import annotations

import re

from lxml import html as lxml_html

from mildguide.site.cite_tips import move, restore

LIST = ('<div class="omg-page-sources">\n<h2 id="s">Sources</h2>\n<ol>\n'
        '<li><a href="../s/#source-a" lang="en">Alpha &quot;trial&quot;</a></li>\n'
        '<li><a href="../s/#source-b">Beta</a></li>\n</ol>\n</div>')


def cite(href: str, n: int, title: str | None = None, quote: str = '"') -> str:
    tip = f" title={quote}{title}{quote}" if title is not None else ""
    return f'<a href="{href}" aria-label="Source {n}"{tip}>{n}</a>'


def test_titles_the_list_repeats_go_and_a_note_moves_to_the_list():
    page = (f'<p>x<sup class="omg-cite">{cite("../s/#source-a", 1, "Alpha &quot;trial&quot; — Ensayo.")}</sup> '
            f'y<sup class="omg-cite">{cite("../s/#source-a", 1)}<span class="omg-cite-sep">, </span>'
            f"{cite('../s/#source-b', 2, 'Beta', quote=chr(39))}</sup></p>\n" + LIST)
    out = move(page)
    assert "title=" not in out
    assert '<li><a href="../s/#source-a" data-omg-note="Ensayo." lang="en">Alpha &quot;trial&quot;</a>' in out
    assert '<li><a href="../s/#source-b">Beta</a>' in out
    assert out.replace(' data-omg-note="Ensayo."', "") == re.sub(r" title=(\"[^\"]*\"|'[^']*')", "", page)


def test_a_title_the_list_does_not_hold_stays():
    for title in ("Something else", "Beta plus more"):          # no " — " after the list's title
        page = f'<p>x<sup class="omg-cite">{cite("../s/#source-b", 1, title)}</sup></p>\n' + LIST
        assert move(page) == page
    page = f'<p>x<sup class="omg-cite">{cite("../s/#source-z", 1, "Zeta")}</sup></p>\n' + LIST
    assert move(page) == page                                   # not in the list
    assert move(f'<p><a href="#x" title="t">x</a></p>') == '<p><a href="#x" title="t">x</a></p>'


def test_restore_gives_back_the_page_move_was_given():
    """The post-build pass reads a built page through `restore`: running it again over a built
    site (test_changes_feed's data steps) must see the generator's page, byte for byte here."""
    page = (f'<p>x<sup class="omg-cite">{cite("../s/#source-a", 1, "Alpha &quot;trial&quot; — Ensayo.")}</sup> '
            f'y<sup class="omg-cite">{cite("../s/#source-a", 1)}<span class="omg-cite-sep">, </span>'
            f'{cite("../s/#source-b", 2, "Beta")}</sup> z<sup class="omg-cite">{cite("../s/#source-b", 2)}</sup></p>\n'
            + LIST)
    moved = move(page)
    assert moved != page
    assert restore(moved) == page
    assert restore(page) == page                 # a page move never saw is left as it is
    assert move(restore(moved)) == moved


def test_embeds_keep_their_titles_pages_drop_them(site_dir):
    """An embed loads no tooltips-on-hover.js to put titles back, so its citations keep theirs."""
    for page, embed in (("home-care/", "embed/home-care/"), ("es/other-treatments/", "es/embed/other-treatments/")):
        titled = lambda rel: lxml_html.parse(str(site_dir / rel / "index.html")).xpath(
            "//sup[@class='omg-cite']/a[@title]")
        assert not titled(page), page
        assert titled(embed), embed


def test_built_decision_aid_has_no_repeated_titles(site_dir):
    for rel in ("other-treatments/", "es/other-treatments/"):
        tree = lxml_html.parse(str(site_dir / rel / "index.html"))
        assert tree.xpath("//sup[@class='omg-cite']/a"), rel
        assert not tree.xpath("//sup[@class='omg-cite']/a[@title]"), rel
    notes = lxml_html.parse(str(site_dir / "es/other-treatments/index.html")).xpath(
        "//div[@class='omg-page-sources']//li/a/@data-omg-note")
    assert "Artículo de revisión en una revista médica." in notes


def test_hover_shows_the_source_title_and_spanish_note(browser, site_url):
    """On a desktop the first citation of each source gets its title back before Material sets
    up its tooltips; hovering it shows the title (and, in Spanish, what the source is)."""
    for rel, expected in (("other-treatments/", "Diagnosis and management of lumbar spinal stenosis"),
                          ("es/other-treatments/", " — Artículo de revisión en una revista médica.")):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(site_url + rel, wait_until="load")
            titled = page.evaluate("""() => {
                const seen = new Set(), out = [];
                for (const a of document.querySelectorAll('sup.omg-cite a[aria-label]')) {
                    out.push([a.hasAttribute('title'), !seen.has(a.getAttribute('href'))]);
                    seen.add(a.getAttribute('href'));
                }
                return out; }""")
            assert titled and all(has == first for has, first in titled), rel   # the first of each only
            page.locator("sup.omg-cite a").first.hover()
            tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
            tip.wait_for(state="visible")
            assert expected in tip.inner_text(), (rel, tip.inner_text())
        finally:
            context.close()


def test_script_keeps_a_title_already_there(browser):
    """`make serve` skips the post-build pass: the citation keeps its full title (with the
    Spanish note) and the script must not replace it with the list's shorter one."""
    from sitebuild import ROOT
    script = (ROOT / "docs/assets/javascripts/tooltips-on-hover.js").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_content(f"<!doctype html><html><head><script>{script}</script></head><body><p>x"
                         f'<sup class="omg-cite">{cite("#source-a", 1, "Alpha — Ensayo.")}</sup>'
                         f'<sup class="omg-cite">{cite("#source-b", 2)}</sup>'
                         f'<sup class="omg-cite">{cite("#source-b", 2)}</sup></p>'
                         '<div class="omg-page-sources"><ol><li><a href="#source-a">Alpha</a></li>'
                         '<li><a href="#source-b" data-omg-note="Nota.">Beta</a></li></ol></div></body></html>')
        titles = page.evaluate("[...document.querySelectorAll('sup.omg-cite a')].map(a => a.getAttribute('title'))")
        assert titles == ["Alpha — Ensayo.", "Beta — Nota.", None]
    finally:
        context.close()
