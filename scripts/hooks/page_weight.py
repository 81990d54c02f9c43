"""MkDocs hook: a lighter first load (see mildguide.page_weight).

Runs after the search plugin has written search/search_index.json (hooks run after plugins).
"""
import json
from pathlib import Path

from mildguide.page_weight import minify_css, trim_search_index

OWN_CSS = ("extra.css", "content.css", "checklist.css", "machinery.css", "reader.css",
           "embed.css", "clinic.css", "decision.css")


def on_post_build(config):
    site = Path(config["site_dir"])
    index = site / "search" / "search_index.json"
    if index.exists():
        data = trim_search_index(json.loads(index.read_text(encoding="utf-8")))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name in OWN_CSS:
        css = site / "assets" / "stylesheets" / name
        if css.exists():
            css.write_text(minify_css(css.read_text(encoding="utf-8")), encoding="utf-8")
