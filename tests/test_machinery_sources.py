"""Sources registry and citations (issue 3 §1) on the fixture site and the real site."""
from __future__ import annotations

import re

import pytest
import yaml

from machinery import (build_on, cited_numbers, content, edit, fails_with, page,
                       page_sources)
from sitebuild import ROOT


def test_citations_render_as_numbered_superscript_links(fixture_site):
    tree = page(fixture_site, "page-a.md")
    assert cited_numbers(tree)[:4] == [
        ("1", "../sources/#source-beta"),
        ("1", "../sources/#source-beta"), ("2", "../sources/#source-alpha"),
        ("3", "../sources/#source-gamma"),
    ]
    links = content(tree).xpath(".//sup[@class='omg-cite']/a")
    assert [a.get("aria-label") for a in links[:4]] == ["Source 1", "Source 1", "Source 2", "Source 3"]
    # The source title (a tooltip) is on the first citation of each source only.
    assert [a.get("title") for a in links[:4]] == [
        "Beta clinic page", None, "Alpha trial: two-year results", 'Gamma "quoted" review']
    first_titles = [a.get("title") for a in links if a.get("title")]
    assert len(first_titles) == len({a.get("href") for a in links})


def test_code_is_never_a_citation(fixture_site):
    body = content(page(fixture_site, "page-a.md"))
    assert "[@not-a-source]" in body.xpath("string(.//p/code)")
    assert "[@also-not-a-source]" in body.xpath("string(.//pre)")


def test_page_sources_list_holds_only_cited_sources_in_citation_order(fixture_site):
    assert page_sources(page(fixture_site, "page-a.md")) == [
        ("Beta clinic page", "../sources/#source-beta"),
        ("Alpha trial: two-year results", "../sources/#source-alpha"),
        ('Gamma "quoted" review', "../sources/#source-gamma"),
    ]
    deep = page(fixture_site, "sub/deep.md")
    assert page_sources(deep) == [('Gamma "quoted" review', "../../sources/#source-gamma")]
    assert cited_numbers(deep) == [("1", "../../sources/#source-gamma")]
    # the list is inside the page content (embeds and exports see it) and has a heading
    assert content(deep).xpath(".//div[@class='omg-page-sources']/h2[@id='sources-for-this-page']")
    # a page that cites nothing has no list
    assert not page_sources(page(fixture_site, "index.md"))


def test_sources_page_renders_every_registry_entry(fixture_site):
    body = content(page(fixture_site, "sources.md"))
    ids = body.xpath(".//div[@class='omg-source-list']/h3/@id")
    assert ids == ["source-alpha", "source-beta", "source-gamma"]
    beta = body.xpath(".//h3[@id='source-beta']/following-sibling::*[1]")[0]
    assert "Not verified" in beta.text_content()
    alpha = body.xpath(".//h3[@id='source-alpha']/following-sibling::ul[1]")[0].text_content()
    for field in ("Randomized trial", "Pain scores", "Paid for by the device maker", "10.1000/alpha"):
        assert field in alpha
    assert "<!-- source-list -->" not in (fixture_site / "sources" / "index.html").read_text()


@pytest.mark.parametrize("key, where, words", [
    ("unknown-id", "docs/page-a-unknown-id.md:10:", ["unknown source id 'nope'"]),
    ("malformed", "docs/page-a-malformed.md:10:", ["malformed citation"]),
])
def test_bad_citation_fails_with_file_and_line(fixture_page_mistakes, key, where, words):
    """In the shared copy of page-local mistakes (machinery.PAGE_MISTAKES), a copy of page-a.md each."""
    fails_with(fixture_page_mistakes, where, *words)


def test_page_citing_nothing_fails_unless_it_opts_out(broken):
    edit(broken, "sub/deep.md", "A fact from a folder down.[@gamma]", "A fact with no source.")
    fails_with(build_on(broken), "docs/sub/deep.md:1:", "cites no source", "citations: none")
    edit(broken, "sub/deep.md", "next_review: 2027-01-10", "next_review: 2027-01-10\ncitations: none")
    assert build_on(broken).ok


def test_opting_out_while_citing_fails(fixture_page_mistakes):
    fails_with(fixture_page_mistakes, "docs/page-a-opts-out.md:", "citations: none", "remove")


@pytest.mark.parametrize("old, new, line, words", [
    ("  - id: gamma\n", "  - id: alpha\n", 21, ["duplicate source id 'alpha'", "line 7"]),
    ("    used_for: Risks.\n", "", 21, ["source 'gamma' is missing 'used_for'"]),
    ("url: https://example.org/alpha", "url: http://example.org/alpha", 13, ["https://"]),
    ("<!-- source-list -->", "", 28, ["<!-- source-list -->"]),
])
def test_bad_registry_fails_with_file_and_line(broken, old, new, line, words):
    edit(broken, "sources.md", old, new)
    fails_with(build_on(broken), f"docs/sources.md:{line}:", *words)


def _grouped(project):
    """The fixture's registry in 2 groups, each on its page (docs/sources/<group>.md), and the
    Sources page as their hub."""
    for old, new in (("  - id: alpha\n", "  - id: alpha\n    group: trials\n"),
                     ("  - id: beta\n", "  - id: beta\n    group: pages\n"),
                     ("  - id: gamma\n", "  - id: gamma\n    group: trials\n"),
                     ("<!-- source-list -->", "## Trials\n\n<!-- source-list: trials -->\n\n"
                                              "## Pages\n\n<!-- source-list: pages -->")):
        edit(project, "sources.md", old, new)
    (project / "docs" / "sources").mkdir()
    for group in ("trials", "pages"):
        (project / "docs" / "sources" / f"{group}.md").write_text(
            f"---\ntitle: {group}\ndescription: The {group}.\nreviewed: 2026-01-10\nnext_review: 2027-01-10\n---\n\n"
            f"# The {group}\n\nThe sources of this group.\n\n## The sources\n\n<!-- source-list -->\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Sources: sources.md\n", "  - Sources:\n"
                      "      - sources.md\n      - sources/trials.md\n      - sources/pages.md\n"))


def test_grouped_registry_links_each_citation_to_its_group_page(broken):
    _grouped(broken)
    result = build_on(broken)
    assert result.ok, result.output
    tree = page(result.site, "page-a.md")
    assert cited_numbers(tree)[:4] == [
        ("1", "../sources/pages/#source-beta"), ("1", "../sources/pages/#source-beta"),
        ("2", "../sources/trials/#source-alpha"), ("3", "../sources/trials/#source-gamma")]
    assert page_sources(page(result.site, "sub/deep.md")) == [
        ('Gamma "quoted" review', "../../sources/trials/#source-gamma")]
    hub = content(page(result.site, "sources.md"))
    assert [(a.get("id"), a.get("href"), a.text_content()) for a in hub.xpath(".//div[@class='omg-source-list']/ul/li/a")] == [
        ("source-alpha", "trials/#source-alpha", "Alpha trial: two-year results"),
        ("source-gamma", "trials/#source-gamma", 'Gamma "quoted" review'),
        ("source-beta", "pages/#source-beta", "Beta clinic page")]
    trials = content(page(result.site, "sources/trials.md"))
    assert trials.xpath(".//div[@class='omg-source-list']/h3/@id") == ["source-alpha", "source-gamma"]
    assert "Paid for by the device maker" in trials.text_content()


@pytest.mark.parametrize("old, new, where, words", [
    ("    group: pages\n", "", "docs/sources.md:16:", ["source 'beta' is missing 'group'", "pages, trials"]),
    ("    group: pages\n", "    group: clinics\n", "docs/sources.md:17:", ["unknown group 'clinics'", "pages, trials"]),
    ("<!-- source-list: pages -->", "", "docs/sources.md:", ["group 'pages'", "<!-- source-list: pages -->"]),
    ("<!-- source-list: pages -->", "<!-- source-list: page -->", "docs/sources.md:", ["names no group"]),
])
def test_grouped_registry_mistakes_fail_with_file_and_line(broken, old, new, where, words):
    _grouped(broken)
    edit(broken, "sources.md", old, new)
    fails_with(build_on(broken), where, *words)


def test_group_page_without_its_list_fails(broken):
    _grouped(broken)
    edit(broken, "sources/pages.md", "<!-- source-list -->", "")
    fails_with(build_on(broken), "docs/sources/pages.md:", "<!-- source-list -->")


# --- the real site -------------------------------------------------------------------------

def _registry() -> dict[str, str]:
    """id -> group of each registry entry, in registry order."""
    text = (ROOT / "docs" / "sources.md").read_text()
    front = re.match(r"---\n(.*?\n)---\n", text, re.S).group(1)
    return {s["id"]: s["group"] for s in yaml.safe_load(front)["sources"]}


def _registry_ids() -> list[str]:
    return list(_registry())


@pytest.mark.parametrize("lang", ["", "es/"])
def test_real_registry_entries_are_on_their_group_pages_and_listed_on_the_hub(site_dir, lang):
    """Each entry's section is on its group's page; the Sources hub lists every title as a link
    to that entry which carries the old id, so sources/#source-<id> still lands next to it."""
    registry = _registry()
    hub = content(page(site_dir, f"{lang}sources.md"))
    links = {a.get("id"): a.get("href") for a in hub.xpath(".//div[@class='omg-source-list']/ul/li/a")}
    assert links == {f"source-{i}": f"{g}/#source-{i}" for i, g in registry.items()}
    for group in dict.fromkeys(registry.values()):
        body = content(page(site_dir, f"{lang}sources/{group}.md"))
        assert body.xpath(".//div[@class='omg-source-list']/h3/@id") == \
            [f"source-{i}" for i, g in registry.items() if g == group], group
    assert not hub.xpath(".//h3[starts-with(@id, 'source-')]")


@pytest.mark.parametrize("built", ["sources/index.html", "es/sources/index.html",
                                   "sources/care/index.html", "es/sources/about-mild/index.html"])
def test_real_sources_pages_toc_leaves_out_the_entries(site_dir, built):
    """The registry's entry headings (and the hub's title links) are not in the table of contents
    (written twice per page by Material: sidebar and phone menu); the sections are."""
    from lxml import html as lxml_html
    tree = lxml_html.parse(str(site_dir / built))
    group_page = not built.endswith("sources/index.html")
    for toc in (tree.xpath("//nav[contains(@class, 'md-nav--secondary')]"),
                tree.xpath("//nav[contains(@class, 'md-nav--primary')]//nav[contains(@class, 'md-nav--secondary')]")):
        assert toc, built
        hrefs = toc[0].xpath(".//a/@href")
        assert "#the-sources" in hrefs, hrefs
        assert group_page or "#where-facts-come-from" in hrefs, hrefs
        assert not [h for h in hrefs if h.startswith("#source-")], built
    assert bool(tree.xpath("//article//h3[starts-with(@id, 'source-')]")) == group_page, built


def test_without_entries_drops_source_headings_at_any_depth():
    """What the Sources page's TOC loses: `source-…` headings, at any depth."""
    from mildguide.page.sources import without_entries
    toc = [{"id": "a", "children": [{"id": "source-x", "children": []}, {"id": "b", "children": []}]}]
    assert without_entries(toc) == [{"id": "a", "children": [{"id": "b", "children": []}]}]


def test_real_pages_sources_lists_match_their_citations(site_dir):
    checked = 0
    for html_file in sorted(site_dir.rglob("index.html")):
        rel = html_file.parent.relative_to(site_dir).as_posix()
        if rel == "es" or rel.startswith("es/"):       # the Spanish edition: docs/<page>.es.md
            src = f"{(rel[3:] or 'index')}.es.md"
        else:
            src = "index.md" if rel == "." else f"{rel}.md"
        if not (ROOT / "docs" / src).is_file():
            continue
        tree = page(site_dir, "index.md" if rel == "." else f"{rel}.md")
        same = lambda pairs: [(n, h[2:] if h.startswith("./#") else h) for n, h in pairs]   # ./#x is #x
        cites = same(cited_numbers(tree))
        listed = same(page_sources(tree))
        first_seen = list(dict.fromkeys(href for _, href in cites))
        assert [href for _, href in listed] == first_seen, src
        for number, href in cites:      # number n always points at the n-th listed source
            assert listed[int(number) - 1][1] == href, (src, number, href)
        checked += bool(cites)
    raw_cites = sum(bool(re.search(r"\[@[\w.-]+", p.read_text())) for p in (ROOT / "docs").rglob("*.md")
                    if p.name not in ("sources.md", "sources.es.md"))
    assert checked >= raw_cites
