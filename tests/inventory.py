"""What a built HTML file is made of, read from the HTML itself (never from a hand list).

A component is anything the page's markup can show a reader or a keyboard: every class token
(the guide's extensions, hooks and templates, and Material's), every element name, every
`role` value and every `data-*` attribute name. The template of a file and the kind of an
embed come from the build's output too (the 404 files, `main.omg-embed`, and the widget
catalogue in api/index.json). tests/test_gallery.py proves that the gallery and the walked
representatives hold every component any real page uses.
"""
from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lhtml


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def components(tree) -> set[str]:
    """`.class`, `<tag>`, `role=value` and `[data-attr]` of every element in the <body>."""
    body = tree.find(".//body")
    out: set[str] = set()
    for el in (body if body is not None else tree).iter():
        if not isinstance(el.tag, str):
            continue                      # comments, processing instructions
        out.add(f"<{el.tag}>")
        out.update(f".{c}" for c in (el.get("class") or "").split())
        if el.get("role"):
            out.add(f"role={el.get('role')}")
        out.update(f"[{a}]" for a in el.attrib if a.startswith("data-"))
    return out


def html_files(site: Path) -> list[str]:
    """Every HTML file of a build, as its path in the site ('' for the home page, 'faq/',
    '404.html'); the assets' own HTML (none today) is not a page."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        out.append(rel.removesuffix("index.html"))
    return out


def widget_kinds(site: Path) -> dict[str, str]:
    """Embed path -> widget kind, from the build's widget catalogue (api/index.json per language)."""
    out = {}
    for api in [site / "api" / "index.json", *sorted(site.glob("*/api/index.json"))]:
        if not api.is_file():
            continue
        data = json.loads(api.read_text(encoding="utf-8"))
        base = data["site_url"]
        for w in data.get("widgets", []):
            url = w["embed_url"]
            assert url.startswith(base), (url, base)
            out[url[len(base):]] = w["kind"]
    return out


def template_of(path: str, tree, kinds: dict[str, str]) -> str:
    """The template a built file comes from: `page`, `404`, `embed-page` or `embed-<widget kind>`."""
    if tree.xpath("//main[contains(concat(' ', @class, ' '), ' omg-embed ')]"):
        return f"embed-{kinds[path]}" if path in kinds else "embed-page"
    if path.endswith("404.html"):
        return "404"
    return "page"
