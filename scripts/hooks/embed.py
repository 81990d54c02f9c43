"""MkDocs hook: chrome-less embed pages for every content page and widget, and the snippet page.

Content pages are every Markdown page whose front matter does not say `embed: false`.
Writes `embed/<page>/index.html` and `embed/<page>/<widget-id>/index.html` after the build,
from each page's rendered content (after every other hook's on_page_content).
The page holding `<!-- embed-widgets -->` (docs/embedding.md) gets the widget catalogue.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from mildguide import content as C
from mildguide import embed as E

# on_files / on_nav remember the build's pages; pages() lists the content pages.
_site = C.ContentPageTracker()
on_files = _site.on_files
on_nav = _site.on_nav
pages = _site.pages


# Our own small stylesheets that style content conventions (care cards, timeline, table,
# citations) and the clinic's colours; embed pages load them after embed.css. Material's
# own CSS (100 KB+) and site-chrome styles are never loaded.
EMBED_SHARED_CSS = ("content.css", "machinery.css", "clinic.css", "decision.css")


def embed_css(config) -> list[str]:
    return [str(c) for c in config.extra_css if str(c).rsplit("/", 1)[-1] in EMBED_SHARED_CSS]


def on_page_context(context, page, config, nav):
    if page.content and E.SNIPPET_PLACEHOLDER in page.content and _site.ready:
        page.content = page.content.replace(
            E.SNIPPET_PLACEHOLDER, catalogue_html(E.all_widgets(pages()), page, config))
    return context


def catalogue_html(widgets, here, config) -> str:
    """Every widget (and every page) with a live preview and a copy-paste snippet."""
    site_url = config.site_url or ""
    parts = []
    for w in widgets:
        rel = C.relative_url(w.url, here.url)
        code = escape(E.snippet(w.url, site_url, w.title))
        parts.append(
            f'<h3 id="widget-{escape(w.page_slug)}-{escape(w.id)}">{escape(w.title)}</h3>\n'
            f'<p>{escape(w.description)}. Address: <a href="{escape(rel)}"><code>{escape(w.url)}</code></a></p>\n'
            f'<p><strong>Code to paste:</strong></p>\n'
            f'<pre class="omg-snippet"><code>{code}</code></pre>\n'
            f'<p><strong>Preview:</strong></p>\n'
            f'<iframe class="omg-preview" src="{escape(rel)}" title="Preview: {escape(w.title)}" '
            f'data-omg-embed width="100%" height="480" loading="lazy"></iframe>\n')
    items = []
    for page in pages():
        url = E.page_embed_url(C.page_slug(page.file.src_uri))
        items.append(f'<li><a href="{escape(C.relative_url(url, here.url))}">{escape(C.page_title(page))}</a>'
                     f' — <code>{escape(url)}</code></li>')
    parts.append('<h3 id="whole-pages">Whole pages</h3>\n<p>Every page of the guide also has an '
                 'embed version. Use the same snippet with one of these addresses:</p>\n'
                 f'<ul>{"".join(items)}</ul>\n')
    return "\n".join(parts)


def on_post_build(config):
    if not _site.ready:
        return
    site = Path(config.site_dir)
    registry = C.load_sources(config.docs_dir)
    clinic = dict(config.extra.get("clinic") or {}) or None
    extra_css = embed_css(config)
    for page in pages():
        slug = C.page_slug(page.file.src_uri)
        title = C.page_title(page)
        # The whole page.
        body = C.fragment(page.content)
        C.strip_chrome(body)
        for h1 in body.xpath("./h1")[:1]:
            h1.drop_tree()
        page_sources = C.split_page_sources(body)
        url = E.page_embed_url(slug)
        _write(site, url, E.build_embed(
            title=title, body=body, page_url=page.url, embed_url=url, meta=page.meta,
            page_title=title, registry=registry, clinic=clinic, extra_css=extra_css,
            page_sources=page_sources))
        # Its widgets: only the sources each one cites.
        for w in E.find_widgets(slug, page.content, title):
            body = E.widget_fragment(w, page.content)
            _write(site, w.url, E.build_embed(
                title=w.title, body=body, page_url=page.url, embed_url=w.url, meta=page.meta,
                page_title=title, registry=registry, clinic=clinic,
                extra_css=extra_css))


def _write(site: Path, url: str, text: str) -> None:
    target = site / url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
