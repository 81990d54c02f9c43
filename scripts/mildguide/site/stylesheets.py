"""One render-blocking stylesheet: the guide's own CSS files joined into one at build time.

mkdocs.yml lists a single `extra_css` entry (BUNDLE) and, under `extra.stylesheets`, the
readable source files in docs/assets/stylesheets/ in cascade order. The post-build pass
writes BUNDLE from them (minified), under every generator. The source files stay in the
site too: embed pages load a light subset of them (EMBED_SHARED), never the whole bundle.
"""
from __future__ import annotations

from pathlib import Path

from .page_weight import minify_css

BUNDLE = "assets/stylesheets/guide.css"
DEFAULT_SOURCES = ("assets/stylesheets/extra.css", "assets/stylesheets/content.css",
                   "assets/stylesheets/machinery.css", "assets/stylesheets/reader.css",
                   "assets/stylesheets/clinics.css", "assets/stylesheets/decision.css")
# Content conventions (care cards, timeline, tables, citations) that embed pages also need.
EMBED_SHARED = ("content.css", "machinery.css", "clinic.css", "decision.css")


def sources(extra: dict | None) -> list[str]:
    """The bundle's source files (site-relative), from `extra.stylesheets` in the config."""
    listed = (extra or {}).get("stylesheets")
    return [str(s) for s in listed] if listed else list(DEFAULT_SOURCES)


def bundle_css(docs_dir: str | Path, files: list[str]) -> str:
    """The bundle's text: each source minified, in order, with a comment naming it."""
    parts = []
    for rel in files:
        path = Path(docs_dir) / rel
        parts.append(f"/* {rel} */\n" + minify_css(path.read_text(encoding="utf-8")))
    return "".join(parts)


def embed_css(extra: dict | None, extra_css) -> list[str]:
    """Site-relative stylesheets an embed page loads after embed.css."""
    candidates = sources(extra) + [str(c) for c in extra_css or ()]
    out = []
    for c in candidates:
        if c.rsplit("/", 1)[-1] in EMBED_SHARED and c not in out:
            out.append(c)
    return out
