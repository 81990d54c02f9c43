"""JSON export of pages for clinic content systems: `api/pages/<page>.json` and `api/index.json`.

Pure functions; the format is documented by schemas/page.schema.json and schemas/index.schema.json
(published with the site under schemas/, at their `$id`). Links inside section HTML are absolute
(from `site_url`) so imported text still works; without a `site_url` they are relative to the
JSON file's own URL. Text keeps block boundaries as line breaks, and each section lists its
care cards, Key points, FAQ questions and Sources differ boxes as structured blocks
(mildguide.site.export_blocks); `modified` and `content_hash` come from mildguide.site.versions.
"""
from __future__ import annotations

import copy
import re

from .. import content as C
from . import export_blocks as B
from ..attribution import attribution
from .html_space import collapse
from .versions import content_hash

SCHEMA_VERSION = 1
LICENSE = "Text CC BY 4.0"
API_DIR = "api/"
SCHEMA_DIR = "schemas/"
# A source the guide was first written from (docs/sources.md `details`: "Project source file
# 000_….txt"): a web page kept as a file, with no public address.
SOURCE_DOCUMENT = re.compile(r"^Project source file \S+\.txt\b")


def page_json_url(slug: str, prefix: str = "") -> str:
    """`api/pages/<slug>.json`; the Spanish edition's under `es/api/pages/`."""
    return f"{prefix}{API_DIR}pages/{slug}.json"


def _url(site_url: str, path: str, from_dir: str) -> str:
    """Absolute URL of a site path when `site_url` is known, else relative from `from_dir`."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return C.relative_url(path, from_dir)


def absolutize(root, page_url: str, site_url: str, from_dir: str) -> None:
    for el, attr in [(a, "href") for a in root.iter("a")] + [(i, "src") for i in root.iter("img")]:
        value = el.get(attr)
        if not value:
            continue
        resolved = C.site_path(page_url, value)
        if resolved:
            path, query, frag = resolved
            el.set(attr, C.with_parts(_url(site_url, path, from_dir), query, frag))


def plain_text(element) -> str:
    """Readable text: citation superscripts dropped, a blank line between top-level blocks and
    a line break between the blocks inside them (mildguide.site.export_blocks.block_text)."""
    return B.block_text(element)


def sections(root, title: str) -> list[dict]:
    """Split content (h1 and sources list already removed) at each h2."""
    out: list[dict] = []
    current = {"id": None, "heading": title, "level": 1, "nodes": []}
    for child in list(root):
        if child.tag == "h2":
            out.append(current)
            current = {"id": child.get("id"), "heading": C.text_of(child), "level": 2, "nodes": [],
                       "h2": child}
        else:
            current["nodes"].append(child)
    out.append(current)
    result = []
    for s in out:
        box = C.fragment("")
        for node in s["nodes"]:
            box.append(copy.deepcopy(node))
        if not len(box) and s["level"] == 1:
            continue                      # no introduction before the first h2
        record = {"id": s["id"], "heading": s["heading"], "level": s["level"],
                  "html": collapse(C.to_html(box)).strip(), "text": plain_text(box)}
        if (s["id"] or "").startswith("faq-"):    # a one-topic FAQ page: the section is the question
            box.insert(0, copy.deepcopy(s["h2"]))
        record["blocks"] = B.structured_blocks(box)
        result.append(record)
    return result


def schema_url(site_url: str, name: str, from_dir: str) -> str:
    """Where the build publishes schemas/<name> (its `$id` there)."""
    return _url(site_url, SCHEMA_DIR + name, from_dir)


def source_record(s: C.Source, site_url: str, from_dir: str, prefix: str = "") -> dict:
    """A cited source, with what a CMS needs to show one that has no address (`url: null`)."""
    kind = "source-document" if s.details and SOURCE_DOCUMENT.match(s.details) else "reference"
    return {"id": s.id, "title": s.title, "url": s.url,
            "guide_url": _url(site_url, prefix + s.entry_path(), from_dir) + f"#source-{s.id}",
            "kind": kind, "description": s.kind or s.title, "details": s.details}


def page_record(*, slug: str, title: str, description: str, meta: dict, page_url: str,
                content_html: str, site_url: str, registry: dict, lang: str = "en",
                translation: dict | None = None, modified: str | None = None,
                clinic: dict | None = None) -> dict:
    root = C.as_root(content_html)
    C.strip_chrome(root)
    for h1 in root.xpath("./h1")[:1]:
        h1.drop_tree()
    C.split_page_sources(root)
    ids = C.citation_ids(root, page_url)
    cited = C.sources_for(ids, registry, root, page_url)
    reviewed = C.iso_date(meta.get("reviewed"))
    # the hash is taken before links become absolute, so it does not depend on site_url, and
    # over the HTML as the whitespace cut leaves it (mildguide.site.html_space), so the same
    # page gives the same hash whether or not that cut has run yet
    digest = content_hash(title, description or "", reviewed, collapse(C.to_html(root)), ids)
    prefix = "" if lang == "en" else f"{lang}/"
    from_dir = f"{prefix}{API_DIR}pages/"
    absolutize(root, page_url, site_url, from_dir)
    url = _url(site_url, page_url, from_dir)
    record = {
        "$schema": schema_url(site_url, "page.schema.json", from_dir),
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "slug": slug,
        "title": title,
        "description": description or "",
        "reviewed": reviewed,
        "next_review": C.iso_date(meta.get("next_review")),
        "modified": modified or (reviewed + "T00:00:00Z" if reviewed else None),
        "content_hash": digest,
        "url": url,
        "embed_url": _url(site_url, f"{prefix}embed/{slug}/", from_dir),
        "license": LICENSE,
        "attribution": attribution(title=title, page_path=page_url, page_url=url, clinic=clinic),
        "sections": sections(root, title),
        "sources": [source_record(s, site_url, from_dir, prefix) for s in cited],
    }
    if translation is not None:     # a Spanish page: which English page, and is it up to date
        record["translation"] = translation
    return record


def widget_hash(fragment) -> str:
    """content_hash of a widget's embed content (before links are rewritten for the embed)."""
    return content_hash(collapse(C.to_html(fragment)), B.cited_ids(fragment))


def index_record(*, site_name: str, site_url: str, pages: list[dict], widgets: list,
                 widget_versions: dict | None = None, clinic: dict | None = None,
                 lang: str = "en") -> dict:
    """`widget_versions`: widget url -> (modified, content_hash)."""
    versions = widget_versions or {}
    prefix = "" if lang == "en" else f"{lang}/"
    return {
        "$schema": schema_url(site_url, "index.schema.json", prefix + API_DIR),
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "site_name": site_name,
        "site_url": site_url or None,
        "license": LICENSE,
        "attribution": attribution(title=None, page_path="", page_url=_url(site_url, prefix, prefix + API_DIR),
                                   clinic=clinic),
        "changes": _url(site_url, "changes.json", prefix + API_DIR),
        "pages": [{"slug": p["slug"], "lang": p["lang"], "title": p["title"],
                   "description": p["description"], "reviewed": p["reviewed"],
                   "next_review": p["next_review"], "modified": p["modified"],
                   "content_hash": p["content_hash"], "url": p["url"],
                   "json": f"pages/{p['slug']}.json", "embed_url": p["embed_url"]} for p in pages],
        "widgets": [{"id": w.id, "page": w.page_slug, "kind": w.kind, "title": w.title,
                     "embed_url": _url(site_url, w.url, prefix + API_DIR),
                     "modified": versions.get(w.url, (None, None))[0],
                     "content_hash": versions.get(w.url, (None, None))[1]} for w in widgets],
    }
