"""Material's stylesheets cut to what the site can use (mildguide.site.css_purge, issue 27):
the rules on a snippet, then the real build (every kept rule is Material's own, the rules the
pages and Material's scripts need are kept, the unused features are gone, the pages link the
cut files)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from mildguide.site import css_purge as P


def used(html="", js=""):
    return P.Used(P.html_words(html) | P.js_words(js))


def test_a_rule_is_kept_only_when_the_site_names_all_its_classes():
    u = used('<div class="md-typeset note"><p id="top">x</p></div>', 'e.className="md-tooltip2--"+side')
    css = (".md-typeset .note{color:red}.md-typeset .tabbed-set{display:flex}"
           "#top{margin:0}#gone{margin:0}.md-tooltip2--top{top:0}p{margin:0}"
           ".md-typeset .note,.md-typeset .tip{border:0}")
    assert P.purge(css, u) == (".md-typeset .note{color:red}#top{margin:0}.md-tooltip2--top{top:0}"
                               "p{margin:0}.md-typeset .note{border:0}")


def test_the_colour_switch_rule_goes_although_its_attribute_is_used():
    # Material's script sets data-md-color-switching on <body> at every load: the rule would
    # restyle the whole page twice (css_purge.DROPPED); the attribute's other uses stay.
    u = used('<body data-md-color-switching="" class="x">', "")
    css = ("[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}"
           "[data-md-color-scheme] .x{c:1}p{margin:0}")
    assert P.purge(css, u) == "[data-md-color-scheme] .x{c:1}p{margin:0}"


def test_a_script_word_of_a_component_counts_only_when_a_page_has_the_component():
    js = P.js_words('a="tabbed-labels";b="md-version__list";c="md-search-result__meta";d="success"')
    css = (".tabbed-labels{c:1}.md-version__list{c:2}.md-search-result__meta{c:3}"
           ".md-typeset .success{c:4}")
    page = '<div class="md-typeset">x</div><script id="__config">{"version": null}</script>'
    u = P.Used(P.html_words(page) | P.gate_js_words(js, P.triggered(page)))
    assert P.purge(css, u) == ".md-search-result__meta{c:3}"
    # A page with content tabs, a version provider and a success box keeps their styles.
    page += ('<div class="tabbed-set"></div><div class="admonition success"></div>'
             '<script id="__config">{"version": {"provider": "mike"}}</script>')
    u = P.Used(P.html_words(page) | P.gate_js_words(js, P.triggered(page)))
    assert P.purge(css, u) == css


def test_words_of_scripts_count_only_inside_their_strings():
    u = used("", 'var kd=1;x.classList.add("md-search-result__meta")')
    assert P.purge(".highlight .kd{c:1}.md-search-result__meta{c:2}", u) == ".md-search-result__meta{c:2}"


def test_media_blocks_are_cut_inside_and_dropped_when_empty_at_rules_kept():
    u = used('<header class="md-header"></header>')
    css = ("@media screen and (max-width:76em){.md-header{a:b}.md-blog{a:b}}"
           "@media print{.md-version{display:none}}@keyframes spin{0%{a:b}to{a:c}}"
           "@font-face{font-family:x;src:url(x.woff2)}")
    assert P.purge(css, u) == ("@media screen and (max-width:76em){.md-header{a:b}}"
                               "@keyframes spin{0%{a:b}to{a:c}}@font-face{font-family:x;src:url(x.woff2)}")


def test_attribute_values_and_functional_pseudo_classes():
    u = used('<body data-md-color-primary="indigo"><a href="#x" class="a">x</a></body>')
    css = ("[data-md-color-primary=indigo]{c:1}[data-md-color-primary=teal]{c:2}"
           '[href^="#"]{c:3}.a:not(.never){c:4}:is(.never,.a){c:5}[type=text i]{c:6}')
    assert P.purge(css, u) == ('[data-md-color-primary=indigo]{c:1}[href^="#"]{c:3}'
                               ".a:not(.never){c:4}:is(.never,.a){c:5}[type=text i]{c:6}")


def test_braces_and_semicolons_inside_strings_do_not_end_a_rule():
    u = used('<i class="a"></i>')
    css = '.a:before{content:"}{;"}.b:before{content:"}"}.a{background:url("data:x;a,{}")}'
    assert P.purge(css, u) == '.a:before{content:"}{;"}.a{background:url("data:x;a,{}")}'


def test_custom_properties_nothing_reads_are_dropped():
    css = (':root{--used:red;--icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--js-set:1}'
           ".a{color:var(--used)}")
    read = P.read_properties([css], used("", 'el.style.setProperty("--js-set",1)'))
    assert P.drop_unused_properties(css, read) == ":root{--used:red;--js-set:1}.a{color:var(--used)}"


def test_the_source_map_comment_goes_and_the_name_follows_the_content():
    assert P.purge(".a{b:c}/*# sourceMappingURL=main.1234abcd.min.css.map*/", used('<i class="a">')) == ".a{b:c}"
    assert P.hashed_name("main.1234abcd.min.css", "x") != P.hashed_name("main.1234abcd.min.css", "y")
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", P.hashed_name("main.1234abcd.min.css", "x"))


# -- the real build -------------------------------------------------------------------------

def _material_sheet(name: str) -> str:
    import material
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    [path] = folder.glob(f"{name}.*.min.css")
    return path.read_text(encoding="utf-8")


def _rules(css: str) -> list[str]:
    out = []
    for prelude, body in P.blocks(css):
        if body is not None and prelude.strip().startswith(("@media", "@supports")):
            out += _rules(body)
        elif body is not None:
            out.append((prelude, body))
    return out


def test_the_real_build_links_the_cut_sheets_and_keeps_only_materials_rules(site_dir):
    sheets = site_dir / "assets" / "stylesheets"
    for name in P.THEME_SHEETS:
        [cut] = sheets.glob(f"{name}.*.min.css")
        original = _material_sheet(name)
        text = cut.read_text(encoding="utf-8")
        assert len(gzip.compress(text.encode())) < 0.85 * len(gzip.compress(original.encode())), \
            f"{cut.name}: not cut"
        # Every kept selector and declaration is Material's own, in a rule Material has.
        originals = {}
        for prelude, body in _rules(original):
            for sel in P.split_selectors(prelude):
                originals.setdefault(sel, set()).update(P.declarations(body))
        for prelude, body in _rules(text):
            for sel in P.split_selectors(prelude):
                assert sel in originals, f"{cut.name}: {sel!r} is not Material's"
                assert set(P.declarations(body)) <= originals[sel], f"{cut.name}: {sel!r} changed"
        assert not list(sheets.glob(f"{name}.*.min.css.map"))
    for page in ("index.html", "faq/index.html", "es/sources/index.html", "404.html"):
        links = re.findall(r'href="([^"]*assets/stylesheets/(?:main|palette)\.[^"]+)"',
                           (site_dir / page).read_text(encoding="utf-8"))
        assert len(links) == 2, page
        for href in links:     # 404.html links from the site's root path (/guide/…)
            assert (sheets / href.rsplit("/", 1)[1]).is_file(), f"{page}: {href}"


def test_the_real_build_keeps_what_pages_and_scripts_use_and_drops_unused_features(site_dir):
    [main] = (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
    selectors = {s.strip() for prelude, _ in _rules(main.read_text(encoding="utf-8"))
                 for s in P.split_selectors(prelude)}
    text = " ".join(selectors)
    # On the pages: header, drawer, nav, admonitions. Made by Material's script: search
    # results, tooltips, the "back to top" button.
    for needed in (".md-header", ".md-nav__link", ".md-typeset .admonition", ".md-search-result__meta",
                   ".md-tooltip2", ".md-top", ".md-search__input"):
        assert needed in text, needed
    # Features the guide does not use: content tabs, the blog, code blocks with line numbers,
    # sortable tables, the announcement banner.
    for unused in (".tabbed-set", ".md-post", ".highlighttable", "role=columnheader", ".md-banner",
                   ".tabbed-labels", ".md-annotation", ".md-version__list", ".md-source__fact",
                   ".md-typeset .success"):
        assert unused not in text, unused
    [palette] = (site_dir / "assets" / "stylesheets").glob("palette.*.min.css")
    assert "[data-md-color-scheme=slate]" in palette.read_text(encoding="utf-8")
    assert "data-md-color-switching" not in palette.read_text(encoding="utf-8") + main.read_text(encoding="utf-8")
