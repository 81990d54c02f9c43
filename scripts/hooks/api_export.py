"""MkDocs hook: write `api/pages/<page>.json` for every content page and `api/index.json`.

The format is documented in schemas/page.schema.json and schemas/index.schema.json.
Content pages are the same as for embeds (front matter `embed: false` leaves a page out).
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import Files

from mildguide import content as C
from mildguide import embed as E
from mildguide import export as X

_files: Files | None = None
_nav = None


def on_files(files: Files, config):
    global _files
    _files = files
    return files


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def pages():
    """The content pages (in the nav, not `embed: false`)."""
    return C.content_pages(_files, _nav.pages if _nav is not None else None)


def on_post_build(config):
    if _files is None:
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
