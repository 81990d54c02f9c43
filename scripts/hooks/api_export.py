"""MkDocs hook: write `api/pages/<page>.json` for every content page and `api/index.json`.

The format is documented in schemas/page.schema.json and schemas/index.schema.json.
Content pages are the same as for embeds (front matter `embed: false` leaves a page out).
"""
from __future__ import annotations

import json
from pathlib import Path

from mildguide import content as C
from mildguide import embed as E
from mildguide import export as X

# on_files / on_nav remember the build's pages; pages() lists the content pages.
_site = C.ContentPageTracker()
on_files = _site.on_files
on_nav = _site.on_nav
pages = _site.pages


def on_post_build(config):
    if not _site.ready:
        return
    site = Path(config.site_dir)
    registry = C.load_sources(config.docs_dir)
    site_url = config.site_url or ""
    records = []
    for page in pages():
        slug = C.page_slug(page.file.src_uri)
        record = X.page_record(slug=slug, title=C.page_title(page),
                               description=page.meta.get("description", ""), meta=page.meta,
                               page_url=page.url, content_html=page.content, site_url=site_url,
                               registry=registry)
        _write(site / X.page_json_url(slug), record)
        records.append(record)
    widgets = E.all_widgets(pages())
    _write(site / X.API_DIR / "index.json",
           X.index_record(site_name=config.site_name, site_url=site_url, pages=records, widgets=widgets))


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
