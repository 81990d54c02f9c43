"""Issue 7.6: every page is findable — unique <title>, meta description from front matter,
canonical URL, Open Graph tags, lang attribute, sitemap.xml listing every page, robots.txt."""
from __future__ import annotations

from pathlib import Path

import yaml
from lxml import html
from mildguide.i18n import lang_of_url

from readerkit import built_html_pages, page_paths, site_base, sitemap_urls
from sitebuild import ROOT

DOCS = ROOT / "docs"


def front_matter(md: Path) -> dict:
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{md}: no front matter"
    try:
        return yaml.safe_load(text.split("---\n", 2)[1]) or {}
    except yaml.YAMLError as err:   # MkDocs then silently drops title and description
        raise AssertionError(f"{md.relative_to(ROOT)}: front matter is not valid YAML: {err}")


def source_for(path: str) -> Path:
    """docs/*.md for a built page path ('' -> index.md, 'risks/' -> risks.md; 'es/risks/' ->
    risks.es.md, or risks.md where the page has no Spanish translation yet)."""
    spanish = lang_of_url(path) == "es"
    name = (path[3:] if spanish else path).strip("/") or "index"
    candidates = [DOCS / f"{name}.es.md"] if spanish else []
    for candidate in (*candidates, DOCS / f"{name}.md", DOCS / name / "index.md"):
        if candidate.exists():
            return candidate
    raise AssertionError(f"no Markdown source for page {path!r}")


def head(site_dir: Path, path: str):
    return html.parse(str(site_dir / path / "index.html")).getroot()


def one(doc, xpath: str, path: str) -> str:
    found = doc.xpath(xpath)
    assert len(found) == 1, f"{path or '/'}: expected one {xpath}, found {len(found)}"
    return found[0].strip()


def test_sitemap_lists_every_page_and_nothing_else(site_dir):
    indexable = []
    for path in built_html_pages(site_dir):
        doc = head(site_dir, path)
        robots = " ".join(doc.xpath('//meta[@name="robots"]/@content')).lower()
        if "noindex" not in robots:      # e.g. embed-only pages opt out explicitly
            indexable.append(path)
    assert sorted(page_paths(site_dir)) == sorted(indexable)
    assert len(sitemap_urls(site_dir)) == len(set(sitemap_urls(site_dir))), "duplicate sitemap URLs"


def test_robots_txt_allows_crawling_and_points_to_the_sitemap(site_dir):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert not any(line.strip() == "Disallow: /" for line in robots)
    assert f"Sitemap: {site_base(site_dir)}sitemap.xml" in robots


def test_every_page_has_unique_title_description_canonical_og_and_lang(site_dir):
    base = site_base(site_dir)
    titles, descriptions = {}, {}
    for path in page_paths(site_dir):
        doc = head(site_dir, path)
        meta = front_matter(source_for(path))
        assert doc.get("lang") == lang_of_url(path), f"{path or '/'}: <html lang> is {doc.get('lang')!r}"
        title = one(doc, "//head/title/text()", path)
        description = one(doc, '//head/meta[@name="description"]/@content', path)
        assert meta.get("description"), f"{source_for(path).name}: front matter has no description"
        assert description == " ".join(str(meta["description"]).split()), path
        assert 0 < len(description) <= 160, f"{path or '/'}: description is {len(description)} characters"
        assert str(meta.get("title", "")).strip() in title, (path, title)
        canonical = one(doc, '//head/link[@rel="canonical"]/@href', path)
        assert canonical == base + path, (path, canonical)
        assert one(doc, '//head/meta[@property="og:title"]/@content', path) == str(meta["title"]).strip()
        assert one(doc, '//head/meta[@property="og:description"]/@content', path) == description
        assert one(doc, '//head/meta[@property="og:url"]/@content', path) == canonical
        assert one(doc, '//head/meta[@property="og:type"]/@content', path) == (
            "website" if path in ("", "es/") else "article")
        titles.setdefault(title, []).append(path)
        if lang_of_url(path) == "es" and not source_for(path).name.endswith(".es.md"):
            continue    # an untranslated page's Spanish copy: the English page's words, by design
        descriptions.setdefault(description, []).append(path)
    assert not {t: p for t, p in titles.items() if len(p) > 1}, "duplicate <title>s"
    assert not {d: p for d, p in descriptions.items() if len(p) > 1}, "duplicate descriptions"
