"""JSON export of pages for clinic content systems: `api/pages/<page>.json` and `api/index.json`.

Pure functions; the format is documented by schemas/page.schema.json and schemas/index.schema.json.
Links inside section HTML are absolute (from `site_url`) so imported text still works; without a
`site_url` they are relative to the JSON file's own URL.
"""
from __future__ import annotations

import copy

from mildguide import content as C

SCHEMA_VERSION = 1
LICENSE = "Text CC BY 4.0"
API_DIR = "api/"


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
    """Readable text: citation superscripts dropped, one blank line between blocks."""
    el = copy.deepcopy(element)
    for sup in el.xpath(".//sup[.//a[contains(@href, 'source-')]] | .//sup[contains(@class, 'cite')]"):
        sup.drop_tree()
    blocks = []
    for child in el:
        text = C.text_of(child)
        if text:
            blocks.append(text)
    lead = (el.text or "").strip()
    return "\n\n".join(([lead] if lead else []) + blocks)


def sections(root, title: str) -> list[dict]:
    """Split content (h1 and sources list already removed) at each h2."""
    out: list[dict] = []
    current = {"id": None, "heading": title, "level": 1, "nodes": []}
    for child in list(root):
        if child.tag == "h2":
            out.append(current)
            current = {"id": child.get("id"), "heading": C.text_of(child), "level": 2, "nodes": []}
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
        result.append({"id": s["id"], "heading": s["heading"], "level": s["level"],
                       "html": C.to_html(box).strip(), "text": plain_text(box)})
    return result


def page_record(*, slug: str, title: str, description: str, meta: dict, page_url: str,
                content_html: str, site_url: str, registry: dict, lang: str = "en",
                translation: dict | None = None) -> dict:
    root = C.as_root(content_html)
    C.strip_chrome(root)
    for h1 in root.xpath("./h1")[:1]:
        h1.drop_tree()
    C.split_page_sources(root)
    ids = C.citation_ids(root, page_url)
    cited = C.sources_for(ids, registry, root, page_url)
    prefix = "" if lang == "en" else f"{lang}/"
    from_dir = f"{prefix}{API_DIR}pages/"
    absolutize(root, page_url, site_url, from_dir)
    record = {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "slug": slug,
        "title": title,
        "description": description or "",
        "reviewed": C.iso_date(meta.get("reviewed")),
        "next_review": C.iso_date(meta.get("next_review")),
        "url": _url(site_url, page_url, from_dir),
        "embed_url": _url(site_url, f"{prefix}embed/{slug}/", from_dir),
        "license": LICENSE,
        "sections": sections(root, title),
        "sources": [{"id": s.id, "title": s.title,
                     "url": s.url, "guide_url": _url(site_url, f"{prefix}sources/", from_dir) + f"#source-{s.id}"}
                    for s in cited],
    }
    if translation is not None:     # a Spanish page: which English page, and is it up to date
        record["translation"] = translation
    return record


def index_record(*, site_name: str, site_url: str, pages: list[dict], widgets: list,
                 lang: str = "en") -> dict:
    prefix = "" if lang == "en" else f"{lang}/"
    return {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "site_name": site_name,
        "site_url": site_url or None,
        "license": LICENSE,
        "pages": [{"slug": p["slug"], "title": p["title"], "description": p["description"],
                   "reviewed": p["reviewed"], "next_review": p["next_review"], "url": p["url"],
                   "json": f"pages/{p['slug']}.json", "embed_url": p["embed_url"]} for p in pages],
        "widgets": [{"id": w.id, "page": w.page_slug, "kind": w.kind, "title": w.title,
                     "embed_url": _url(site_url, w.url, prefix + API_DIR)} for w in widgets],
    }
