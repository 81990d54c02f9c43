"""Smaller first load for readers (issue 7.3). Pure functions used by the post-build pass.

Material fetches the whole search index on every first page load, so what it holds costs
every reader bytes. `trim_search_index` keeps what a reader searches for (page and section
titles and their text) and drops what nobody searches for: each page's repeated
"Sources for this page" list, the "Last reviewed" line, citation numbers and HTML tags.
`minify_css` strips comments and layout whitespace from the guide's own stylesheets
(the readable sources stay in docs/assets/stylesheets/).
"""
from __future__ import annotations

import html
import re

SOURCES_SECTION = "#sources-for-this-page"
_SUP = re.compile(r"<sup\b[^>]*>.*?</sup>", re.S)
_REVIEW = re.compile(r"<p>\s*Last reviewed\b.*?</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(text: str) -> str:
    text = _REVIEW.sub(" ", _SUP.sub("", text))
    text = _TAG.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    # Keep the characters that HTML needs escaped escaped: Material renders the text as HTML.
    return html.escape(html.unescape(text), quote=False)


def trim_search_index(index: dict) -> dict:
    docs = []
    for doc in index.get("docs", []):
        if doc.get("location", "").endswith(SOURCES_SECTION):
            continue
        docs.append({**doc, "text": plain_text(doc.get("text", ""))})
    return {**index, "docs": docs}


_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AROUND = re.compile(r"\s*([{};])\s*")


def minify_css(css: str) -> str:
    css = _COMMENT.sub("", css)
    css = _AROUND.sub(r"\1", css)
    css = re.sub(r"\n\s*", " ", css)
    return css.replace(";}", "}").strip() + "\n"
