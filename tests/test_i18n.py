"""The Spanish edition (issue 16; ARCHITECTURE.md "Spanish edition"), on the real build and on a copy
of the project with Spanish pages of our own (so these tests do not depend on which pages the
translators have finished).

- every English content page has a Spanish page at es/<page>/, or is shown there as the
  English page with the Spanish "not translated yet" notice;
- <html lang>, hreflang alternates (head and sitemap) and the language selector, both ways;
- Spanish 404, Spanish search index, Spanish UI words of our machinery;
- a change to an English page makes its Spanish page stale (notice, JSON export, report);
- a changed English warning sign alone fails the build.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, html

from mildguide import i18n
from mildguide import translation as T
from mildguide.settings import Settings, nav_entries
from pagemistakes import assert_caught
from sitebuild import ROOT, build, build_once, copy_project

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def nav_pages() -> list[str]:
    settings = Settings.from_file(ROOT / "mkdocs.yml")
    return [src for _, src in nav_entries(settings.nav)]


def url_of(src: str) -> str:
    return "" if src == "index.md" else src[:-3] + "/"


def tree(site: Path, rel: str):
    return html.fromstring((site / rel / "index.html").read_bytes())


def resolve(page_url: str, href: str) -> str:
    """Site-relative URL a link on the page at `page_url` points to (`/guide/` prefix dropped)."""
    import posixpath
    from urllib.parse import urlsplit
    path = urlsplit(href).path
    if path.startswith("/guide/"):
        path = path[len("/guide/"):]
    elif not path.startswith("/"):
        path = posixpath.normpath(posixpath.join("/" + page_url, path)).lstrip("/")
        path = "" if path == "." else path + ("/" if href.endswith("/") or href in ("./", "") else "")
    return path.lstrip("/")


# --------------------------------------------------------------------------- the real build

@pytest.mark.parametrize("src", nav_pages())
def test_every_page_has_a_spanish_page_or_the_notice(site_dir, src):
    es = tree(site_dir, "es/" + url_of(src))
    assert es.get("lang") == "es"
    translated = (ROOT / "docs" / i18n.localized(src, "es")).is_file()
    fallback = es.xpath("//aside[contains(@class, 'omg-i18n-fallback')]")
    if translated:
        assert not fallback, f"docs/{src}: translated, but es/ shows the not-translated notice"
    else:
        print(f"missing: docs/{i18n.localized(src, 'es')} (es/{url_of(src)} shows the English page)")
        assert fallback and "aún no está traducida" in fallback[0].text_content()
        link = fallback[0].xpath(".//a[@hreflang='en']/@href")
        assert link and resolve("es/" + url_of(src), link[0]) == url_of(src)
        # the English text under the notice says it is English
        assert es.xpath("//div[@class='omg-untranslated' and @lang='en']//h1")


@pytest.mark.parametrize("src", nav_pages())
def test_lang_hreflang_and_selector_both_ways(site_dir, src):
    en_url, es_url = url_of(src), "es/" + url_of(src)
    for here, lang in ((en_url, "en"), (es_url, "es")):
        page = tree(site_dir, here)
        assert page.get("lang") == lang, here
        alternates = {a.get("hreflang"): resolve(here, a.get("href"))
                      for a in page.xpath("//head/link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')][@hreflang]")}
        assert alternates == {"en": en_url, "es": es_url}, (here, alternates)
        selector = {a.get("hreflang"): resolve(here, a.get("href"))
                    for a in page.xpath("//a[contains(@class, 'md-select__link')][@hreflang]")}
        assert selector == {"en": en_url, "es": es_url}, (here, selector)


def test_sitemap_lists_both_languages_with_alternates(site_dir):
    root = etree.parse(str(site_dir / "sitemap.xml"))
    locs = root.xpath("//s:url/s:loc/text()", namespaces=SITEMAP_NS)
    for src in nav_pages():
        for prefix in ("", "es/"):
            loc = f"https://open-mild-guide.github.io/guide/{prefix}{url_of(src)}"
            assert loc in locs, loc
            url = root.xpath(f"//s:url[s:loc='{loc}']", namespaces=SITEMAP_NS)[0]
            langs = dict((link.get("hreflang"), link.get("href"))
                         for link in url.xpath("x:link[@rel='alternate']", namespaces=SITEMAP_NS))
            assert langs == {"en": f"https://open-mild-guide.github.io/guide/{url_of(src)}",
                             "es": f"https://open-mild-guide.github.io/guide/es/{url_of(src)}"}, loc


def test_spanish_404_and_english_404(site_dir):
    en = html.fromstring((site_dir / "404.html").read_bytes())
    es = html.fromstring((site_dir / "es" / "404.html").read_bytes())
    assert en.get("lang") == "en" and "Page not found" in en.text_content()
    assert es.get("lang") == "es" and "No encontramos esta página" in es.text_content()
    assert es.xpath("//a[@href='https://open-mild-guide.github.io/guide/es/']")


def test_search_index_stems_spanish_and_holds_only_translated_spanish_pages(site_dir):
    """Search `lang: [en, es]` (Spanish stemming); an untranslated Spanish page is the English
    page, so the plugin leaves its copy out of the index (no duplicate results)."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == ["en", "es"]
    assert (site_dir / "assets/javascripts/lunr/min/lunr.es.min.js").is_file()
    spanish = {d["location"].split("#")[0] for d in index["docs"] if d["location"].startswith("es/")}
    # The nav's pages and the handouts kept out of it (not_in_nav), which search finds too.
    settings = Settings.from_file(ROOT / "mkdocs.yml")
    hidden = {p.name for p in (ROOT / "docs").glob("*.md") if settings.not_in_nav_match(p.name)}
    built = set(nav_pages()) | {src for src in hidden if i18n.split(src)[1] == "en"}
    translated = {"es/" + url_of(src) for src in built
                  if (ROOT / "docs" / i18n.localized(src, "es")).is_file()}
    assert "es/decision-summary/" in translated
    assert spanish == translated


def test_machinery_words_are_spanish_on_spanish_pages(site_dir):
    page = tree(site_dir, "es/recovery/")
    assert "Esta guía no es consejo médico." in page.xpath("string(//aside[contains(@class, 'omg-disclaimer')])")
    assert page.xpath("//aside[contains(@class, 'omg-disclaimer')]/@aria-label") == ["Aviso médico"]
    assert page.xpath("//meta[@property='og:locale']/@content") == ["es_US"]
    status = page.xpath("string(//p[@class='omg-review-status'])")
    assert status == "Ningún profesional clínico ha revisado esta página todavía."
    assert page.xpath("string(//p[@class='omg-report']/a)") == "Informar de un problema en esta página"
    nav = " ".join(t.strip() for t in page.xpath("//nav[contains(@class, 'md-nav--primary')]//a//text()"
                                                 " | //nav[contains(@class, 'md-nav--primary')]//label//text()"))
    assert "Recuperación" in nav and "Preguntas frecuentes" in nav, nav


def test_table_of_contents_lists_are_named_in_the_page_language(site_dir):
    """A nested table-of-contents list is named "<heading>, on this page" in the page's language
    (overrides/partials/toc-item.html, i18n.STRINGS toc_section)."""
    for rel, ending in (("recovery/", ", on this page"), ("es/recovery/", ", en esta página")):
        names = tree(site_dir, rel).xpath("//nav[contains(@class, 'md-nav--secondary')]//nav/@aria-label")
        assert names and all(n.endswith(ending) for n in names), (rel, names)


def test_permalinks_are_named_in_the_page_language(site_dir):
    """mildguide.page.a11y names each heading's "¶" link in the language of the page's text
    (it was English on Spanish pages)."""
    for rel, link in (("compare/", "Link to this section"), ("es/compare/", "Enlace a esta sección")):
        assert set(tree(site_dir, rel).xpath("//article//a[@class='headerlink']/@aria-label")) == {link}, rel


def test_toc_depth_in_front_matter_lists_only_the_h2_headings(site_dir):
    """`toc_depth: 2` (the decision aid): both tables of contents list its options, not the same
    five sub-headings under each; a page without it still lists its h3 headings."""
    for rel in ("other-treatments/", "es/other-treatments/"):
        page = tree(site_dir, rel)
        for toc in page.xpath("//nav[contains(@class, 'md-nav--secondary')]"):
            links = toc.xpath(".//a/@href")
            assert "#mild" in links and "#mild-harms" not in links and not toc.xpath(".//nav"), (rel, links)
    assert tree(site_dir, "recovery/").xpath("//nav[contains(@class, 'md-nav--secondary')]//nav//a")


# --------------------------------------------------------------------------- a copy with Spanish pages

SPANISH_WORD = "convalecencia"      # a Spanish word no English page uses


def spanish_copy(src: Path, dest: Path, title: str) -> None:
    """A Spanish page made from the English one: Spanish title and a Spanish sentence, the
    English page's structure, citations and warning-sign sets kept (what CONTRIBUTING asks)."""
    text = src.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    text = text.replace("\n---\n", "\ntranslation:\n  of: " + src.name + "\n  source_hash: null\n"
                        "  translated_by: \"Test\"\n  medical_translator_review: none\n---\n", 1)
    text = re.sub(r"^(# .*)$", rf"\1\n\nEsta página habla de la {SPANISH_WORD} en casa.", text, count=1, flags=re.M)
    text = text.replace('!!! key-points "Key points"', '!!! key-points "Puntos clave"')
    # The prose stays English; the few English words that the Spanish build's own checks
    # would (rightly) flag on a real translation get their Spanish form: a card's level word,
    # an icon-array phrase, a word one slip from an English glossary term.
    for english, spanish in (("Emergency", "Emergencia"), (" in 100", " de cada 100"),
                             (" of 100", " de 100"), ("infection", "infección"),
                             ("on this page", "en esta página")):
        text = text.replace(english, spanish)
    dest.write_text(text, encoding="utf-8")


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "PATH": "/usr/bin:/bin", "HOME": str(project)}).stdout


NEW_SECTION = "## A new English section { #new-english }\n\nNew.[@src-000]"


@pytest.fixture(scope="session")
def es_project(tmp_path_factory, worker_id):
    """A copy of the project in its own git repository, with Spanish recovery and embedding
    pages stamped against the English pages; then recovery.md changes in English: its
    description, and a new section (NEW_SECTION), so the stale Spanish page also differs in
    structure (tests/test_i18n_structure.py). Built once per test run (build_once), however
    many xdist workers run these tests."""
    first = build_once(tmp_path_factory, worker_id, "i18n-current", _stamped_build)

    def stale(dest):
        project = first.project
        english = project / "docs" / "recovery.md"
        text = english.read_text(encoding="utf-8").replace("\ndescription: ", "\ndescription: Changed. ", 1)
        english.write_text(text.replace("\n## ", f"\n{NEW_SECTION}\n\n## ", 1), encoding="utf-8")
        git(project, "commit", "-qam", "English recovery changes")
        return build(project, project / "site-stale")

    second = build_once(tmp_path_factory, worker_id, "i18n-stale", stale)
    return first.project, first, second


def _stamped_build(dest):
    project = copy_project(dest / "project")
    docs = project / "docs"
    embedding = (docs / "embedding.es.md").read_text(encoding="utf-8")     # the real translation: its
    for old in docs.rglob("*.es.md"):                                     # examples are in Spanish too
        old.unlink()
    spanish_copy(docs / "recovery.md", docs / "recovery.es.md", "Recuperación")
    embedding = re.sub(r"source_hash: \S+", "source_hash: null", embedding, count=1)
    (docs / "embedding.es.md").write_text(re.sub(r"^(# .*)$", rf"\1\n\nUna palabra de prueba: {SPANISH_WORD}.",
                                                 embedding, count=1, flags=re.M), encoding="utf-8")
    assert T.stamp(docs) == ["embedding.es.md", "recovery.es.md"]       # no git yet: no commit
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "start")
    T.stamp(docs)                                                       # now with the commit
    git(project, "commit", "-qam", "stamp")
    return build(project, project / "site-current")


def test_spanish_page_current_then_stale(es_project):
    project, first, second = es_project
    assert first.ok, first.output
    assert second.ok, second.output                     # stale is a notice, not a failure
    current = tree(first.site, "es/recovery/")
    assert not current.xpath("//aside[contains(@class, 'omg-i18n-notice')]")
    # a draft: one short line before the <h1> says so in Spanish and links to the full note,
    # which comes after the page's content, with the credit (the title and main message
    # stay on the first phone screen)
    article = current.xpath("//article")[0]
    draft = article.xpath("./aside[contains(@class, 'omg-translation-draft')]")
    assert len(draft) == 2, "a draft page has its short line and its full note"
    line, note = draft
    assert [el.tag for el in article.iter("aside", "h1")][0] == "aside"
    assert line.get("role") == "note" and "Borrador de traducción" in line.text_content()
    assert "Todavía no la ha revisado un traductor médico" in line.text_content()
    assert len(" ".join(line.text_content().split())) < 120, "the top line grew back into a box"
    assert line.xpath(".//a/@href") == ["#" + note.get("id")]
    assert article.index(note) > article.index(article.xpath(".//h1/ancestor-or-self::*[parent::article]")[0])
    assert "con ayuda de inteligencia artificial" in note.text_content() and note.get("role") == "note"
    assert note.xpath("string(.//p[@class='omg-translation-credit'])") == "Traducción: Test."
    stale = tree(second.site, "es/recovery/")
    notice = stale.xpath("//aside[contains(@class, 'omg-i18n-stale')]")
    assert notice, "the stale Spanish page has no notice"
    text = notice[0].text_content()
    assert "La versión en inglés de esta página cambió el" in text and "desactualizada" in text
    day = notice[0].get("data-english-changed")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
    assert i18n.human_date(__import__("datetime").date.fromisoformat(day), "es") in text
    assert resolve("es/recovery/", notice[0].xpath(".//a[@hreflang='en']/@href")[0]) == "recovery/"
    # the notice is at the top: before the page's <h1>
    article = stale.xpath("//article")[0]
    order = [el.tag for el in article.iter("aside", "h1")]
    assert order[0] == "aside"
    # other Spanish pages are untouched
    assert not tree(second.site, "es/embedding/").xpath("//aside[contains(@class, 'omg-i18n-stale')]")


def test_spanish_page_is_in_the_search_index(es_project):
    _, first, _ = es_project
    index = json.loads((first.site / "search" / "search_index.json").read_text())
    hits = {d["location"].split("#")[0] for d in index["docs"] if SPANISH_WORD in d["text"]}
    assert hits == {"es/recovery/", "es/embedding/"}, hits          # the 2 Spanish pages only


def test_export_and_report_say_stale(es_project):
    project, first, second = es_project
    import jsonschema
    page_schema = json.loads((ROOT / "schemas/page.schema.json").read_text())
    index_schema = json.loads((ROOT / "schemas/index.schema.json").read_text())
    now = json.loads((first.site / "es/api/pages/recovery.json").read_text())
    later = json.loads((second.site / "es/api/pages/recovery.json").read_text())
    for record in (now, later):
        jsonschema.validate(record, page_schema)
        assert record["lang"] == "es" and record["embed_url"].endswith("/es/embed/recovery/")
    assert now["translation"]["state"] == "current"
    assert later["translation"]["state"] == "stale" and later["translation"]["since"]
    english = json.loads((second.site / "api/pages/recovery.json").read_text())
    assert english["lang"] == "en" and "translation" not in english
    index = json.loads((second.site / "es/api/index.json").read_text())
    jsonschema.validate(index, index_schema)
    assert index["lang"] == "es" and [p["slug"] for p in index["pages"]] == ["recovery"]
    report = T.report(project / "docs")
    print(report)
    assert re.search(r"^recovery\.es\.md +stale since \d{4}-\d{2}-\d{2}$", report, re.M)
    assert re.search(r"^embedding\.es\.md +current$", report, re.M)
    assert re.search(r"^faq\.es\.md +missing$", report, re.M)
    assert "+description: Changed." in report                       # the English diff since
    out = subprocess.run([sys.executable, "-m", "mildguide.translation", "report", "--docs",
                          str(project / "docs")], capture_output=True, text=True, cwd=project)
    assert out.returncode == 0 and "stale since" in out.stdout


def test_spanish_embeds_listed_on_the_spanish_embed_page(es_project):
    _, _, second = es_project
    site = second.site
    embed = html.fromstring((site / "es/embed/recovery/index.html").read_bytes())
    assert embed.get("lang") == "es"
    catalogue = tree(site, "es/embedding/")
    whole = catalogue.xpath("//h3[@id='whole-pages']/following-sibling::ul[1]//code/text()")
    assert whole == ["es/embed/recovery/"], whole         # the translated content pages only
    widgets = catalogue.xpath("//h3[starts-with(@id, 'widget-')]/following-sibling::p[1]//code/text()")
    assert widgets and all(w.startswith("es/embed/") for w in widgets), widgets
    assert "Páginas completas" in catalogue.xpath("string(//h3[@id='whole-pages'])")
    english = tree(site, "embedding/")
    assert "es/embed/recovery/" not in english.xpath("//h3[@id='whole-pages']/following-sibling::ul[1]//code/text()")


def test_spanish_page_cites_the_same_registry_with_spanish_labels(es_project):
    _, _, second = es_project
    page = tree(second.site, "es/recovery/")
    heading = page.xpath("//div[contains(@class, 'omg-page-sources')]/h2")
    assert heading and heading[0].get("id") == "sources-for-this-page"
    assert heading[0].text_content().startswith("Fuentes de esta página")
    cites = page.xpath("//sup[@class='omg-cite']/a")
    assert cites and cites[0].get("aria-label") == "Fuente 1"
    assert re.match(r"\.\./sources/[a-z-]+/#source-", cites[0].get("href"))     # the entry's group page
    cards = page.xpath("//div[contains(concat(' ', @class, ' '), ' care-emergency ')]")
    assert cards and "Llame al 911" in cards[0].text_content()
    assert "entumecimiento" in cards[0].text_content()
    assert "Emergencia" in cards[0].xpath("string(.//span[@class='omg-care-level'])")
    assert page.xpath("//p[@class='omg-review']/time")[0].text_content().split()[1] == "de"


def test_changed_english_warning_sign_alone_fails_the_build(tmp_path_factory, worker_id):
    """A sign's English text changed, its text_es not: an error at the sign's text_es line, in
    test_warning_signs' shared copy of warning-sign mistakes (its message alone fails a strict
    build; that test proves it is reported once and the others do not change it)."""
    from test_warning_signs import warning_sign_mistakes
    result, expects = warning_sign_mistakes(tmp_path_factory, worker_id)
    [line] = [n for _, n, words in expects if "'coughing-blood'" in words]     # text_es: 2 lines below text
    assert not result.ok
    assert re.search(rf"warning-signs\.yml:{line}: sign 'coughing-blood': its English 'text' changed "
                     r"after 'text_es' was translated", result.output), result.output


def test_spanish_page_without_the_english_warning_signs_fails(page_mistakes):
    """home-care.es.md made from the English page without its [[warning-signs: …]] line, in the
    shared copy of page-local mistakes (tests/pagemistakes.py)."""
    assert_caught(page_mistakes, "Spanish page without the English page's warning signs")
