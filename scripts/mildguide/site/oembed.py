"""oEmbed (https://oembed.com/) as static files: `oembed/<page>.json` for each page's embed,
and the discovery `<link>` a CMS looks for in the page's <head>.

A static host cannot answer `?url=…&maxwidth=…`, so each page points at its own file
(discovery, section 4 of the spec) and the file ignores query parameters. The `html` is the
Embed page's snippet (mildguide.site.embed.snippet) with a fixed height: where the CMS keeps the
script the frame sizes itself; where it strips it (WordPress does, for sites not on its
list), the frame keeps a fixed height that holds the whole embed at a phone's width
(mildguide.site.embed_heights.fixed_height: measured, plus a margin), so the credit and the
"not medical advice" line at its bottom are never cut off; on a wide screen there is blank
space below instead.
"""
from __future__ import annotations

import html as _html

from .. import content as C
from . import embed as E
from . import embed_heights as H

OEMBED_DIR = "oembed/"
TYPE = "application/json+oembed"
WIDTH = H.WIDTH              # the width the record asks for: a common content column


def oembed_url(slug: str) -> str:
    return f"{OEMBED_DIR}{slug}.json"


def oembed_record(*, title: str, embed_path: str, site_url: str, provider_name: str,
                  provider_url: str, author_name: str | None = None, author_url: str | None = None,
                  brand: str = C.GUIDE_NAME, embed_html: str | None = None) -> dict:
    """An oEmbed 1.0 `rich` response for the embed page at site-relative `embed_path`
    (`embed_html`: its HTML, for the height of an embed not measured yet)."""
    height = H.fixed_height(embed_path, embed_html)
    record = {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "html": E.snippet(embed_path, site_url, title, height=height, brand=brand),
        "width": WIDTH,
        "height": height,
    }
    if author_name:
        record["author_name"] = author_name
        if author_url:
            record["author_url"] = author_url
    return record


# `rel` is a set of space-separated tokens, so " alternate" IS rel=alternate for HTML and for
# oEmbed consumers (WordPress matches on `type` and `href` alone). The leading space keeps it out
# of Material's `link[rel=alternate]` (an exact CSS match), which treats every such link as a
# translation of the site and fetches `sitemap.xml` next to its href: from site_url's host, a
# request to another host whenever the site is served anywhere else.
REL = " alternate"


def discovery_link(href: str, title: str, brand: str = C.GUIDE_NAME) -> str:
    return (f'<link rel="{REL}" type="{TYPE}" href="{_html.escape(href, quote=True)}" '
            f'title="{_html.escape(title + " (" + brand + ")", quote=True)}">')


def add_discovery(page_html: str, link: str) -> str:
    """`page_html` with `link` at the end of its <head> (once; unchanged without a </head>)."""
    at = page_html.find("</head>")
    if f'type="{TYPE}"' in page_html or at < 0:
        return page_html
    return page_html[:at] + link + "\n" + page_html[at:]
