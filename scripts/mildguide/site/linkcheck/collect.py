"""Collect what the checker reads from the built site: its files and folders, and from each
HTML page its ids, its URLs (all, and those in page content), social <meta> URLs, JSON-LD and
unsafe markup. `scan_page` is pure, so big sites parse their pages in worker processes.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from lxml import etree

from .registry import URL_VALUE

# JSON keys whose value names a vocabulary, not a link a reader follows.
JSON_IDENTIFIER_KEYS = {"@context", "$schema"}
URL_ATTRS_XPATH = etree.XPath("//@href | //@src | //@poster", smart_strings=False)
URL_ATTRS_XPATH_REL = etree.XPath(".//@href | .//@src | .//@poster", smart_strings=False)
SRCSET_XPATH = etree.XPath("//@srcset", smart_strings=False)
SRCSET_XPATH_REL = etree.XPath(".//@srcset", smart_strings=False)
ID_XPATH = etree.XPath("//@id | //a/@name", smart_strings=False)
ARTICLE_XPATH = etree.XPath("//article[1]")
META_URL_XPATH = etree.XPath(
    "//meta[@content and (starts-with(@property, 'og:') or starts-with(@name, 'twitter:'))]")
JSONLD_XPATH = etree.XPath("//script[@type='application/ld+json']")
UNSAFE_IN_CONTENT = etree.XPath(".//script[not(@type='application/ld+json' or @type='application/json')]"
                                " | .//@*[starts-with(name(), 'on')]")


def site_files(site_dir: Path) -> tuple[set[str], set[str]]:
    """(every file, every folder) the build wrote, site-relative ("" is the site's root)."""
    files: set[str] = set()
    dirs: set[str] = {""}
    for dirpath, dirnames, filenames in os.walk(site_dir):
        rel = os.path.relpath(dirpath, site_dir).replace(os.sep, "/")
        rel = "" if rel == "." else rel
        for d in dirnames:
            dirs.add(f"{rel}/{d}" if rel else d)
        for f in filenames:
            files.add(f"{rel}/{f}" if rel else f)
    return files, dirs


def srcset_urls(values) -> list[str]:
    out = []
    for value in values:
        for candidate in value.split(","):
            token = candidate.strip().split(" ", 1)[0]
            if token:
                out.append(token)
    return out


def scan_page(path: str):
    """Parse one HTML file (pure; runs in worker processes on big sites)."""
    try:
        tree = etree.parse(path, etree.HTMLParser(encoding="utf-8"))
    except (etree.XMLSyntaxError, OSError):
        return None
    return scan_tree(tree)


def scan_tree(tree):
    """What the checker needs from one parsed page (the post-build pass hands its parse over)."""
    if tree is None or tree.getroot() is None:
        return None
    ids = ID_XPATH(tree)
    all_urls = URL_ATTRS_XPATH(tree) + srcset_urls(SRCSET_XPATH(tree))
    content_urls: list[str] = []
    unsafe: list[tuple[str, str]] = []
    articles = ARTICLE_XPATH(tree)
    if articles:
        article = articles[0]
        content_urls = URL_ATTRS_XPATH_REL(article) + srcset_urls(SRCSET_XPATH_REL(article))
        for el in UNSAFE_IN_CONTENT(article):
            if isinstance(el, str):       # an on… attribute
                unsafe.append((f"inline event handler `{el.attrname}=` in page content", el.attrname + "="))
            else:
                unsafe.append(("<script> in page content", "<script"))
    extra = [v for v in (m.get("content", "") for m in META_URL_XPATH(tree)) if URL_VALUE.match(v)]
    json_data, bad_json = [], False
    for script in JSONLD_XPATH(tree):
        try:
            json_data.append(json.loads(script.text or "null"))
        except ValueError:
            bad_json = True
    return ids, content_urls, all_urls, extra, json_data, unsafe, bad_json
